"""The workshop queue over 20 000 open tickets stays within its 50 ms budget (issue 12)."""

from __future__ import annotations

import statistics

from sqlalchemy import func, select

from desk.bench.queue import NOW, opened_events, project, queue_times
from desk.capabilities import open_database
from desk.repairs.clock_tables import ticket_clocks


def test_the_queue_of_20000_tickets_opens_within_50_ms(tmp_path):
    db = open_database(tmp_path / "desk.sqlite3")
    try:
        project(db, opened_events(20_000))
        with db.engine.connect() as conn:
            count = conn.execute(select(func.count()).select_from(ticket_clocks)).scalar_one()
            overdue = conn.execute(select(func.count()).select_from(ticket_clocks).where(
                ticket_clocks.c.promised_date < NOW.date().isoformat())).scalar_one()
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT code FROM ticket_clocks WHERE status = 'open' "
                "ORDER BY due_at, code LIMIT 200"))
            samples = queue_times(conn, 9)
    finally:
        db.dispose()
    assert count == 20_000 and 1_600 < overdue < 2_400  # about a tenth overdue
    assert "ix_ticket_clocks_queue" in plan
    # measured 5-6 ms on the 2-core build machine: the budget has a wide margin
    assert statistics.median(samples) <= 50.0, samples
