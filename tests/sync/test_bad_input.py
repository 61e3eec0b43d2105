"""Wrong addresses, wrong passwords, schemas of another version, clocks that disagree."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from desk.bench.pgserver import free_port
from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.sync.central import SCHEMA_VERSION, init_central
from desk.sync.engine import sync_once
from desk.sync.transport import PgTransport, redact
from tests.sync.helpers import Counter, seed_catalogue

HOURS = 3 * 3600 * 1000


def code_of(url: str, counter: Counter) -> str:
    with pytest.raises(DeskError) as err:
        transport = PgTransport(url)
        try:
            sync_once(counter.db, transport)
        finally:
            transport.close()
    return err.value.code


@pytest.fixture
def counter(central):
    c = Counter.first(None, "S001", central.store_url("S001"))
    yield c
    c.close()


def test_wrong_addresses_and_credentials_have_clear_codes(central, counter, pg):
    assert code_of("mysql://u:p@127.0.0.1/x", counter) == "sync.bad_url"
    assert code_of("postgresql://u:p@127.0.0.1:notaport/x", counter) == "sync.bad_url"
    assert code_of("", counter) == "sync.not_configured"
    closed = f"postgresql://u:p@127.0.0.1:{free_port()}/x"
    assert code_of(closed, counter) == "sync.unreachable"
    assert code_of(central.store_url("S001", password="wrong"), counter) == "sync.auth_failed"
    assert code_of(pg.url(user="nobody_here", dbname=central.dbname), counter) == \
        "sync.auth_failed"
    assert code_of(pg.url(user="desk_store_s001", password="pw-s001", dbname="no_such_db"),
                   counter) == "sync.no_database"
    # The owner's credentials are not a store's.
    assert code_of(central.admin_url, counter) == "sync.not_a_store_role"
    # Nothing was pushed by any of these.
    assert central.count() == 0


def test_passwords_never_appear_in_messages():
    url = "postgresql://desk_store_s001:s3cret@127.0.0.1:1/x"
    assert "s3cret" not in redact(url)
    with pytest.raises(DeskError) as err:
        PgTransport("postgresql://u:s3cret@127.0.0.1:notaport/x")
    assert "s3cret" not in err.value.message


def test_a_server_without_or_with_an_older_schema(pg, central, counter):
    with psycopg.connect(pg.admin_conninfo(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bare")
        conn.execute("CREATE DATABASE bare")
    bare = pg.url(dbname="bare")
    with pytest.raises(DeskError) as err:
        sync_once(counter.db, PgTransport(bare))
    assert err.value.code == "sync.central_missing"
    from desk.sync.central import add_store

    with pytest.raises(DeskError) as err:
        add_store(bare, "S001", "pw-s001")
    assert err.value.code == "sync.central_missing"
    init_central(bare)
    with pytest.raises(DeskError) as err:  # the role is the other database's S001
        add_store(bare, "S001", "pw-s001")
    assert err.value.code == "sync.role_of_other_database"
    with psycopg.connect(central.admin_url, autocommit=True) as conn:  # retire it there
        conn.execute("DELETE FROM desk.store_roles WHERE store_id = 'S001'")
        conn.execute("DROP ROLE desk_store_s001")
    add_store(bare, "S001", "pw-s001")
    store_url = pg.url(user="desk_store_s001", password="pw-s001", dbname="bare")
    with psycopg.connect(bare, autocommit=True) as conn:
        conn.execute("UPDATE desk.meta SET value = '0' WHERE key = 'schema_version'")
    assert code_of(store_url, counter) == "sync.central_outdated"
    with psycopg.connect(bare, autocommit=True) as conn:
        conn.execute("UPDATE desk.meta SET value = '99' WHERE key = 'schema_version'")
    assert code_of(store_url, counter) == "sync.central_newer"
    with pytest.raises(DeskError) as err:
        init_central(bare)  # never downgrades a newer schema
    assert err.value.code == "sync.central_newer"
    with psycopg.connect(bare, autocommit=True) as conn:
        conn.execute("UPDATE desk.meta SET value = '0' WHERE key = 'schema_version'")
    assert init_central(bare)["schema_version"] == SCHEMA_VERSION  # the upgrade
    transport = PgTransport(store_url)
    assert sync_once(counter.db, transport).pushed > 0
    transport.close()


def test_clocks_hours_apart_keep_order_and_are_warned_about(central):
    """Counter b's clock runs three hours fast. Its events sort after a's, a's later events sort
    after those it has seen, and both sides are told."""
    from desk.platform.db import wall_clock_ms

    hq = Counter.first(None, "HQ", central.store_url("HQ"))
    seed_catalogue(hq)
    hq.sync()
    a = Counter.first(None, "S001", central.store_url("S001"))
    a.sync()
    b = Counter.joining(None, central.store_url("S001"), "fast",
                        wall_ms=lambda: wall_clock_ms() + HOURS)
    b.sale("R2611200200001")
    rb = b.sync()
    assert {"sync.clock_skew"} <= {w.code for w in rb.warnings}
    ra = a.sync()
    drift = [w for w in ra.warnings if w.code == "sync.clock_drift"]
    assert drift and drift[0].params["minutes"] >= 170
    a.sale("R2611200100001")  # recorded after a saw b's sale: it must sort after it
    with a.db.engine.connect() as conn:
        rows = {r.entity_id: r.hlc for r in conn.execute(
            t.journal.select().where(t.journal.c.kind == "sale.recorded"))}
    assert rows["R2611200100001"] > rows["R2611200200001"]
    for c in (hq, a, b):
        c.close()


def test_the_command_line_says_what_is_wrong(tmp_path, central):
    env = {**os.environ, "DESK_HOME": str(tmp_path)}
    bad = subprocess.run([sys.executable, "-m", "desk.cli.main", "sync", "--central",
                          central.store_url("S001", password="nope")],
                         capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 2
    assert "error: sync.auth_failed" in bad.stderr and "nope" not in bad.stderr
