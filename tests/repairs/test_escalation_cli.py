"""`desk escalations --sweep` prints the escalate_ticket lines `desk apply` runs; the list after."""

from __future__ import annotations

import json

import pytest

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.cli.main import main
from desk.platform.bus import CommandBus
from desk.platform.paths import database_path
from desk.platform.ports import FixedClock
from tests.repairs.helpers import open_ticket, seed_repairs
from tests.returns.seed import MANAGER


@pytest.fixture
def home(tmp_path, clock: FixedClock):
    """A ticket opened on 2026-11-20, promised for the 25th: the real clock is long past both."""
    db = open_database(database_path(tmp_path), wall_ms=clock.now_ms)
    bus = CommandBus(db, clock)
    initialise_counter(bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999")
    seed_repairs(bus)
    open_ticket(bus, "T0001")
    db.dispose()
    return tmp_path


def test_the_sweep_feeds_desk_apply(home, capsys):
    assert main(["--home", str(home), "escalations", "--sweep"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(x["command"], x["ticket_code"], x["reason"]) for x in lines] == [
        ("escalate_ticket", "T0001", "response_breached"),
        ("escalate_ticket", "T0001", "overdue"),
        ("escalate_ticket", "T0001", "stale")]
    feed = home / "sweep.jsonl"
    feed.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    assert main(["--home", str(home), "apply", str(feed), "--as", MANAGER]) == 0
    capsys.readouterr()
    assert main(["--home", str(home), "escalations", "--sweep"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--home", str(home), "escalations", "--json"]) == 0
    (listed,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert listed["code"] == "T0001" and listed["escalated_by"] == "张经理"
    assert listed["escalated"] == ["overdue", "response_breached", "stale"]


def test_upgrading_from_0012_fills_the_clocks_of_existing_tickets(home):
    from alembic import command
    from sqlalchemy import inspect, select

    from desk.platform.migrate import alembic_config
    from desk.repairs.clock_tables import ticket_clocks

    db = open_database(database_path(home))
    command.downgrade(alembic_config(db.engine), "0012")
    with db.engine.connect() as conn:
        assert not inspect(conn).has_table("ticket_clocks")
    db.dispose()
    reopened = open_database(database_path(home))  # upgrades to 0013 and replays the journal
    with reopened.engine.connect() as conn:
        rows = conn.execute(select(ticket_clocks.c.code, ticket_clocks.c.respond_by)).all()
    reopened.dispose()
    assert [tuple(r) for r in rows] == [("T0001", "2026-11-20T10:30:00")]
