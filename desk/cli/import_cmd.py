"""`desk import sales FILE.csv --as STAFF_ID [--check]`: import a POS export, all or nothing.

Prints one JSON summary; every bad row is listed with its line number and reason, nothing of the
file is imported then, and the exit status is 1. The format is in docs/import.md.
"""

from __future__ import annotations

import argparse
import sys

from desk.cli.common import open_bus, print_json
from desk.platform.errors import DeskError
from desk.sales.importing import import_sales_file


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imports = sub.add_parser("import", help="import data from the store's other systems")
    kinds = imports.add_subparsers(dest="import_kind", metavar="KIND")
    kinds.required = True
    p = kinds.add_parser("sales",
                         help="a POS export of sale lines (CSV, UTF-8; see docs/import.md)")
    p.add_argument("file", help="the CSV file ('-' for stdin)")
    p.add_argument("--as", dest="actor", required=True,
                   help="staff id of the manager or administrator importing")
    p.add_argument("--check", action="store_true",
                   help="validate the whole file and report, but import nothing")
    p.set_defaults(func=run_import_sales)


def run_import_sales(args: argparse.Namespace) -> int:
    if args.file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(args.file, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise DeskError("import.file_unreadable", path=args.file,
                            reason=exc.strerror or str(exc)) from None
    bus = open_bus(args)
    summary = import_sales_file(bus, data, args.actor, check_only=args.check)
    print_json({"file": args.file, **summary})
    return 0 if summary["ok"] else 1
