"""`desk report closure --date YYYY-MM-DD [--counter ID] --out FILE.pdf [--copy]`: the closure
report's PDF (the Z closure when the day is closed, else the X report of the day so far).
Registered through the `desk.cli` entry point group, in desk's `report` group."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from desk.cli.common import open_db, print_json
from desk.cli.report_cmds import add_day_arguments, report_group
from printing.closure_print import save_pdf


def register(subparsers: Any) -> None:
    p = report_group(subparsers).add_parser("closure", help="the closure report as an A4 PDF")
    add_day_arguments(p)
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--copy", action="store_true", help="a reprint, marked 副本 COPY")
    p.set_defaults(func=run_closure_pdf)


def run_closure_pdf(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        info = save_pdf(db, args.date, args.counter or None, args.out,
                        printed_at=datetime.now().strftime("%Y-%m-%d %H:%M"), copy=args.copy)
    finally:
        db.dispose()
    print_json({"ok": True, **info})
    return 0
