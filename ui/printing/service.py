"""The counter's printer in the app: settings, the queue worker thread, and printing a return.

The printer is a settings string in the database (`printer_spec`, see
printing.transport.open_transport) and a profile name (`printer_profile`). Without settings the
counter prints to the file/preview printer in DESK_HOME/prints (a PNG of the paper next to the
bytes), which is what `make run` shows. Documents are built and encoded on the database worker and
queued durably; the worker thread (printing/queue_worker.py) sends them. The GUI thread only gets
the worker's reports, through a queued signal.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desk.platform.bus import SYSTEM_ACTOR
from desk.platform.changes import Changed, Changes
from desk.platform.errors import DeskError
from desk.platform.settings import get_setting
from desk.printjobs import queue as q
from desk.printjobs.commands import QueuePrintJob, ReprintJob
from desk.returns.counter_queries import decided_by_head_office
from desk.returns.queries import compensation_signature_ref, return_signature_ref
from printing.escpos import encode
from printing.from_core import compensation_slip_data, return_receipt_data, signature_png
from printing.profiles import get_profile
from printing.queue_worker import PrintWorker, Step
from printing.transport import open_transport
from ui.context import AppContext

DEFAULT_PROFILE = "80mm-cn-qr-cut"
RETURN_KINDS = ("return_receipt", "return_receipt_store", "return_pending", "return_pending_store")
COMPENSATION_KINDS = ("compensation_slip", "compensation_slip_store")


def can_reprint(kind: str) -> bool:
    """The documents a copy can be rebuilt of from the core's data (reprint_command)."""
    return kind in RETURN_KINDS or kind in COMPENSATION_KINDS or kind == "closure"


def printer_settings(conn: Any, home: Path) -> tuple[str, str]:
    spec = get_setting(conn, "printer_spec") or f"file:{home / 'prints'}"
    return spec, get_setting(conn, "printer_profile") or DEFAULT_PROFILE


def return_receipts(conn: Any, return_id: str, profile_name: str, *,
                    as_copy: bool = False) -> list[tuple[str, bytes]]:
    """(kind, bytes) of the customer's and the store's copy of a recorded return: the refund
    receipt, or the pending slip while the case waits for head office (nothing refunded yet)."""
    from printing.documents import pending_slip, return_receipt

    data = return_receipt_data(conn, return_id)
    if data is None:
        raise DeskError("print.unknown_document", reference=return_id)
    png = signature_png(conn, return_signature_ref(conn, return_id), data.receipt_no)
    profile = get_profile(profile_name)
    jobs = []
    build = pending_slip if data.status == "pending" else return_receipt
    for store_copy in (False, True):
        doc = build(data, store_copy=store_copy)
        if png:
            doc = doc.with_signature(png)
        if as_copy:
            doc = doc.as_copy()
        jobs.append((doc.kind, encode(doc, profile)))
    return jobs


def compensation_slips(conn: Any, compensation_id: str, profile_name: str, *,
                       as_copy: bool = False) -> list[tuple[str, bytes]]:
    """(kind, bytes) of the customer's copy (words only) and the store's copy (with the rule ids)
    of a recorded compensation, with the customer's signature when one was captured."""
    from printing.documents import compensation_slip

    data = compensation_slip_data(conn, compensation_id)
    if data is None:
        raise DeskError("print.unknown_document", reference=compensation_id)
    signature_id, signed_under = compensation_signature_ref(conn, compensation_id)
    png = signature_png(conn, signature_id, signed_under)
    profile = get_profile(profile_name)
    jobs = []
    for store_copy in (False, True):
        doc = compensation_slip(data, store_copy=store_copy)
        if png:
            doc = doc.with_signature(png)
        if as_copy:
            doc = doc.as_copy()
        jobs.append((doc.kind, encode(doc, profile)))
    return jobs


def compensation_commands(conn: Any, compensation_id: str, profile: str) -> list[QueuePrintJob]:
    """On the database worker: the commands that queue a compensation's two copies."""
    return [queue_command(kind, compensation_id, data)
            for kind, data in compensation_slips(conn, compensation_id, profile)]


