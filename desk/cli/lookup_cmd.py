"""`desk lookup QUERY [--json]`: the counter's search box on the command line.

One exact hit prints its detail (a receipt with lines, tenders, promotions and tickets; a
customer with purchases and tickets; a ticket with its checklist progress; a product with its
recent sales). Several hits print as a ranked list. Nothing found prints the reason.
Exit status: 0 when something was found, 1 when nothing was (bad input included).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import Any

from desk.capabilities import describe
from desk.cli.common import open_db, print_json
from desk.lookup.detail_types import (
    CustomerDetail,
    Detail,
    ReceiptDetail,
    TicketDetail,
    TicketRow,
)
from desk.lookup.details import detail
from desk.lookup.search import Hit, Outcome, search
from desk.platform.errors import DeskError
from desk.platform.money import format_yuan


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "lookup", help="find a receipt, ticket, customer or product",
        description="Receipt no, ticket code or tracking link, phone (or its last 4 digits), "
                    "member id, EAN-13 barcode, serial, name, pinyin initials or full pinyin.")
    parser.add_argument("query", nargs="+", help="what to look for (words are joined)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--limit", type=int, default=50, help="at most this many hits")
    parser.set_defaults(func=run_lookup)


def run_lookup(args: argparse.Namespace) -> int:
    text = " ".join(args.query)
    database = open_db(args)
    try:
        with database.engine.connect() as conn:
            outcome = search(conn, text, limit=max(1, min(args.limit, 500)))
            opened = outcome.open
            shown = detail(conn, opened.kind, opened.key) if opened else None
    finally:
        database.dispose()
    try:
        if args.json:
            print_json({**outcome.to_dict(), "detail": shown})
        else:
            _print_text(outcome, shown)
    except BrokenPipeError:  # `desk lookup … | head`: the reader has seen enough
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0 if outcome.hits else 1


# --- plain text ---------------------------------------------------------------------------------

KIND_WORDS = {"receipt": "receipt", "ticket": "ticket", "customer": "customer",
              "product": "product"}


def _amount(fen: Any) -> str:
    return "" if fen is None else format_yuan(int(fen))


def _pad(text: str, width: int) -> str:
    """Left-align in a terminal: Chinese characters take two columns."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - used)


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def _print_text(outcome: Outcome, shown: Detail | None) -> None:
    if not outcome.hits:
        reason = outcome.reason or "lookup.not_found"
        _out(describe(DeskError(reason, **outcome.params), "en"))
        return
    if shown is not None and outcome.open is not None:
        _print_detail(outcome.open, shown)
        return
    _out(f"{len(outcome.hits)} hit(s){' (more: refine the search)' if outcome.more else ''}")
    for hit in outcome.hits:
        _out(f"{KIND_WORDS[hit.kind]:<9}{_pad(hit.title, 30)}{hit.date.replace('T', ' ')[:16]:<17}"
             f"{_amount(hit.amount_fen):>12}  {hit.match}: {hit.matched}  {hit.detail}")


def _print_detail(hit: Hit, d: Detail) -> None:
    _out(f"{hit.kind} {hit.key} (matched by {hit.match}: {hit.matched})")
    if isinstance(d, ReceiptDetail):
        _print_receipt(d)
    elif isinstance(d, CustomerDetail):
        _print_customer(d)
    elif isinstance(d, TicketDetail):
        _out(f"{d.product_name} {d.serial}  {d.status}  step {d.step}/9  "
             f"promised {d.promised_date}  fault: {d.fault}")
        _out("  " + "  ".join(f"{s.step}.{s.key}[{s.state}]" for s in d.checklist))
    else:
        _out(f"{d.name}  {d.barcode}  {_amount(d.price_fen)}  {d.category or ''}")
        for s in d.sales[:20]:
            _out(f"  {s.receipt_no}  {s.sold_at.replace('T', ' ')}  x{s.qty} {s.serial}")


def _print_tickets(tickets: tuple[TicketRow, ...]) -> None:
    for tk in tickets:
        _out(f"  ticket {tk.code} step {tk.step}/9 {tk.status}: {tk.fault}")


def _print_receipt(d: ReceiptDetail) -> None:
    who = d.customer
    _out(f"sold {d.sold_at.replace('T', ' ')}  paid {_amount(d.paid_fen)}  "
         f"(list {_amount(d.list_total_fen)}, discount {_amount(d.discount_fen)})"
         + (f"  customer {who.name} {who.phone}" if who else ""))
    for ln in d.lines:
        gift = f" gift, value {_amount(ln.gift_value_fen)}" if ln.is_gift else ""
        _out(f"  {ln.line_no:>2}. {_pad(ln.name, 28)}x{ln.qty}  "
             f"{_amount(ln.net_fen):>12}  returned {ln.returned_qty}, returnable "
             f"{ln.returnable_qty}{'  ' + ln.serial if ln.serial else ''}{gift}")
    for td in d.tenders:
        _out(f"  paid by {td.tender}: {_amount(td.amount_fen)} {td.reference}")
    for pr in d.promotions:
        _out(f"  promotion {pr.kind}: {pr.description} -{_amount(pr.amount_fen)}")
    for rt in d.returns:
        _out(f"  return {rt.return_id} {rt.returned_at.replace('T', ' ')} "
             f"{rt.lines} refund {_amount(rt.refund_fen)} {rt.status}")
    _print_tickets(d.tickets)


def _print_customer(d: CustomerDetail) -> None:
    _out(f"{d.name}  {d.phone}  {d.member_id}  {d.purchase_count} purchase(s), "
         f"{_amount(d.purchase_total_fen)}")
    for r in d.purchases[:20]:
        _out(f"  {r.receipt_no}  {r.sold_at.replace('T', ' ')}  {_amount(r.paid_fen):>12}")
    _print_tickets(d.tickets)
    for rt in d.returns:
        _out(f"  return {rt['return_id']} of {rt['receipt_no']} "
             f"{rt['returned_at'].replace('T', ' ')} refund {_amount(rt['refund_fen'])} "
             f"{rt['status']}")
    for cp in d.compensations:
        _out(f"  compensation {cp['kind']} {_amount(cp['amount_fen'])} {cp['status']}")
