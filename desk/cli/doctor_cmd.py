"""`desk doctor`: is this counter's install healthy? One line per check, in words.

    ok       database: 1234 events from 1 device, the journal's hash chain is intact
    problem  printer: serial:/dev/ttyUSB0: printer port /dev/ttyUSB0 does not exist
    skipped  central: not set up (this counter works on its own)

Exit status 0 when nothing is wrong, 1 otherwise. The database is opened read-only: the doctor
changes nothing (it does not even upgrade an old schema, it says so). The fonts and the printer
are printing/'s to check (desk does not import printing): its `desk.cli` plug-in adds them with
`add_check`; without the printing part they are skipped with the reason.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import Connection

from desk.capabilities import describe
from desk.platform.errors import DeskError
from desk.platform.journal import verify
from desk.platform.migrate import current_revision, head_revision, known_revisions
from desk.platform.paths import data_home, database_path
from desk.platform.upgrade import FreeSpace, disk_free

OK, PROBLEM, SKIPPED = "ok", "problem", "skipped"
LOW_DISK_BYTES = 500 * 2**20
CENTRAL_TIMEOUT_S = 5
# Checks a plug-in contributes (printing/doctor.py); absent when that part is not installed.
PLUGIN_CHECKS = ("fonts", "printer")


@dataclass(frozen=True)
class Finding:
    check: str
    status: str  # ok, problem, skipped
    detail: str

    def line(self) -> str:
        return f"{self.status:<8} {self.check}: {self.detail}"


@dataclass
class Situation:
    """What a check looks at: the data directory and, when it opened, its database (read-only)."""

    home: Path
    conn: Connection | None = None
    engine: Engine | None = None
    free_space: FreeSpace = disk_free


Check = Callable[[Situation], Finding]


@dataclass
class Plugins:
    checks: dict[str, Check] = field(default_factory=dict)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("doctor", help="check this counter's install and say what is wrong")
    p.set_defaults(func=run, doctor_plugins=Plugins())


def add_check(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
              check: Check) -> None:
    """The hook for a plug-in's own check (called from its `desk.cli` register function)."""
    doctor = subparsers.choices.get("doctor")
    if doctor is not None:
        doctor.get_default("doctor_plugins").checks[name] = check


def run(args: argparse.Namespace) -> int:
    findings = diagnose(data_home(args.home), args.doctor_plugins.checks)
    for finding in findings:
        print(finding.line(), flush=True)
    return 1 if any(f.status == PROBLEM for f in findings) else 0


def diagnose(home: Path, plugin_checks: dict[str, Check], *,
             free_space: FreeSpace = disk_free) -> list[Finding]:
    situation = Situation(home, free_space=free_space)
    path = database_path(home)
    with read_only(path) as engine:
        found = [check_database(path, engine, situation)]
        found.append(check_schema(situation))
        for name in PLUGIN_CHECKS:
            check = plugin_checks.get(name)
            found.append(guarded(name, check, situation) if check else
                         Finding(name, SKIPPED, "the printing part is not installed"))
        found.append(guarded("central", check_central, situation))
        found.append(check_disk(situation))
        if situation.conn is not None:
            situation.conn.close()
    return found


@contextmanager
def read_only(path: Path) -> Iterator[Engine | None]:
    if not path.is_file():
        yield None
        return
    uri = f"{path.resolve().as_uri()}?mode=ro"
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    try:
        yield engine
    finally:
        engine.dispose()


def guarded(name: str, check: Check, situation: Situation) -> Finding:
    """A check that fails unexpectedly is a problem line, never the end of the report."""
    try:
        return check(situation)
    except DeskError as err:
        return Finding(name, PROBLEM, describe(err, "en"))
    except Exception as exc:  # the doctor reports whatever went wrong
        return Finding(name, PROBLEM, f"the check failed: {type(exc).__name__}: {exc}")


def check_database(path: Path, engine: Engine | None, situation: Situation) -> Finding:
    if engine is None:
        return Finding("database", PROBLEM, f"no database at {path}: start the app, or run "
                                            "`desk demo` or `desk init`")
    try:
        conn = engine.connect()
        report = verify(conn)
    except Exception as exc:  # not a database, unreadable, no journal
        return Finding("database", PROBLEM, f"{path} cannot be read: {exc}")
    situation.conn, situation.engine = conn, engine
    if report.first_break is not None:
        return Finding("database", PROBLEM,
                       f"the journal is broken: {report.first_break.describe()}")
    plural = "" if report.devices == 1 else "s"
    return Finding("database", OK, f"{report.events} events from {report.devices} device{plural}, "
                                   "the journal's hash chain is intact")


def check_schema(situation: Situation) -> Finding:
    if situation.engine is None:
        return Finding("schema", SKIPPED, "the database did not open")
    found, head = current_revision(situation.engine), head_revision()
    if found == head:
        return Finding("schema", OK, f"at {head}, the newest")
    if found is None:
        return Finding("schema", PROBLEM, "the database has no schema version")
    if found not in known_revisions():
        return Finding("schema", PROBLEM, describe(DeskError("db.newer_schema", found=found), "en"))
    return Finding("schema", PROBLEM, f"at {found}, this program's is {head}: the next start "
                                      "upgrades it (after a backup in backups/)")


def check_central(situation: Situation) -> Finding:
    if situation.conn is None:
        return Finding("central", SKIPPED, "the database did not open")
    from desk.cli.sync_cmds import PASSWORD_ENV
    from desk.sync import settings
    from desk.sync.transport import PgTransport, redact, require_driver

    saved = settings.load(situation.conn)
    if not saved.configured:
        return Finding("central", SKIPPED, "not set up (this counter works on its own)")
    require_driver()
    url = saved.url(os.environ.get(PASSWORD_ENV, ""))
    transport = PgTransport(url, timeout_s=CENTRAL_TIMEOUT_S)
    try:
        transport.hello()
    except DeskError as err:
        hint = "" if os.environ.get(PASSWORD_ENV) else f" (the password comes from ${PASSWORD_ENV})"
        words = " ".join(describe(err, "en").split())  # psycopg's text has tabs and newlines
        where = "" if redact(url) in words else f"{redact(url)}: "
        return Finding("central", PROBLEM, f"{where}{words}{hint}")
    finally:
        transport.close()
    return Finding("central", OK, f"{redact(url)} answers")


def check_disk(situation: Situation) -> Finding:
    folder = situation.home
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = situation.free_space(folder)
    mib = free // 2**20
    if free < LOW_DISK_BYTES:
        return Finding("disk", PROBLEM, f"only {mib} MB free in {folder} (below "
                                        f"{LOW_DISK_BYTES // 2**20} MB): an upgrade's backup or "
                                        "the day's work may not fit; free some space")
    return Finding("disk", OK, f"{mib} MB free in {folder}")