def repair_document(conn: Any, kind: str, code: str, today: Any, profile_name: str,
                    **extra: str) -> bytes:
    """The intake slip or the completion certificate of a ticket, encoded (database worker)."""
    from printing.documents import completion, intake_slip
    from printing.from_repairs import completion_data, ticket_data

    if kind == "intake_slip":
        doc = intake_slip(ticket_data(conn, code, today, **extra))
    else:
        doc = completion(completion_data(conn, code, today))
    return encode(doc, get_profile(profile_name))


def queue_command(kind: str, reference: str, data: bytes) -> QueuePrintJob:
    return QueuePrintJob(kind, reference, base64.b64encode(data).decode("ascii"))


def return_commands(conn: Any, return_id: str, profile: str) -> list[QueuePrintJob]:
    """On the database worker: the commands that queue a recorded return's two copies."""
    return [queue_command(kind, return_id, data)
            for kind, data in return_receipts(conn, return_id, profile)]


def closure_command(conn: Any, business_date: str, device_id: str | None, printed_at: str,
                    profile: str) -> Any:
    """On the database worker (reportlab and the report's query run there, not on the GUI)."""
    from printing.closure_print import summary_command

    return summary_command(conn, business_date, device_id, printed_at=printed_at,
                           profile_name=profile)


def reprint_command(conn: Any, job: q.Job, profile: str, printed_at: str) -> ReprintJob:
    """On the database worker: the document of `job` rebuilt from the core's data with the COPY
    mark, as the command that queues it."""
    if job.document_kind == "closure":
        from printing.closure_print import parse_reference, summary_command  # reportlab: lazily

        day, device = parse_reference(job.reference)
        command = summary_command(conn, day, device, printed_at=printed_at,
                                  profile_name=profile, copy_of=job.job_id)
        assert isinstance(command, ReprintJob)
        return command
    if not can_reprint(job.document_kind):
        raise DeskError("print.cannot_reprint", kind=job.document_kind)
    build = compensation_slips if job.document_kind in COMPENSATION_KINDS else return_receipts
    jobs = dict(build(conn, job.reference, profile, as_copy=True))
    return ReprintJob(job.job_id, base64.b64encode(jobs[job.document_kind]).decode("ascii"))


