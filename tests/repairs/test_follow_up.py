"""The follow-up list: tickets picked up (step 7 done) within the last 48 h whose follow-up step
is not done, the soonest due first; and its page at the counter."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.repairs.commands import OpenTicket, RecordCheck
from desk.repairs.counter_queries import follow_up_calls
from tests.repairs.helpers import open_ticket, record, walk
from tests.returns.seed import CLERK, CUSTOMER
from ui.context import AppContext
from ui.repairs.follow_up_page import FollowUpPage
from ui.tasks import TaskRunner


def calls(bus, now):
    with bus.db.engine.connect() as conn:
        return follow_up_calls(conn, now)


@pytest.fixture
def picked_up(store, photo, clock):
    """T0001 picked up at 2026-11-20 10:00 (with a customer), T0002 a day later; T0003 followed
    up already, T0004 still in the workshop."""
    store.dispatch(OpenTicket(code="T0001", sku="P000003", fault="不加热", customer_id=CUSTOMER,
                              promised_date="2026-11-25", service_level="complex"), CLERK)
    walk(store, "T0001", photo, 7)
    clock.advance(days=1)
    for code, steps in (("T0002", 7), ("T0003", 8), ("T0004", 6)):
        walk(store, open_ticket(store, code), photo, steps)
    return store


def test_the_calls_due_within_48_hours_of_pickup(picked_up, clock):
    now = clock.local_now() + timedelta(hours=2)
    first, second = calls(picked_up, now)
    assert (first.code, second.code) == ("T0001", "T0002")
    assert first.picked_up_at == "2026-11-20T10:00:00" and first.due_by == "2026-11-22T10:00:00"
    assert (first.customer_name, first.phone) == ("韩梅梅", "13800138000")
    assert second.phone == "" and second.customer_name is None
    # a call started but not finished stays on the list; a finished follow-up leaves it
    record(picked_up, "T0002", 8, "call_made", CLERK, note="已回访")
    assert [c.code for c in calls(picked_up, now)] == ["T0001", "T0002"]
    record(picked_up, "T0002", 8, "satisfaction", CLERK, value="5")
    record(picked_up, "T0002", 8, "recurrence_asked", CLERK, note="未复发")
    assert [c.code for c in calls(picked_up, now)] == ["T0001"]


def test_more_than_48_hours_after_pickup_is_off_the_list(picked_up):
    assert [c.code for c in calls(picked_up, datetime(2026, 11, 22, 10, 0))] == ["T0001", "T0002"]
    assert [c.code for c in calls(picked_up, datetime(2026, 11, 22, 10, 0, 1))] == ["T0002"]
    assert calls(picked_up, datetime(2026, 11, 23, 10, 0, 1)) == []


def test_the_page_counts_and_lists_the_calls(qtbot, picked_up):
    runner = TaskRunner()
    ctx = AppContext(picked_up.db, picked_up, runner)
    ctx.session.staff_id, ctx.session.role = CLERK, "clerk"
    page = FollowUpPage(ctx)
    qtbot.addWidget(page)
    try:
        page.refresh()
        qtbot.waitUntil(lambda: page.calls.count() == 2, timeout=5000)
        assert page.counter.text().endswith("2")
        assert "T0001" in page.calls.item(0).text() and "13800138000" in page.calls.item(0).text()
        # the follow-up done on the ticket: the list refreshes from the change
        for check_id, evidence in (("call_made", {"note": "已回访"}), ("satisfaction",
                                   {"value": "4"}), ("recurrence_asked", {"note": "未复发"})):
            ctx.run_command(_check("T0001", check_id, evidence), lambda *_: None)
        qtbot.waitUntil(lambda: page.calls.count() == 1, timeout=5000)
        assert page.counter.text().endswith("1") and "T0002" in page.calls.item(0).text()
    finally:
        runner.shutdown(wait=True)


def _check(code, check_id, evidence):
    return RecordCheck(ticket_code=code, step=8, check_id=check_id, **evidence)
