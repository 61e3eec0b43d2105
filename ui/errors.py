"""Errors in the user's language: the words of every code come from the capabilities' catalogues
(desk/<capability>/errors.py, printing/errors.py), in the language in force (ui/i18n.py).

The catalogue is gathered when the first error is shown, not when this module is imported: it
comes through desk.capabilities, i.e. every capability and SQLAlchemy, which the login window must
not wait for (the database worker imports them while the window paints, so by the time an error
is shown they are loaded and this costs a dictionary lookup).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from desk.platform.errors import DeskError, ErrorText
from ui.i18n import current_language

translate = QCoreApplication.translate


def _catalogue() -> Mapping[str, ErrorText]:
    from printing.errors import CATALOGUE

    return CATALOGUE


def error_text(error: BaseException) -> str:
    if isinstance(error, DeskError):
        if error.code in _catalogue():
            from printing.errors import describe

            return describe(error, current_language())
        return translate("errors", "Something went wrong (error {code}).").format(code=error.code)
    return translate("errors", "Something went wrong: {detail}").format(
        detail=str(error) or type(error).__name__)


def code_text(code: str, params: Mapping[str, Any] | None = None) -> str:
    """A code without an exception (a conflict's kind, why a search found nothing)."""
    return error_text(DeskError(code, **(params or {})))


def known_codes() -> set[str]:
    return set(_catalogue())


def describe(value: Any) -> str:
    return error_text(value) if isinstance(value, BaseException) else str(value)
