"""A counter is bound to the central database it first synced with; another chain's server is
refused until an administrator re-binds it. `add-store` never re-keys another database's role."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from desk.bench.pgserver import TempPostgres
from desk.capabilities import open_database
from desk.platform.db import get_setting
from desk.platform.errors import DeskError
from desk.sync.central import add_store, init_central
from desk.sync.engine import CENTRAL_ID, rebind
from desk.sync.transport import PgTransport
from tests.support.central import STORE_PASSWORDS, Central, drop_central, new_central
from tests.sync.helpers import ADMIN, Counter


@pytest.fixture(scope="module")
def other_chain():
    """Another chain's PostgreSQL server (its own cluster: roles are cluster-wide)."""
    server = TempPostgres()
    server.start()
    central = new_central(server, stores=("S001",))
    yield central
    drop_central(central, stores=("S001",))
    server.cleanup()


def on(central: Central) -> int:
    return central.count()


def test_a_counter_refuses_another_central_until_rebound(central, other_chain, tmp_path):
    home = tmp_path / "a"
    a = Counter.first(home / "desk.sqlite3", "S001", central.store_url("S001"))
    a.sync()
    own = a.events()
    elsewhere = Counter(a.db, other_chain.store_url("S001"))
    with pytest.raises(DeskError) as err:
        elsewhere.sync()
    assert err.value.code == "sync.other_central"
    assert on(other_chain) == 0  # nothing went to the other chain
    # The administrator's command, as documented.
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    env.pop("DESK_CENTRAL_URL", None)
    a.close()
    done = subprocess.run([sys.executable, "-m", "desk.cli.main", "--home", str(home), "sync",
                           "--central", other_chain.store_url("S001"), "--rebind"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and "value.required" in done.stderr  # who does it?
    done = subprocess.run([sys.executable, "-m", "desk.cli.main", "--home", str(home), "sync",
                           "--central", other_chain.store_url("S001"), "--rebind", "--as",
                           ADMIN["S001"]], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert on(other_chain) == own + 1  # its history, and the re-binding fact
    a = Counter(open_database(home / "desk.sqlite3"), central.store_url("S001"))
    try:
        with pytest.raises(DeskError) as err:  # now the first server is the stranger
            a.sync()
        assert err.value.code == "sync.other_central"
        assert a.verify_ok()
    finally:
        a.close()


def test_rebind_starts_cursors_and_position_over(central, other_chain):
    a = Counter.first(None, "S001", central.store_url("S001"))
    try:
        a.sync()
        transport = PgTransport(other_chain.store_url("S001"))
        result = rebind(a.db, transport, ADMIN["S001"])
        with a.db.engine.connect() as conn:
            assert get_setting(conn, CENTRAL_ID) == result.central_id != result.previous
        before = on(other_chain)
        a.transport = transport
        report = a.sync()
        mine = other_chain.count("SELECT count(*) FROM desk.events WHERE device_id = %s",
                                 a.db.device_id)
        assert report.pushed == mine == a.events() - report.applied
        assert on(other_chain) == before + report.pushed
    finally:
        a.close()


def test_add_store_does_not_rekey_another_databases_role(central, pg):
    with psycopg.connect(pg.admin_conninfo(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS second_chain")
        conn.execute("CREATE DATABASE second_chain")
    second = pg.url(dbname="second_chain")
    init_central(second)
    with pytest.raises(DeskError) as err:
        add_store(second, "S001", "stolen")
    assert err.value.code == "sync.role_of_other_database"
    # Nothing changed: the first chain's password still works, the new one does not.
    with psycopg.connect(central.store_url("S001"), autocommit=True) as conn:
        assert conn.execute("SELECT desk.current_store()").fetchone() == ("S001",)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(central.store_url("S001", password="stolen")).close()
    with psycopg.connect(second, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM desk.store_roles").fetchone() == (0,)
    # And the first chain's store role sees nothing of the second chain's database.
    with psycopg.connect(pg.url(user="desk_store_s001", password=STORE_PASSWORDS["S001"],
                                dbname="second_chain"), autocommit=True) as conn:
        assert conn.execute("SELECT desk.current_store()").fetchone() == (None,)
        assert conn.execute("SELECT count(*) FROM desk.events").fetchone() == (0,)
