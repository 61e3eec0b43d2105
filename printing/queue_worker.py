"""The print queue worker: takes due jobs from the durable queue (desk/printjobs/queue.py) and
sends them through a transport, on its own I/O thread — never on the GUI thread.

`run_once(db, transport, now_ms)` is one step:
  1. ask the printer's status (DLE EOT; a file printer is always ready);
  2. if it cannot print (paper out, cover open, offline, error, not answering, port missing...):
     hold every waiting job with the reason and stop there — nothing is sent, nothing is lost;
  3. else release held jobs, claim the oldest due job (committed as `sending` before the first
     byte), write its copies, and mark it `printed`; a write that fails is `failed` with its error
     code and retried with backoff — or held at once when the printer now says why.

`loop(...)` repeats it until a cancel event is set; `PrintWorker` runs the loop on a daemon
thread, with `kick()` to print a new job at once and `stop()` to end it. At start the loop turns
jobs left `sending` by a crash into `uncertain` (a person decides; never resent by itself).

A job of several copies that fails part-way is sent again whole: at worst a torn copy and then a
complete set, never a complete duplicate of a job that succeeded.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from desk.platform.db import Database
from desk.platform.errors import DeskError
from desk.printjobs import queue as q
from printing.errors import describe
from printing.status import PrinterStatus
from printing.transport import Transport

IDLE = "idle"
PRINTED = "printed"
FAILED = "failed"
HELD = "held"
PRINTING = "printing"  # reported (state and outcome) when a job starts going to the printer
log = logging.getLogger(__name__)
POLL_S = 2.0  # how often an idle worker asks the printer how it is


@dataclass(frozen=True)
class Step:
    """What one step did, for the status bar: the printer's state word, the job, the outcome."""

    state: str  # printing.status state: ready, paper_out, cover_open, not_answering, ...
    outcome: str  # idle, printed, failed, held; printing (reported before a job is sent)
    waiting: int  # jobs not finished (queued, held, failed, sending, uncertain)
    job_id: int | None = None
    error: str | None = None  # a DeskError code
    detail: str = ""  # the message, in English (the UI translates the code)


def _reason(status: PrinterStatus, transport: Transport) -> tuple[str, str]:
    code = status.error_code or "printer.error"
    message = describe(DeskError(code, port=transport.name, host=transport.name,
                                 detail=status.detail), "en")
    return code, f"{message} ({status.detail})" if status.detail else message


def run_once(db: Database, transport: Transport, now_ms: int | None = None, *,
             report: Callable[[Step], None] | None = None) -> Step:
    """One step (see the module's docstring). `report` is told when a job starts printing."""
    at = q.now_ms() if now_ms is None else now_ms
    status = transport.status()
    if not status.can_print:
        code, detail = _reason(status, transport)
        held = q.hold(db, code, detail, at_ms=at)
        return Step(status.state, HELD if held else IDLE, q.pending_count(db), None, code, detail)
    q.release(db, at_ms=at)
    job = q.claim_next(db, at_ms=at)
    if job is None:
        return Step(status.state, IDLE, q.pending_count(db))
    if report is not None:
        report(Step(PRINTING, PRINTING, q.pending_count(db), job.job_id))
    try:
        for _ in range(job.copies):
            transport.write(job.data)
    except DeskError as exc:
        failed = describe(exc, "en")
        q.mark_failed(db, job.job_id, exc.code, failed, at_ms=at)
        after = transport.status()
        if not after.can_print:  # the printer says why: hold until it can print again
            code, detail = _reason(after, transport)
            q.hold(db, code, detail, at_ms=at)
            return Step(after.state, HELD, q.pending_count(db), job.job_id, exc.code, detail)
        return Step(after.state, FAILED, q.pending_count(db), job.job_id, exc.code, failed)
    q.mark_printed(db, job.job_id, at_ms=at)
    return Step(status.state, PRINTED, q.pending_count(db), job.job_id)


def loop(db: Database, transport: Transport, cancel: threading.Event, *,
         wake: threading.Event | None = None, poll_s: float = POLL_S,
         report: Callable[[Step], None] | None = None,
         clock: Callable[[], int] = q.now_ms) -> None:
    """Run steps until `cancel` is set (set `wake` too, to end the wait at once)."""
    wake = wake or threading.Event()
    q.recover_interrupted(db, clock())
    try:
        while not cancel.is_set():
            try:
                step = run_once(db, transport, clock(), report=report)
            except DeskError as exc:  # the database is busy or gone: say so, try again later
                step = Step("error", IDLE, 0, None, exc.code, describe(exc, "en"))
            except Exception as exc:  # a bug must not silently stop printing: report, go on
                log.exception("print worker step failed")
                step = Step("error", IDLE, 0, None, "printer.error", f"{type(exc).__name__}: {exc}")
            if report is not None:
                report(step)
            if step.outcome == PRINTED:
                continue  # the next job at once
            wake.wait(poll_s)
            wake.clear()
    finally:
        transport.close()


class PrintWorker:
    """The loop on its own daemon thread. `report` is called on that thread: the UI forwards it
    to the GUI thread (a queued Qt signal) before touching a widget."""

    def __init__(self, db: Database, transport: Transport, *, poll_s: float = POLL_S,
                 report: Callable[[Step], None] | None = None) -> None:
        self.db, self.transport = db, transport
        self.poll_s, self.report = poll_s, report
        self.cancel = threading.Event()
        self.wake = threading.Event()
        self.thread = threading.Thread(target=self._run, name="print-worker", daemon=True)

    def _run(self) -> None:
        loop(self.db, self.transport, self.cancel, wake=self.wake, poll_s=self.poll_s,
             report=self.report)

    def start(self) -> PrintWorker:
        self.thread.start()
        return self

    def kick(self) -> None:
        """A job was queued: look now instead of at the next poll."""
        self.wake.set()

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the loop to end and wait for it (a job being written finishes first)."""
        self.cancel.set()
        self.wake.set()
        if self.thread.is_alive():
            self.thread.join(timeout)
        return not self.thread.is_alive()
