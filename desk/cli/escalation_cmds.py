"""`desk escalations [--sweep] [--json]`: repair tickets out of their service level.

Without `--sweep`: the manager's list (tickets in the workshop that are escalated, breached,
overdue or stale now). With `--sweep`: what should be escalated now, one `escalate_ticket` JSON
line each, ready for `desk apply - --as STAFF_ID` (nothing runs in the background).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from desk.cli.common import open_db, print_json
from desk.platform.ports import SystemClock
from desk.repairs.service_queries import escalated_tickets, escalation_sweep


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("escalations", help="repair tickets out of their service level")
    parser.add_argument("--sweep", action="store_true",
                        help="print the escalate_ticket commands to run now (for desk apply)")
    parser.add_argument("--json", action="store_true", help="print the list as JSON lines")
    parser.set_defaults(func=run_escalations)


def run_escalations(args: argparse.Namespace) -> int:
    database = open_db(args)
    now = SystemClock().local_now().isoformat(timespec="seconds")
    try:
        with database.engine.connect() as conn:
            if args.sweep:
                for command in escalation_sweep(conn, now):
                    line = {"command": command.name, **asdict(command)}
                    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
                return 0
            listed = escalated_tickets(conn, now)
    finally:
        database.dispose()
    for t in listed:
        if args.json:
            print_json(t)
        else:
            marks = ", ".join(t.marks) or "-"
            sys.stdout.write(f"{t.code}  {t.product_name or ''}  level {t.service_level}  "
                             f"step {t.step}  promised {t.promised_date}  now: {marks}  "
                             f"escalated: {', '.join(t.escalated) or '-'}\n")
    return 0
