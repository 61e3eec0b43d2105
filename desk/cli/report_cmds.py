"""`desk report x` and `desk close-day`: the daily closure from the command line.

    desk report x --date YYYY-MM-DD [--counter ID] [--count 10000=3,100=5 --float 3000.00
                  --second STAFF]      the day so far as JSON (with a count: the document to sign)
    desk close-day --date YYYY-MM-DD --as MANAGER --count ... --float ... --second STAFF
                   --manager-signature SIG --second-signature SIG [--note TEXT] [--counter ID]
                   [--confirm-unsynced]     the same CloseDay command the app sends

The second person's PIN comes from $DESK_SECOND_PIN (never on the command line). `desk report
closure --out FILE.pdf` (the PDF) is printing's: printing/cli_closure.py adds it to the `report`
group through report_group().
"""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict
from typing import Any

from desk.cli.common import open_bus, open_db, print_json
from desk.closure import queries
from desk.closure.commands import CloseDay
from desk.platform.errors import DeskError
from desk.platform.money import parse_yuan


def report_group(sub: Any) -> Any:
    """The sub-parsers of `desk report` (created on first use): other packages add to it. Kept
    on the parser itself (an id()-keyed cache could hand a new parser a dead one's group)."""
    inner = getattr(sub, "desk_report_group", None)
    if inner is None:
        parser = sub.add_parser("report", help="closure reports: x (the day so far), closure")
        inner = parser.add_subparsers(dest="report_command", metavar="WHICH")
        inner.required = True
        sub.desk_report_group = inner
    return inner


def add_day_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", required=True, help="the business day, YYYY-MM-DD")
    p.add_argument("--counter", default="", help="a counter's device id (default: whole store)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    x = report_group(sub).add_parser("x", help="the X report of a day so far, as JSON")
    add_day_arguments(x)
    _count_arguments(x, required=False)
    x.set_defaults(func=run_x)
    c = sub.add_parser("close-day", help="close a business day (Z closure)")
    add_day_arguments(c)
    _count_arguments(c, required=True)
    c.add_argument("--as", dest="actor", required=True, help="the manager's staff id")
    c.add_argument("--manager-signature", required=True, help="signature id (capture_signature)")
    c.add_argument("--second-signature", required=True)
    c.add_argument("--confirm-unsynced", action="store_true",
                   help="close although events are unsynced or conflicts open (recorded)")
    c.set_defaults(func=run_close)


def _count_arguments(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--count", required=required,
                   help="pieces per denomination in fen: 10000=3,5000=1,100=12")
    p.add_argument("--float", dest="opening_float", default="0", help="opening float in yuan")
    p.add_argument("--second", default="", required=required,
                   help="staff id of the second person who counts")
    p.add_argument("--note", default="", help="why the count differs (above the tolerance)")


def parse_count_text(text: str) -> dict[str, Any]:
    """'10000=3,100=12' -> {'10000': 3, '100': 12}; the core checks denominations and counts."""
    counted: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition("=")
        if not sep:
            raise DeskError("value.invalid", field="--count", reason="DENOMINATION_FEN=PIECES")
        value = value.strip()
        counted[key.strip()] = int(value) if value.lstrip("-").isdigit() else value
    return counted


def _float_fen(text: str) -> int:
    fen = parse_yuan(text)
    if fen < 0:
        raise DeskError("money.negative", field="--float")
    return fen


def run_x(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        with db.engine.connect() as conn:
            if args.count:
                report = queries.closure_preview(conn, args.date, args.counter or None,
                                                 parse_count_text(args.count),
                                                 _float_fen(args.opening_float),
                                                 note=args.note, second_counter=args.second)
            else:
                report = queries.x_report(conn, args.date, args.counter or None,
                                          opening_float_fen=_float_fen(args.opening_float))
    finally:
        db.dispose()
    print_json({"ok": True, "report": report.title, "fingerprint": report.fingerprint,
                "numbers": report.numbers, "header": asdict(report.header)})
    return 0


def run_close(args: argparse.Namespace) -> int:
    bus = open_bus(args)
    try:
        result = bus.dispatch(CloseDay(
            business_date=args.date, counted=parse_count_text(args.count),  # type: ignore[arg-type]
            opening_float_fen=_float_fen(args.opening_float), device_id=args.counter,
            second_counter_id=args.second,
            second_counter_pin=os.environ.get("DESK_SECOND_PIN", ""),
            variance_note=args.note, manager_signature_id=args.manager_signature,
            second_signature_id=args.second_signature,
            confirm_unsynced=args.confirm_unsynced), args.actor)
    finally:
        bus.db.dispose()
    print_json({"ok": True, **result.value})
    return 0
