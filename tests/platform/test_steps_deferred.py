"""`steps_deferred`: once_per_batch steps named inside wait for its end, then run once."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from desk.platform.batch import once_per_batch, steps_deferred


def test_steps_wait_then_run_once_per_step_with_every_key_in_order():
    calls: list[tuple[str, list[str]]] = []

    def tickets(conn: Connection, keys: list[str]) -> None:
        calls.append(("tickets", keys))

    def clocks(conn: Connection, keys: list[str]) -> None:
        calls.append(("clocks", keys))

    with create_engine("sqlite://").connect() as conn:
        once_per_batch(conn, tickets, "T1")
        assert calls == [("tickets", ["T1"])]  # outside: at once
        calls.clear()
        with steps_deferred(conn):
            for key in ("T1", "T2", "T1"):
                once_per_batch(conn, tickets, key)
                once_per_batch(conn, clocks, key)
            assert calls == []
        assert calls == [("tickets", ["T1", "T2"]), ("clocks", ["T1", "T2"])]
        calls.clear()
        once_per_batch(conn, tickets, "T3")  # after it: at once again
        assert calls == [("tickets", ["T3"])]


def test_nothing_runs_when_the_work_inside_fails():
    calls: list[list[str]] = []
    with create_engine("sqlite://").connect() as conn:
        with pytest.raises(RuntimeError), steps_deferred(conn):
            once_per_batch(conn, lambda c, keys: calls.append(keys), "T1")
            raise RuntimeError("refused")
        assert calls == []
        once_per_batch(conn, lambda c, keys: calls.append(keys), "T2")
        assert calls == [["T2"]]
