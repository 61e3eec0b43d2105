"""Errors in the user's language: the words of every code come from the capabilities' catalogues
(desk/<capability>/errors.py, printing/errors.py), in the language in force (ui/i18n.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from desk.platform.errors import DeskError
from printing.errors import CATALOGUE
from printing.errors import describe as describe_error
from ui.i18n import current_language

translate = QCoreApplication.translate


def error_text(error: BaseException) -> str:
    if isinstance(error, DeskError):
        if error.code in CATALOGUE:
            return describe_error(error, current_language())
        return translate("errors", "Something went wrong (error {code}).").format(code=error.code)
    return translate("errors", "Something went wrong: {detail}").format(
        detail=str(error) or type(error).__name__)


def code_text(code: str, params: Mapping[str, Any] | None = None) -> str:
    """A code without an exception (a conflict's kind, why a search found nothing)."""
    return error_text(DeskError(code, **(params or {})))


def known_codes() -> set[str]:
    return set(CATALOGUE)


def describe(value: Any) -> str:
    return error_text(value) if isinstance(value, BaseException) else str(value)
