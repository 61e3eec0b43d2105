"""Words of the service levels on screen: what makes a ticket stand out (a word and a colour,
never the colour alone) and the levels' names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

# one colour per mark, always shown with its word: the most urgent first
MARK_COLOURS = {"response_breached": "#c62828", "overdue": "#c62828", "stale": "#ef6c00"}


def mark_name(reason: str) -> str:
    return {
        "response_breached": translate("service", "Response late"),
        "overdue": translate("service", "Overdue"),
        "stale": translate("service", "No news"),
    }.get(reason, translate("service", "Needs attention"))


def marks_words(marks: tuple[str, ...] | list[str]) -> str:
    return " · ".join(mark_name(m) for m in marks)


def mark_colour(marks: tuple[str, ...] | list[str]) -> str | None:
    """The colour of the most urgent mark, None when nothing stands out."""
    return MARK_COLOURS.get(marks[0]) if marks else None


def level_name(level: str) -> str:
    return {
        "simple": translate("service", "Simple"),
        "complex": translate("service", "Complex"),
        "major": translate("service", "Major"),
    }.get(level, translate("service", "Simple"))
