"""Error codes from the core, in the user's language. Codes not listed fall back to English."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCoreApplication

from desk.platform.errors import DeskError

translate = QCoreApplication.translate


# Each entry is a function so that the text is looked up in the language in force when shown.
_TEMPLATES: dict[str, Callable[[], str]] = {
    "auth.unknown_staff": lambda: translate("errors", "No active staff member with id {staff_id}."),
    "auth.wrong_pin": lambda: translate(
        "errors", "Wrong PIN. {remaining} tries left before the account locks."
    ),
    "auth.locked": lambda: translate(
        "errors", "Too many wrong PINs: this account is locked until {until}."
    ),
    "auth.forbidden": lambda: translate("errors", "Your role may not do this ({command})."),
    "auth.pin_too_short": lambda: translate("errors", "A PIN has at least {min_length} digits."),
    "auth.pin_not_digits": lambda: translate("errors", "A PIN is made of digits only."),
    "value.required": lambda: translate("errors", "Please fill in {field}."),
    "db.not_a_database": lambda: translate(
        "errors", "{path} is not a Service Desk database, or it is damaged."
    ),
    "db.read_only": lambda: translate("errors", "Cannot write to {path}: it is read-only."),
    "db.newer_schema": lambda: translate(
        "errors", "This database was written by a newer version ({found})."
    ),
    "db.locked": lambda: translate("errors", "The database is busy in another program. Try again."),
    "device.not_initialised": lambda: translate(
        "errors", "This counter is not set up yet (desk init or desk demo)."
    ),
    "task.failed": lambda: translate("errors", "Something went wrong: {detail}"),
}


@lru_cache(maxsize=1)
def _all_templates() -> dict[str, Callable[[], str]]:
    """With the capabilities' codes. Imported on first use: ui/returns' pages import this module,
    so importing ui.returns.words at the top would make `import ui.errors` first a cycle."""
    from ui.closure.words import CODES as CLOSURE_CODES
    from ui.returns.words import CODES as RETURN_CODES
    from ui.sync.words import CODES as SYNC_CODES

    return {**_TEMPLATES, **RETURN_CODES, **SYNC_CODES, **CLOSURE_CODES}


def error_text(error: BaseException) -> str:
    if isinstance(error, DeskError):
        template = _all_templates().get(error.code)
        if template is None:
            return error.message
        try:
            return template().format(**error.params)
        except (KeyError, IndexError):
            return error.message
    return _TEMPLATES["task.failed"]().format(detail=str(error) or type(error).__name__)


def known_codes() -> set[str]:
    return set(_all_templates())


def describe(value: Any) -> str:
    return error_text(value) if isinstance(value, BaseException) else str(value)
