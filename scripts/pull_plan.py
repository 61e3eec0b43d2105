"""EXPLAIN (ANALYZE, BUFFERS) of the pull statement, as a store's role, on chains of 10, 100 and
1 000 stores x 50 events (docs/scale.md): the plan and the pages read must not grow with the chain.

    python scripts/pull_plan.py      # needs the PostgreSQL server binaries, like the sync tests
"""

from __future__ import annotations

import psycopg

from desk.bench.chain import SimCounter
from desk.bench.pgserver import TempPostgres
from desk.sync.central import add_stores, init_central, role_for_store
from desk.sync.transport import PULL_SQL, PUSH_SQL, push_arguments

EVENTS = 50


def main() -> None:
    with TempPostgres(shared_buffers="256MB") as pg:
        init_central(pg.url())
        ids = [f"C{i:04d}" for i in range(1, 1001)]
        add_stores(pg.url(), [(s, "pw") for s in ids] + [("HQ", "pw")])
        conn = psycopg.connect(pg.url(), autocommit=True)
        done = 0
        for size in (10, 100, 1000):
            for store in ids[done:size]:  # push as the store (session_user is what push checks)
                counter = SimCounter(store, f"{store}-1")
                conn.execute(f"SET SESSION AUTHORIZATION {role_for_store(store)}")
                conn.execute(PUSH_SQL, push_arguments(counter.device_id,
                                                      counter.next_events(EVENTS))).fetchone()
                conn.execute("RESET SESSION AUTHORIZATION")
            done = size
            conn.execute("ANALYZE desk.events")
            conn.execute(f"SET SESSION AUTHORIZATION {role_for_store('C0005')}")
            plan = conn.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + PULL_SQL,
                                (["C0005", "HQ"], [EVENTS - 10, 0], ["C0005", "HQ"],
                                 ["C0005", "HQ"], "x", 1000)).fetchall()
            conn.execute("RESET SESSION AUTHORIZATION")
            print(f"--- chain of {size} stores ({size * EVENTS} events): the last 10 of C0005")
            print("\n".join(line for (line,) in plan))


if __name__ == "__main__":
    main()
