"""`desk ticket show CODE [--json]`: a repair ticket with its checklist state in words.

Each of the nine steps with its three checks: done, waived or to do, with who, when and the
evidence in force (and how many earlier facts a correction superseded); the quote, its hash and
the signatures. Exit status 0, or 2 with `ticket.unknown` for a code that does not exist.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from desk.cli.common import open_db, print_json
from desk.platform.errors import DeskError
from desk.platform.money import format_yuan
from desk.platform.ports import SystemClock
from desk.repairs.evidence import evidence_root
from desk.repairs.queries import CheckView, TicketDetail, ticket_detail
from desk.repairs.rules import CHECKLIST_STEPS
from desk.repairs.service_queries import TicketStanding, ticket_standing


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("ticket", help="repair tickets: show one with its checklist")
    inner = parser.add_subparsers(dest="ticket_command", metavar="WHAT")
    inner.required = True
    show = inner.add_parser("show", help="a ticket with its checklist state")
    show.add_argument("code", help="the ticket code, e.g. T2611200007")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=run_show)


def run_show(args: argparse.Namespace) -> int:
    database = open_db(args)
    try:
        now = SystemClock().local_now()
        with database.engine.connect() as conn:
            shown = ticket_detail(conn, args.code.strip(), now.date(),
                                  evidence_root(database.path))
            standing = ticket_standing(conn, args.code.strip(),
                                       now.isoformat(timespec="seconds"))
    finally:
        database.dispose()
    if shown is None:
        raise DeskError("ticket.unknown", code=args.code)
    if args.json:
        print_json({**asdict(shown), "service": None if standing is None else asdict(standing)})
    else:
        lines = ticket_lines(shown)
        if standing is not None:
            lines.insert(2, service_line(standing))
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


def ticket_lines(t: TicketDetail) -> list[str]:
    status = t.status + (" (overdue)" if t.overdue else "")
    lines = [f"ticket {t.code}  {t.product_name or ''}  serial {t.serial or '-'}",
             f"status {status}, promised {t.promised_date}, checklist {t.checklist}"
             f" ({t.title}), current step {min(t.current_step, 9)}",
             f"fault: {t.fault}" + (f" ({t.fault_kind})" if t.fault_kind else "")]
    if t.warranty is not None:  # the verdict recorded at intake, in the reader's words
        lines.append(f"warranty: {t.warranty['en']}")
    if t.history is not None:
        h = t.history
        lines.append(f"imported from {h.source} on {h.imported_at}: {h.outcome}, closed"
                     f" {h.closed_at}, charged {format_yuan(h.charged_fen)}")
    lines += _intake_lines(t)
    for number, checks in enumerate(t.steps, start=1):
        key = CHECKLIST_STEPS[number - 1] if number <= len(CHECKLIST_STEPS) else str(number)
        complete = all(c.done for c in checks)
        lines.append(f"step {number} {key}: {'complete' if complete else 'open'}")
        lines += [f"  {_check_line(c)}" for c in checks]
    lines += _quote_lines(t)
    return lines


def service_line(s: TicketStanding) -> str:
    """The service level, the response (or its deadline), what stands out, what was escalated."""
    answered = (f"answered {s.responded_at}" if s.responded_at
                else f"answer by {s.respond_by}" if s.open else "closed")
    line = f"service level {s.service_level}: {answered}"
    if s.marks:
        line += "; now " + ", ".join(m.replace("_", " ") for m in s.marks)
    if s.escalated:
        line += "; escalated: " + ", ".join(m.replace("_", " ") for m in s.escalated)
    return line


def _intake_lines(t: TicketDetail) -> list[str]:
    notes, lines = t.intake, []
    if notes.accessories:
        lines.append("accessories: " + ", ".join(notes.accessories))
    if notes.condition:
        lines.append(f"condition: {notes.condition}")
    if notes.photos:
        lines.append("condition photos: " + ", ".join(
            f"{p['photo_sha256'][:12]} ({p['photo_type']}, {p['photo_size']} bytes)"
            for p in notes.photos))
    return lines


def _check_line(c: CheckView) -> str:
    state = "waived" if c.waived else "done" if c.done else "todo"
    line = f"[{state}] {c.check_id} — {c.en} ({c.evidence}, {c.who})"
    if not c.done:
        return line
    line += f" by {c.actor} at {c.at}"
    if c.waived:
        line += f", reason {c.reason}, approved by {c.approved_by}"
    evidence = _evidence_words(c.shown)
    if evidence:
        line += f"; {evidence}"
    if c.corrections:
        line += f"; corrected ({c.corrections} earlier)"
    if not c.photo_ok:
        line += "; PHOTO MISSING OR ALTERED"
    return line


def _evidence_words(shown: dict[str, Any]) -> str:
    words = []
    if "value" in shown:
        words.append(f"value {shown['value']} {shown.get('unit', '')}".rstrip())
    if shown.get("note"):
        words.append(f"note “{shown['note']}”")
    if shown.get("photo_sha256"):
        words.append(f"photo {str(shown['photo_sha256'])[:12]}")
    if shown.get("signature_id"):
        words.append(f"signature {shown['signature_id']}")
    if shown.get("system"):
        words.append(f"verified {shown['system']}")
    return ", ".join(words)


def _quote_lines(t: TicketDetail) -> list[str]:
    if t.quote is None:
        return ["quote: none"]
    q = t.quote
    free = f", free ({q['free_reason']})" if q.get("free_reason") else ""
    lines = [f"quote #{q['number']}: {format_yuan(q['charged_fen'])}{free},"
             f" {'signed' if t.quote_signed else 'NOT signed'} (sha256 {t.quote_sha256})"]
    lines += [f"  part {p['part']} serial {p['serial'] or '-'} × {p['qty']}"
              f" {format_yuan(p['price_fen'])}" for p in q["parts"]]
    lines.append(f"  labour {format_yuan(q['labour_fen'])}")
    lines += [f"{s.kind} by {s.actor} at {s.at}: signature {s.signature_id or '-'}"
              + (f", reason {s.reason}" if s.reason else "") for s in t.signoffs]
    lines.append(f"completion: {'signed' if t.completion_signed else 'not signed'}"
                 f" (sha256 {t.completion_sha256})")
    lines += [f"paid at pickup: {p.tender} {format_yuan(p.amount_fen)}" for p in t.payments]
    if t.due_fen:
        lines.append(f"due at pickup: {format_yuan(t.due_fen)}")
    return lines
