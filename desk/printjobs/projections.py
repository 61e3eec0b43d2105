"""Projections of the print queue's facts: audit facts only. The queue (print_jobs) and the
printer setting are this counter's local state, written by the handlers in the fact's own
transaction (see desk/printjobs/handlers.py for why); replaying or pulling a fact changes no
table, it only tells the screens."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.registry import Projector


def _print_job(conn: Connection, event: Event) -> set[Changed]:
    return {Changed.PRINT_JOBS}


def _printer_set(conn: Connection, event: Event) -> set[Changed]:
    return {Changed.SETTINGS}


PROJECTORS: dict[str, Projector] = {
    "print.queued": _print_job,
    "print.reprinted": _print_job,
    "print.settled": _print_job,
    "print.cancelled": _print_job,
    "device.printer_set": _printer_set,
}
