"""Handlers of the print queue's commands.

`print_jobs` is NOT a projection: a job id, its bytes and its state (sending, failed, retry
times) are this counter's own machinery, changed many times a second by the queue worker without
a person, and a fact pulled from another counter must never put a job in this counter's queue.
So each handler records its fact (who, what, when — the audit trail, synced like any fact) and
writes the queue table itself in the same transaction; the facts' projectors only announce the
change (desk/printjobs/projections.py). `desk db rebuild` leaves the queue as it is.
"""

from __future__ import annotations

import base64
import binascii

from desk.platform.bus import Context
from desk.platform.errors import DeskError
from desk.platform.settings import get_setting, set_setting
from desk.platform.uow import UnitOfWork
from desk.printjobs import queue as q
from desk.printjobs.commands import (
    CancelPrintJob,
    PrinterSet,
    PrintJobChanged,
    PrintJobQueued,
    QueuePrintJob,
    ReprintJob,
    SetPrinter,
    SettlePrintJob,
)

KIND_MAX, REFERENCE_MAX, SPEC_MAX, PROFILE_MAX = 32, 64, 500, 64
COPIES_MAX = 9
DATA_MAX = 4 * 1024 * 1024  # an ESC/POS document with a signature picture is well under this


def _bytes(data_base64: str) -> bytes:
    if not isinstance(data_base64, str) or len(data_base64) > DATA_MAX * 4 // 3 + 4:
        raise DeskError("print.bad_data")
    try:
        data = base64.b64decode(data_base64, validate=True)
    except (binascii.Error, ValueError):
        raise DeskError("print.bad_data") from None
    if not data:
        raise DeskError("print.empty_job")
    return data


def _text(value: object, field: str, limit: int, required: bool = True) -> str:
    if not isinstance(value, str):
        raise DeskError("value.invalid", field=field, reason="text")
    text = value.strip()
    if required and not text:
        raise DeskError("value.required", field=field)
    if len(text) > limit:
        raise DeskError("value.invalid", field=field, reason=f"at most {limit} characters")
    return text


def _job_id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DeskError("value.invalid", field="job_id", reason="a job number")
    return value


def queue_print_job(cmd: QueuePrintJob, uow: UnitOfWork, ctx: Context) -> PrintJobQueued:
    kind = _text(cmd.document_kind, "document_kind", KIND_MAX)
    reference = _text(cmd.reference, "reference", REFERENCE_MAX, required=False)
    if isinstance(cmd.copies, bool) or not isinstance(cmd.copies, int) \
            or not 1 <= cmd.copies <= COPIES_MAX:
        raise DeskError("value.invalid", field="copies", reason=f"1-{COPIES_MAX}")
    data = _bytes(cmd.data_base64)
    job_id = q.insert_job(uow.conn, kind, data, copies=cmd.copies, reference=reference,
                          requested_by=uow.actor, at_ms=ctx.clock.now_ms())
    uow.record("print.queued", f"{uow.db.device_id}:{job_id}",
               {"job_id": job_id, "document_kind": kind, "reference": reference,
                "copies": cmd.copies, "size": len(data)})
    return PrintJobQueued(job_id, kind, reference)


def reprint_job(cmd: ReprintJob, uow: UnitOfWork, ctx: Context) -> PrintJobQueued:
    original = q.get_on(uow.conn, _job_id(cmd.job_id), with_data=False)
    data = _bytes(cmd.data_base64)
    job_id = q.insert_job(uow.conn, original.document_kind, data, reference=original.reference,
                          requested_by=uow.actor, is_copy=True, copy_of=original.job_id,
                          at_ms=ctx.clock.now_ms())
    uow.record("print.reprinted", f"{uow.db.device_id}:{job_id}",
               {"job_id": job_id, "copy_of": original.job_id,
                "document_kind": original.document_kind, "reference": original.reference,
                "size": len(data)})
    return PrintJobQueued(job_id, original.document_kind, original.reference, original.job_id)


def settle_print_job(cmd: SettlePrintJob, uow: UnitOfWork, ctx: Context) -> PrintJobChanged:
    job_id = _job_id(cmd.job_id)
    if not isinstance(cmd.printed, bool):
        raise DeskError("value.invalid", field="printed", reason="true or false")
    job = q.get_on(uow.conn, job_id, with_data=False)
    q.settle(uow.conn, job_id, cmd.printed, ctx.clock.now_ms())
    uow.record("print.settled", f"{uow.db.device_id}:{job_id}",
               {"job_id": job_id, "printed": cmd.printed, "document_kind": job.document_kind,
                "reference": job.reference})
    return PrintJobChanged(job_id, q.PRINTED if cmd.printed else q.QUEUED)


def cancel_print_job(cmd: CancelPrintJob, uow: UnitOfWork, ctx: Context) -> PrintJobChanged:
    job_id = _job_id(cmd.job_id)
    job = q.get_on(uow.conn, job_id, with_data=False)
    at = ctx.clock.now_ms()
    was = q.set_status(uow.conn, job_id, q.CANCELLABLE, status=q.CANCELLED, updated_ms=at)
    uow.record("print.cancelled", f"{uow.db.device_id}:{job_id}",
               {"job_id": job_id, "was": was, "document_kind": job.document_kind,
                "reference": job.reference})
    return PrintJobChanged(job_id, q.CANCELLED)


def set_printer(cmd: SetPrinter, uow: UnitOfWork, ctx: Context) -> PrinterSet:
    """The printer is this counter's own setting (local_settings), written here with its fact."""
    spec = _text(cmd.spec, "spec", SPEC_MAX)
    profile = _text(cmd.profile, "profile", PROFILE_MAX)
    before = (get_setting(uow.conn, "printer_spec") or "",
              get_setting(uow.conn, "printer_profile") or "")
    set_setting(uow.conn, "printer_spec", spec)
    set_setting(uow.conn, "printer_profile", profile)
    uow.record("device.printer_set", uow.db.device_id,
               {"printer_spec": spec, "printer_profile": profile,
                "previous_spec": before[0], "previous_profile": before[1]})
    return PrinterSet(spec, profile)
