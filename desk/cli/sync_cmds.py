"""`desk central init|add-store|status`, `desk sync`, `desk conflicts list|resolve`.

    desk central init postgresql://owner:pw@host/servicedesk      # create/upgrade the schema
    desk central add-store postgresql://owner:pw@host/servicedesk --store-id S001
    desk sync --central postgresql://desk_store_s001:pw@host/servicedesk
    desk sync --rebind --as 1001 --central ...   # an administrator points it at another server
"""

from __future__ import annotations

import argparse
import os
import sys

from desk.capabilities import describe
from desk.cli.common import open_bus, open_db, print_json
from desk.platform.errors import DeskError
from desk.platform.jsonable import to_jsonable

URL_ENV = "DESK_CENTRAL_URL"
PASSWORD_ENV = "DESK_CENTRAL_PASSWORD"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    central = sub.add_parser("central", help="set up the central PostgreSQL server (operator)")
    csub = central.add_subparsers(dest="central_command")
    csub.required = True
    p = csub.add_parser("init", help="create or upgrade the central schema (idempotent)")
    p.add_argument("url", help="postgresql://OWNER:PASSWORD@HOST:PORT/DBNAME")
    p.set_defaults(func=run_central_init)
    p = csub.add_parser("add-store", help="create a store's credentials (or give it a new "
                                          "password); --store-id HQ for head office")
    p.add_argument("url")
    p.add_argument("--store-id", required=True)
    p.add_argument("--password", default=None,
                   help="the password to set (default: a new random one, printed once)")
    p.set_defaults(func=run_add_store)
    p = csub.add_parser("status", help="events per store and each counter's last sequence")
    p.add_argument("url")
    p.set_defaults(func=run_central_status)

    p = sub.add_parser("sync", help="run one sync round with the central server")
    p.add_argument("--central", default=None,
                   help=f"postgresql://STORE_ROLE:PASSWORD@HOST/DBNAME (default: ${URL_ENV}, "
                        "then the settings saved in the app with the password from "
                        f"${PASSWORD_ENV})")
    p.add_argument("--counter-name", default="",
                   help="name of this counter when it joins its store (a fresh database)")
    p.add_argument("--batch", type=int, default=1000, help="events per push/pull batch")
    p.add_argument("--rebind", action="store_true",
                   help="administrator: bind this counter to the given central database "
                        "(another one than it synced with before), then sync")
    p.add_argument("--as", dest="actor", default="",
                   help="the administrator's staff id (required with --rebind)")
    p.set_defaults(func=run_sync)

    conflicts = sub.add_parser("conflicts", help="conflicts found while merging counters")
    ksub = conflicts.add_subparsers(dest="conflicts_command")
    ksub.required = True
    p = ksub.add_parser("list", help="open conflicts (--all: resolved ones too)")
    p.add_argument("--all", action="store_true")
    p.set_defaults(func=run_conflicts_list)
    p = ksub.add_parser("resolve", help="record a manager's resolution")
    p.add_argument("conflict_id")
    p.add_argument("--decision", required=True,
                   help="keep_first, keep_both, reversed, accepted or other")
    p.add_argument("--note", default="")
    p.add_argument("--as", dest="actor", required=True, help="the manager's staff id")
    p.set_defaults(func=run_conflicts_resolve)


def run_central_init(args: argparse.Namespace) -> int:
    from desk.sync.central import init_central

    print_json({"ok": True, **init_central(args.url)})
    return 0


def run_add_store(args: argparse.Namespace) -> int:
    from desk.sync.central import add_store

    creds = add_store(args.url, args.store_id, args.password)
    print_json({"ok": True, "store_id": creds.store_id, "role": creds.role,
                "password": creds.password, "created": creds.created})
    return 0


def run_central_status(args: argparse.Namespace) -> int:
    from desk.sync.central import central_status

    print_json({"ok": True, **central_status(args.url)})
    return 0


def central_url(args: argparse.Namespace, database: object) -> str:
    if args.central:
        return str(args.central)
    if os.environ.get(URL_ENV):
        return os.environ[URL_ENV]
    from desk.platform.db import Database
    from desk.sync import settings

    assert isinstance(database, Database)
    with database.engine.connect() as conn:
        saved = settings.load(conn)
    if not saved.configured:
        raise DeskError("sync.not_configured")
    return saved.url(os.environ.get(PASSWORD_ENV, ""))


def run_sync(args: argparse.Namespace) -> int:
    from desk.sync.engine import rebind, record_failure, sync_once
    from desk.sync.transport import PgTransport, require_driver

    require_driver()  # before touching the database: say what is missing, in words
    if args.rebind and not args.actor:
        raise DeskError("value.required", field="--as")
    database = open_db(args)
    transport = PgTransport(central_url(args, database))
    try:
        if args.rebind:
            print(f"rebound: {rebind(database, transport, args.actor)}", file=sys.stderr)
        report = sync_once(database, transport, push_batch=args.batch, pull_batch=args.batch,
                           counter_name=args.counter_name)
    except DeskError as err:
        record_failure(database, err)
        raise
    finally:
        transport.close()
    print_json({"ok": True, **to_jsonable(report)})
    for warning in report.warnings:
        print(f"warning: {warning.code}: {describe(warning.as_error(), 'en')}", file=sys.stderr)
    return 0


def run_conflicts_list(args: argparse.Namespace) -> int:
    from desk.platform.conflicts import open_conflicts

    database = open_db(args)
    with database.engine.connect() as conn:
        print_json({"ok": True, "conflicts": open_conflicts(conn, include_resolved=args.all)})
    return 0


def run_conflicts_resolve(args: argparse.Namespace) -> int:
    from desk.sync.handlers import ResolveConflict

    bus = open_bus(args)
    result = bus.dispatch(ResolveConflict(conflict_id=args.conflict_id, decision=args.decision,
                                          note=args.note), args.actor)
    print_json({"ok": True, **to_jsonable(result.value)})
    return 0
