"""Repair rules (pure): the nine checklist steps and when a ticket is overdue."""

from __future__ import annotations

from datetime import date

# The nine checklist steps (DESIGN.md "Repairs"). Until the checklist records checks, a ticket's
# progress is its `step`: the steps before it are done, it is the current one.
CHECKLIST_STEPS = ("booking", "diagnosis", "quote", "repair", "cleaning", "testing",
                   "explanation", "follow_up", "archive")
SERVICE_LEVELS = frozenset({"simple", "complex", "major"})


def days_late(promised_date: str, today: date) -> int:
    """Whole days past the promised date (0 on the day itself and before it)."""
    return max(0, (today - date.fromisoformat(promised_date)).days)


def is_overdue(promised_date: str, status: str, today: date) -> bool:
    """The one definition of overdue: an open ticket whose promised date has passed."""
    return status == "open" and days_late(promised_date, today) > 0
