"""What the CLI commands share: opening the counter's database and printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desk.capabilities import open_database
from desk.platform.bus import CommandBus
from desk.platform.db import Database
from desk.platform.jsonable import to_jsonable
from desk.platform.paths import data_home, database_path
from desk.platform.upgrade import UpgradeOptions


def open_db(args: argparse.Namespace) -> Database:
    """The data directory's database; an older one is backed up and upgraded, and the journal
    replay after the upgrade shows its progress on stderr."""
    opts = UpgradeOptions(progress=replay_progress)
    db = open_database(database_path(data_home(args.home)), upgrade=opts)
    for backup in opts.taken:
        print(f"upgraded the database; the backup before the upgrade: {backup}", file=sys.stderr)
    return db


def replay_progress(done: int, total: int) -> None:
    print(f"upgrade: replaying the journal {done}/{total}", file=sys.stderr, flush=True)


def open_bus(args: argparse.Namespace) -> CommandBus:
    return CommandBus(open_db(args))


def print_json(value: Any) -> None:
    """One line of JSON; a dataclass prints as an object of its fields (desk.platform.jsonable)."""
    data = to_jsonable(value)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # an echoed lone surrogate: print it escaped, still valid JSON
        text = json.dumps(data, ensure_ascii=True, sort_keys=True)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
