"""Faults against the real server: connections dropped between and inside batches, the server
restarted, the program killed (-9) while pushing and while pulling. Afterwards every event is on
the server exactly once and the counters converge."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest

from desk.capabilities import open_database
from desk.catalog import tables as catalog_t
from desk.platform import tables as t
from desk.platform.bus import SYSTEM_ACTOR
from desk.platform.errors import DeskError
from desk.platform.uow import UnitOfWork
from desk.sync.engine import sync_once
from desk.sync.transport import PgTransport
from tests.sync.helpers import Counter, count, seed_catalogue


@pytest.fixture
def pair(central):
    hq = Counter.first(None, "HQ", central.store_url("HQ"))
    seed_catalogue(hq)
    hq.sync()
    a = Counter.first(None, "S001", central.store_url("S001"))
    a.sync()
    b = Counter.joining(None, central.store_url("S001"), "S001-2")
    yield a, b
    for c in (hq, a, b):
        c.close()


def bulk(counter: Counter, n: int, prefix: str = "C") -> None:
    """n customers in one transaction (fast way to get many real events)."""
    with UnitOfWork(counter.db, SYSTEM_ACTOR) as uow:
        for i in range(n):
            uow.record("customer.registered", f"{prefix}{i:07d}",
                       {"name": f"客户{i}", "phone": f"139{i:08d}", "member_id": "", "note": ""})
        uow.commit()


def terminate(central, pid: int) -> None:
    with central.admin() as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))


def on_server(central, device_id: str) -> int:
    return central.count("SELECT count(*) FROM desk.events WHERE device_id = %s", device_id)


def assert_exactly_once(central, *counters: Counter) -> None:
    assert central.count() == central.count("SELECT count(DISTINCT event_id) FROM desk.events")
    for c in counters:
        with c.db.engine.connect() as conn:
            own = count(conn, t.journal, t.journal.c.device_id == c.db.device_id)
        assert on_server(central, c.db.device_id) == own
        assert c.verify_ok()


def test_connection_dropped_mid_batch_loses_and_doubles_nothing(central, pair):
    a, b = pair
    bulk(a, 120)
    before = on_server(central, a.db.device_id)
    pid = a.transport.backend_pid()
    a.transport.before_commit = lambda: terminate(central, pid)
    with pytest.raises(DeskError) as err:
        a.sync(push_batch=50)
    assert err.value.code == "sync.connection_lost"
    assert on_server(central, a.db.device_id) == before  # the batch was rolled back whole
    a.transport.before_commit = None
    report = a.sync(push_batch=50)
    assert report.pushed == 120
    b.sync()
    assert_exactly_once(central, a, b)
    assert a.projections() == b.projections()


def test_connection_dropped_between_batches(central, pair):
    a, b = pair
    bulk(a, 120)
    batches: list[int] = []

    def cut_after_second(stage: str, done: int) -> None:
        batches.append(done)
        if stage == "push" and len(batches) == 2:
            terminate(central, a.transport.backend_pid())

    with pytest.raises(DeskError) as err:
        sync_once(a.db, a.transport, push_batch=50, progress=cut_after_second)
    assert err.value.code == "sync.connection_lost"
    report = a.sync(push_batch=50)
    assert report.pushed == 20  # only the third batch was still missing
    # The puller is cut between pages too, then resumes from its cursor.
    pages: list[int] = []

    def cut_pull(stage: str, done: int) -> None:
        pages.append(done)
        if stage == "pull" and len(pages) == 1:
            terminate(central, b.transport.backend_pid())

    before = b.events()
    with pytest.raises(DeskError):
        sync_once(b.db, b.transport, pull_batch=50, progress=cut_pull)
    had = b.events() - before
    assert had in (50, 100)  # the first page, and the second when it was read ahead of the cut
    assert b.sync(pull_batch=50).applied == 120 - had
    assert_exactly_once(central, a, b)
    assert a.projections() == b.projections()


def test_server_restarted_during_and_between_syncs(central, pair, pg):
    a, b = pair
    bulk(a, 100)

    def restart_once(stage: str, done: int) -> None:
        if stage == "push" and done == 40:
            pg.restart()

    with pytest.raises(DeskError) as err:
        sync_once(a.db, a.transport, push_batch=40, progress=restart_once)
    assert err.value.code == "sync.connection_lost"
    pg.restart()  # and again while both counters hold open connections
    assert a.sync(push_batch=40).pushed == 60
    b.sync()
    assert_exactly_once(central, a, b)
    assert a.projections() == b.projections()


def _wait_for(predicate, timeout_s: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return False


def _journal_rows(path) -> int:
    try:
        with psycopg_free_sqlite(path) as conn:
            return int(conn.execute("SELECT count(*) FROM journal").fetchone()[0])
    except Exception:
        return 0


def psycopg_free_sqlite(path):
    import sqlite3

    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)


@pytest.mark.slow
def test_killed_while_pushing_and_while_pulling(central, tmp_path):
    total = 6000
    hq = Counter.first(None, "HQ", central.store_url("HQ"))
    seed_catalogue(hq)
    hq.sync()
    home_a = tmp_path / "a"
    a = Counter.first(home_a / "desk.sqlite3", "S001", central.store_url("S001"))
    bulk(a, total)
    device_a = a.db.device_id
    a.close()
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    url = central.store_url("S001")

    def run_sync(home) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "desk.cli.main", "--home", str(home),
                                 "sync", "--central", url, "--batch", "20",
                                 "--counter-name", "late"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    pusher = run_sync(home_a)
    assert _wait_for(lambda: on_server(central, device_a) > 200)
    pusher.send_signal(signal.SIGKILL)
    pusher.wait()
    mid_push = on_server(central, device_a)
    assert 0 < mid_push < total + 3  # killed part-way through

    home_b = tmp_path / "b"
    home_b.mkdir()
    open_database(home_b / "desk.sqlite3").dispose()  # a fresh counter that will join
    puller = run_sync(home_b)
    assert _wait_for(lambda: _journal_rows(home_b / "desk.sqlite3") > 100)
    puller.send_signal(signal.SIGKILL)
    puller.wait()
    mid_pull = _journal_rows(home_b / "desk.sqlite3")
    assert mid_pull < total

    a = Counter(open_database(home_a / "desk.sqlite3"), url)
    b = Counter(open_database(home_b / "desk.sqlite3"), url)
    a.sync()
    sync_once(b.db, b.transport, counter_name="late")
    a.sync()
    assert_exactly_once(central, a, b)
    assert a.projections() == b.projections()
    with b.db.engine.connect() as conn:
        assert count(conn, catalog_t.customers) == total
    for c in (hq, a, b):
        c.close()


def test_a_transport_reconnects_after_its_connection_is_killed(central, pair):
    transport = PgTransport(central.store_url("S001"))
    first = transport.backend_pid()
    terminate(central, first)
    assert transport.hello().store_id == "S001"  # replaced the dead connection
    assert transport.backend_pid() != first
    transport.close()
    with psycopg.connect(central.admin_url, autocommit=True) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
