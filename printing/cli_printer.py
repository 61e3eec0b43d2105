"""`desk printer ...`: ask a printer how it is; look at this counter's print queue.

    desk printer status --port DEV [--baud N] [--parity N|E|O] [--flow rtscts|xonxoff|paced|none]
    desk printer status --url tcp:HOST[:9100] | serial:DEV?baud=N | file:FOLDER
    desk printer queue [--limit N] [--reference REF]
    desk printer resolve JOB (--printed | --again) --as STAFF   an `uncertain` job after a crash
    desk printer cancel JOB --as STAFF
    desk printer use SPEC [--profile P] --as STAFF      the counter's printer (the app uses it)

resolve, cancel and use are commands (settle_print_job, cancel_print_job, set_printer): checked
against the staff member's role and recorded in the journal with who and when.

`status` prints one JSON line: the state (ready, paper_near_end, paper_out, cover_open, offline,
error, not_answering, port_missing, port_busy, disconnected), whether it can print, the raw DLE EOT
replies and, when it cannot print, the error code and message. Exit status 0 when the printer can
print, 1 when it cannot.
"""

from __future__ import annotations

import argparse
from typing import Any

from desk.cli.common import open_bus, open_db, print_json
from desk.platform.commands import Command
from desk.platform.errors import DeskError
from desk.platform.jsonable import to_jsonable
from desk.printjobs import queue as q
from desk.printjobs.commands import CancelPrintJob, SetPrinter, SettlePrintJob
from printing import doctor
from printing.errors import describe
from printing.transport import Transport, open_transport
from printing.transport.serial_port import BAUDS, FLOWS, SerialTransport


def register(subparsers: Any) -> None:
    doctor.register(subparsers)  # the fonts' and the printer's checks in `desk doctor`
    parser = subparsers.add_parser("printer", help="printer status; this counter's print queue")
    inner = parser.add_subparsers(dest="printer_command", metavar="WHAT")
    inner.required = True
    s = inner.add_parser("status", help="ask the printer its state (DLE EOT)")
    where = s.add_mutually_exclusive_group(required=True)
    where.add_argument("--port", help="serial port of the printer (e.g. /dev/ttyUSB0, COM3)")
    where.add_argument("--url", help="serial:DEV?baud=N&flow=F, tcp:HOST[:PORT] or file:FOLDER")
    s.add_argument("--baud", type=int, default=9600, choices=BAUDS, metavar="N")
    s.add_argument("--parity", default="N", choices=("N", "E", "O", "M", "S"))
    s.add_argument("--flow", default="rtscts", choices=FLOWS)
    s.add_argument("--timeout", type=float, default=0.5,
                   help="seconds to wait for each status reply (default 0.5)")
    s.set_defaults(func=_status)
    qp = inner.add_parser("queue", help="this counter's print jobs, newest first")
    qp.add_argument("--limit", type=int, default=20)
    qp.add_argument("--reference", help="only the jobs of this receipt, ticket or date")
    qp.set_defaults(func=_queue)
    r = inner.add_parser("resolve", help="a job the app was sending when it stopped (uncertain): "
                                         "say whether it came out")
    r.add_argument("job_id", type=int)
    came = r.add_mutually_exclusive_group(required=True)
    came.add_argument("--printed", action="store_true", help="it came out: mark it printed")
    came.add_argument("--again", action="store_true", help="it did not: send it again")
    r.add_argument("--as", dest="actor", required=True, help="staff id (clerk, manager, admin)")
    r.set_defaults(func=_resolve)
    c = inner.add_parser("cancel", help="cancel a job that has not printed")
    c.add_argument("job_id", type=int)
    c.add_argument("--as", dest="actor", required=True, help="staff id (clerk, manager, admin)")
    c.set_defaults(func=_cancel)
    u = inner.add_parser("use", help="set this counter's printer: serial:DEV?baud=N&flow=F, "
                                     "tcp:HOST[:9100] or file:FOLDER")
    u.add_argument("spec")
    u.add_argument("--profile", default="80mm-cn-qr-cut", help="see `desk print profiles`")
    u.add_argument("--as", dest="actor", required=True, help="staff id (manager, admin)")
    u.set_defaults(func=_use)


def _transport(args: argparse.Namespace) -> Transport:
    if args.port:
        return SerialTransport(args.port, baud=args.baud, parity=args.parity, flow=args.flow,
                               status_timeout=args.timeout)
    transport = open_transport(args.url)
    if hasattr(transport, "status_timeout"):
        transport.status_timeout = args.timeout
    return transport


def _status(args: argparse.Namespace) -> int:
    if not 0 < args.timeout <= 10:
        raise DeskError("printer.bad_settings", detail="--timeout is between 0 and 10 seconds")
    transport = _transport(args)
    try:
        status = transport.status()
    finally:
        transport.close()
    out: dict[str, Any] = {
        "printer": transport.name, "state": status.state, "can_print": status.can_print,
        "replies": ["--" if r is None else f"{r:02x}" for r in status.replies],
    }
    if status.detail:
        out["detail"] = status.detail
    if not status.can_print:
        code = status.error_code or "printer.error"
        out["code"] = code
        out["message"] = describe(DeskError(code, port=transport.name, host=transport.name,
                                            detail=status.detail), "en")
    print_json(out)
    return 0 if status.can_print else 1


def _use(args: argparse.Namespace) -> int:
    """Checked before it is saved: a settings string that does not parse or an unknown profile
    is refused; the printer itself need not be connected now."""
    from printing.profiles import get_profile

    get_profile(args.profile)
    open_transport(args.spec).close()
    result = _dispatch(args, SetPrinter(args.spec, args.profile))
    print_json({"ok": True, **to_jsonable(result)})
    return 0


def _dispatch(args: argparse.Namespace, command: Command) -> Any:
    bus = open_bus(args)
    try:
        return bus.dispatch(command, args.actor).value
    finally:
        bus.db.dispose()


def _queue(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        jobs = q.history(db, limit=args.limit, reference=args.reference)
        for job in jobs:
            print_json({"job_id": job.job_id, "kind": job.document_kind,
                        "reference": job.reference, "status": job.status, "copy": job.is_copy,
                        "copy_of": job.copy_of, "copies": job.copies, "bytes": job.size,
                        "attempts": job.attempts, "error": job.last_error,
                        "printed_ms": job.printed_ms})
        print_json({"waiting": q.pending_count(db), "by_status": q.counts(db)})
    finally:
        db.dispose()
    return 0


def _resolve(args: argparse.Namespace) -> int:
    changed = _dispatch(args, SettlePrintJob(args.job_id, printed=bool(args.printed)))
    print_json({"ok": True, "job_id": changed.job_id, "status": changed.status})
    return 0


def _cancel(args: argparse.Namespace) -> int:
    changed = _dispatch(args, CancelPrintJob(args.job_id))
    print_json({"ok": True, "job_id": changed.job_id, "status": changed.status})
    return 0