class PrinterService(QObject):
    sig_step = Signal(object)  # printing.queue_worker.Step, delivered on the GUI thread

    def __init__(self, ctx: AppContext, home: Path) -> None:
        super().__init__()
        self.ctx = ctx
        self.home = home
        self.profile = DEFAULT_PROFILE
        self.spec = ""
        self.worker: PrintWorker | None = None
        self._stopped = False
        ctx.hub.changed.connect(self._on_changed)

    def start(self) -> None:
        def opened(value: Any, error: BaseException | None) -> None:
            if self._stopped:  # the app closed while the port was opening
                if value is not None:
                    value[1].close()
                return
            if error is not None:
                self.sig_step.emit(Step("error", "failed", 0, None,
                                        getattr(error, "code", "printer.error"), str(error)))
                return
            (self.spec, self.profile), transport = value
            # report() runs on the worker thread; a Qt signal queues it to the GUI thread
            self.worker = PrintWorker(self.ctx.db, transport, report=self.sig_step.emit).start()

        def open_printer() -> tuple[tuple[str, str], Any]:
            with self.ctx.db.engine.connect() as conn:
                settings = printer_settings(conn, self.home)
            return settings, open_transport(settings[0])

        self.ctx.runner.io(open_printer, done=opened)

    def stop(self) -> None:
        self._stopped = True
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def print_return(self, return_id: str, requested_by: str) -> None:
        """Queue the customer's and the store's copy of a recorded return (audited commands)."""
        self.ctx.query(return_commands, return_id, self.profile,
                       done=lambda cmds, error: self._dispatch(cmds, error, requested_by))

    def print_compensation(self, compensation_id: str, requested_by: str) -> None:
        """Queue the customer's and the store's copy of a recorded compensation."""
        self.ctx.query(compensation_commands, compensation_id, self.profile,
                       done=lambda cmds, error: self._dispatch(cmds, error, requested_by))

    def print_repair(self, kind: str, code: str, requested_by: str, **extra: str) -> None:
        """Queue a ticket's intake slip (`kind` intake_slip) or completion certificate."""
        profile, today = self.profile, self.ctx.bus.clock.local_now().date()

        def build(conn: Any) -> list[QueuePrintJob]:
            data = repair_document(conn, kind, code, today, profile, **extra)
            return [queue_command(kind, code, data)]

        self.ctx.query(build, done=lambda cmds, error: self._dispatch(cmds, error, requested_by))

    def print_decided_cases(self) -> None:
        """Head office approved a case this counter left pending: its refund receipt prints now,
        once (a case whose receipt is already in the queue is not printed again). The service
        does this on its own, so it dispatches as the system actor, in one task on the database
        worker (the check and the queueing cannot interleave with another round): the journal
        still says the receipt was queued, when, and by nobody in person."""
        profile, device_id, bus = self.profile, self.ctx.db.device_id, self.ctx.bus

        def build_and_queue() -> Changes:
            with self.ctx.db.engine.connect() as conn:
                cases = decided_by_head_office(conn, device_id)
            kinds: set[Changed] = set()
            for return_id in cases:
                if any(j.document_kind == "return_receipt"
                       for j in q.history(self.ctx.db, reference=return_id)):
                    continue
                with self.ctx.db.engine.connect() as conn:
                    commands = return_commands(conn, return_id, profile)
                for command in commands:
                    kinds |= bus.dispatch(command, SYSTEM_ACTOR).changes.kinds
            return Changes(frozenset(kinds), SYSTEM_ACTOR)

        def queued(changes: Any, error: BaseException | None) -> None:
            if changes:
                self.ctx.hub.changed.emit(changes)
            self._queued(changes, error)

        self.ctx.runner.db(build_and_queue, done=queued)

    def _on_changed(self, changes: Changes) -> None:
        if Changed.APPROVALS in changes.kinds:
            self.print_decided_cases()

    def print_closure(self, business_date: str, device_id: str | None,
                      requested_by: str) -> None:
        """Queue the closure's thermal summary (the Z closure when closed, else the X report)."""
        self.ctx.query(closure_command, business_date, device_id,
                       datetime.now().strftime("%Y-%m-%d %H:%M"), self.profile,
                       done=lambda cmd, error: self._dispatch([cmd], error, requested_by))

    def reprint(self, job: q.Job, requested_by: str,
                done: Callable[[Any, BaseException | None], None] | None = None) -> None:
        """A copy of an earlier job, rebuilt from the core's data with the COPY mark; the
        reprint_job command records who reprinted which document."""
        printed_at = datetime.now().strftime("%Y-%m-%d %H:%M")
        self.ctx.query(reprint_command, job, self.profile, printed_at,
                       done=lambda cmd, error: self._dispatch([cmd], error, requested_by, done))

    def _dispatch(self, commands: Any, error: BaseException | None, actor: str,
                  done: Callable[[Any, BaseException | None], None] | None = None) -> None:
        """Send the built commands one after the other through ctx.run_command (on the database
        worker; each refreshes the screens); report the first error."""
        pending = list(commands or [])

        def step(value: Any, err: BaseException | None) -> None:
            if err is not None or not pending:
                self._queued(value, err)
                if done is not None:
                    done(value, err)
                return
            self.ctx.run_command(pending.pop(0), step, actor=actor)

        step(None, error)

    def _queued(self, _count: Any, error: BaseException | None) -> None:
        if error is not None:
            code = getattr(error, "code", "printer.error")
            self.sig_step.emit(Step("error", "failed", 0, None, code, str(error)))
            return
        if self.worker is not None:
            self.worker.kick()
