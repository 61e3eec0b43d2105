"""Alembic: the migrations build exactly tables.py, an older schema upgrades with its data, and
files that are not our database are refused clearly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, select, text

from desk.capabilities import open_database
from desk.catalog.commands import DefineCategory, RegisterCustomer, RegisterProduct
from desk.catalog.setup import initialise_counter
from desk.platform import tables as t
from desk.platform.bus import CommandBus
from desk.platform.errors import DeskError
from desk.platform.migrate import alembic_config, current_revision, head_revision
from desk.repairs import tables as repairs_t
from desk.repairs.commands import OpenTicket
from desk.staff.commands import LogIn
from tests.support.journal import dump


def test_migrations_match_the_table_definitions(tmp_path):
    db = open_database(tmp_path / "d.sqlite3")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
    assert diff == []
    assert current_revision(db.engine) == head_revision()


def seeded(path):
    db = open_database(path)
    bus = CommandBus(db)
    initialise_counter(bus, store_id="S001", store_name="店", device_name="柜台",
                       admin_id="A1", admin_name="管", admin_pin="1234")
    bus.dispatch(LogIn(staff_id="A1", pin="1234"), "A1")
    bus.dispatch(DefineCategory(category_id="E", category_name="电子", kind="electronics"), "A1")
    bus.dispatch(RegisterProduct(sku="P000001", product_name="蓝牙耳机", category_id="E",
                                 price_fen=19900), "A1")
    bus.dispatch(RegisterCustomer(customer_id="C0000001", customer_name="韩梅梅"), "A1")
    bus.dispatch(OpenTicket(code="T2611200001", sku="P000001", fault="左耳无声",
                            promised_date="2026-11-30"), "A1")
    return db


def test_upgrade_from_the_first_schema_keeps_and_replays_the_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = seeded(path)
    with db.engine.connect() as conn:
        expected = dump(conn)
    # Go back to the first schema: the tables added later disappear, the journal stays.
    command.downgrade(alembic_config(db.engine), "0001")
    db.dispose()
    assert current_revision(create_engine(f"sqlite:///{path}")) == "0001"
    reopened = open_database(path)  # upgrades to head and replays the journal
    with reopened.engine.connect() as conn:
        assert dump(conn) == expected
        assert conn.execute(select(repairs_t.tickets.c.fault)).scalar_one() == "左耳无声"
        stale = conn.execute(text("SELECT count(*) FROM local_settings "
                                  "WHERE key = 'projections_stale'")).scalar_one()
    assert stale == 0
    assert reopened.device_id == db.device_id


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    open_database(path).dispose()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DeskError) as info:
        open_database(path)
    assert info.value.code == "db.newer_schema"


@pytest.mark.parametrize("content", [b"hello, this is a text file\n" * 10,
                                     b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_file_that_is_not_a_database_is_refused(tmp_path, content):
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DeskError) as info:
        open_database(path)
    assert info.value.code == "db.not_a_database"
    assert path.read_bytes() == content  # and it is left untouched


READ_ONLY_PROBE = """
import sys
from desk.platform.errors import DeskError
from desk.capabilities import open_database
try:
    open_database(sys.argv[1])
except DeskError as err:
    print(err.code)
"""


def _as_unprivileged(args: list[str]) -> list[str]:
    # root ignores file permissions, so the check runs as 'nobody' when the tests run as root
    if os.geteuid() != 0:
        return args
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *args]


@pytest.fixture
def open_tmp():
    """A temporary folder that an unprivileged user can reach (pytest's tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="desk-ro-"))
    folder.chmod(0o755)
    yield folder
    for p in folder.rglob("*"):
        p.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.parametrize("existing", [False, True])
def test_a_read_only_data_directory_is_a_clear_error(open_tmp, existing):
    folder = open_tmp / "ro"
    folder.mkdir()
    if existing:
        open_database(folder / "desk.sqlite3").dispose()
        for p in folder.iterdir():
            p.chmod(0o444)
    folder.chmod(0o555)
    probe = subprocess.run(_as_unprivileged([sys.executable, "-c", READ_ONLY_PROBE,
                                             str(folder / "desk.sqlite3")]),
                           capture_output=True, text=True, timeout=60,
                           cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert probe.stdout.strip() == "db.read_only", probe.stderr
