"""`desk init`: bind a new counter to its store and create the first administrator."""

from __future__ import annotations

import argparse
import getpass
import os

from desk.catalog.setup import initialise_counter
from desk.cli.common import open_bus, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="set up this counter for a store (first run)")
    p.add_argument("--store-id", required=True)
    p.add_argument("--store-name", required=True)
    p.add_argument("--counter-name", required=True)
    p.add_argument("--admin-id", required=True)
    p.add_argument("--admin-name", required=True)
    p.add_argument("--tracking-url", default="")
    p.add_argument("--timezone", default="",
                   help="the store's time zone, e.g. Asia/Shanghai (the default when omitted)")
    p.set_defaults(func=run_init)


def run_init(args: argparse.Namespace) -> int:
    pin = os.environ.get("DESK_ADMIN_PIN") or getpass.getpass("administrator PIN: ")
    bus = open_bus(args)
    initialise_counter(bus, store_id=args.store_id, store_name=args.store_name,
                       device_name=args.counter_name, admin_id=args.admin_id,
                       admin_name=args.admin_name, admin_pin=pin, tracking_url=args.tracking_url,
                       timezone=args.timezone)
    print_json({"ok": True, "store_id": args.store_id, "device_id": bus.db.device_id})
    return 0
