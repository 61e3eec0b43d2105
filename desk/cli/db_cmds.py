"""`desk db verify|rebuild|info`: check the journal's chains, replay it into the tables."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from desk.capabilities import REGISTRY
from desk.cli.common import open_db, print_json
from desk.platform.journal import verify
from desk.platform.projections import rebuild
from desk.platform.queries import journal_summary, table_counts


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = sub.add_parser("db", help="database maintenance").add_subparsers(dest="db_command")
    db.required = True
    db.add_parser("verify", help="check hash chains and device sequences").set_defaults(
        func=run_verify)
    db.add_parser("rebuild", help="drop the projections and replay the journal").set_defaults(
        func=run_rebuild)
    db.add_parser("info", help="event and row counts").set_defaults(func=run_info)


def run_verify(args: argparse.Namespace) -> int:
    database = open_db(args)
    with database.engine.connect() as conn:
        report = verify(conn)
    result: dict[str, object] = {"ok": report.ok, "events": report.events,
                                 "devices": report.devices}
    if report.first_break:
        b = report.first_break
        result["first_break"] = {"device_id": b.device_id, "device_seq": b.device_seq,
                                 "event_id": b.event_id, "problem": b.problem,
                                 "message": b.describe()}
    print_json(result)
    return 0 if report.ok else 1


def run_rebuild(args: argparse.Namespace) -> int:
    database = open_db(args)
    with database.writing() as conn:
        replayed = rebuild(conn, REGISTRY)
        counts = table_counts(conn, REGISTRY)
    print_json({"ok": True, "events_replayed": replayed, "rows": counts})
    return 0


def run_info(args: argparse.Namespace) -> int:
    database = open_db(args)
    with database.engine.connect() as conn:
        print_json({"path": str(database.path), "device_id": database.device_id,
                    **asdict(journal_summary(conn)), "rows": table_counts(conn, REGISTRY)})
    return 0
