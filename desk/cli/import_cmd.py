"""`desk import sales FILE.csv --as STAFF_ID [--check]`: import a POS export, all or nothing;
`desk import repairs FILE.csv --as STAFF_ID --source NAME [--check]`: the previous repair
system's finished repairs, all or nothing.

Prints one JSON summary; every bad row is listed with its line number and reason, nothing of the
file is imported then, and the exit status is 1. The formats are in docs/import.md.
"""

from __future__ import annotations

import argparse
import sys

from desk.capabilities import describe
from desk.cli.common import open_bus, print_json
from desk.platform.errors import DeskError
from desk.repairs.history_file import import_history_file
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
    r = kinds.add_parser("repairs", help="the previous repair system's finished repairs (CSV,"
                         " UTF-8; see docs/import.md)")
    r.add_argument("file", help="the CSV file ('-' for stdin)")
    r.add_argument("--as", dest="actor", required=True,
                   help="staff id of the manager or administrator importing")
    r.add_argument("--source", required=True,
                   help="the previous system's name, shown on every imported ticket")
    r.add_argument("--check", action="store_true",
                   help="validate the whole file and report, but import nothing")
    r.set_defaults(func=run_import_repairs)


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise DeskError("import.file_unreadable", path=path,
                        reason=exc.strerror or str(exc)) from None


def run_import_sales(args: argparse.Namespace) -> int:
    data = _read(args.file)
    bus = open_bus(args)
    summary = import_sales_file(bus, data, args.actor, check_only=args.check)
    print_json({"file": args.file, **summary})
    return 0 if summary["ok"] else 1


def run_import_repairs(args: argparse.Namespace) -> int:
    data = _read(args.file)
    bus = open_bus(args)
    summary = import_history_file(bus, data, args.actor, args.source, check_only=args.check)
    for problem in summary.get("problems", []):  # each in words, after its code
        problem["message"] = describe(DeskError(problem["code"], **problem["params"]), "en")
    print_json({"file": args.file, **summary})
    return 0 if summary["ok"] else 1
