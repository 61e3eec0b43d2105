"""The closure's error codes in the user's language (ui/errors.py lists them)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

CODES: dict[str, Callable[[], str]] = {
    "closure.future_date": lambda: translate(
        "closure", "Business day {business_date} has not started yet (today is {today})."),
    "closure.already_closed": lambda: translate(
        "closure", "Business day {business_date} is already closed (Z{z_number})."),
    "closure.other_counter": lambda: translate(
        "closure", "Another counter's day is closed on that counter."),
    "closure.same_person": lambda: translate(
        "closure", "The second person who counts must be someone else."),
    "closure.same_signature": lambda: translate(
        "closure", "The manager and the second person each sign."),
    "closure.note_required": lambda: translate(
        "closure", "The variance is above the tolerance: write a note."),
    "closure.unsynced": lambda: translate(
        "closure", "{events} events are not synced and {conflicts} conflicts are open: tick "
                   "the confirmation to close anyway."),
    "closure.count_invalid": lambda: translate(
        "closure", "Each count must be a whole number, 0 or more."),
    "closure.denomination_unknown": lambda: translate(
        "closure", "This banknote or coin is not counted in the till."),
    "closure.pdf_failed": lambda: translate(
        "closure", "The report could not be saved: {reason}"),
}
