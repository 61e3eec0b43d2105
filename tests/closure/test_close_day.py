"""Closing a day: blind count, second person, signatures, Z numbers, frozen numbers, late
arrivals, and every refusal."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from desk.capabilities import REGISTRY
from desk.closure import queries
from desk.closure import tables as closure_t
from desk.closure.commands import CloseDay
from desk.platform.errors import DeskError
from desk.platform.projections import rebuild
from tests.closure.day import DAY, at, expected, other_counter, pull, ret
from tests.closure.signing import COUNT, close
from tests.returns.seed import CLERK, MANAGER, MANAGER_PIN


@pytest.fixture
def after(day):
    at(day, "2026-11-21T09:00:00")
    return day


def test_a_closure_is_numbered_frozen_and_balanced(after, db):
    result = close(after, DAY, note="差额已登记")
    v = result.value
    assert (v["z_number"], v["scope"]) == (1, "store")
    want = expected(db)
    assert v["expected_fen"] == 300000 - want["cash_refunds"] - want["compensation"]
    assert v["counted_fen"] == 35500 and v["variance_fen"] == 35500 - v["expected_fen"]
    with db.engine.connect() as conn:
        rep = queries.report(conn, DAY)
    assert rep.closed and rep.z_number == 1 and rep.fingerprint == v["fingerprint"]
    assert rep.numbers["cash"]["second_counter"] == CLERK
    assert "closures" in result.changes.kinds
    # the next day of the same scope gets Z2
    at(after, "2026-11-22T09:00:00")
    assert close(after, "2026-11-21", counted={100: 1}, opening=0, note="x"
                 ).value["z_number"] == 2


def test_per_counter_z_numbers_are_their_own(after, db):
    assert close(after, DAY, device_id=db.device_id, note="n").value["z_number"] == 1
    assert close(after, DAY, note="n").value["z_number"] == 1  # the store's own sequence


def test_a_late_event_from_another_counter_leaves_the_closure_and_shows_next(after, db):
    other, other_bus = other_counter(db)
    try:
        closed = close(after, DAY, note="n").value
        with db.engine.connect() as conn:
            frozen = queries.report(conn, DAY)
        # counter 2 worked offline on the 20th; its return reaches counter 1 after the closure
        at(other_bus, "2026-11-20T12:00:00")
        late = ret(other_bus, "R1", (1, 1), reason="质量问题")
        pull(db, other)
        with db.engine.connect() as conn:
            again = queries.report(conn, DAY)
            nxt = queries.x_report(conn, "2026-11-21")
        assert again.numbers == frozen.numbers and again.fingerprint == closed["fingerprint"]
        arrivals = nxt.numbers["late_arrivals"]
        assert [(a["n"], a["ref"], a["at"], a["business_date"]) for a in arrivals] == [
            (1, late["return_id"], "2026-11-20T12:00:00", DAY)]
        assert arrivals[0]["fen"] == late["refund_fen"] and arrivals[0]["device"] == other.device_id
        # the next closure lists it; the one after does not list it again
        at(after, "2026-11-22T09:00:00")
        close(after, "2026-11-21", counted={100: 1}, opening=0, note="n")
        with db.engine.connect() as conn:
            assert queries.report(conn, "2026-11-21").numbers["late_arrivals"][0]["ref"] == \
                late["return_id"]
            assert queries.x_report(conn, "2026-11-22").numbers["late_arrivals"] == []
    finally:
        other.dispose()


def test_rebuild_reproduces_the_closures(after, db):
    close(after, DAY, note="n")
    with db.engine.connect() as conn:
        before = [tuple(r) for r in conn.execute(select(closure_t.closures))]
        events = [tuple(r) for r in conn.execute(select(closure_t.closure_events)
                                                 .order_by("event_id"))]
    with db.engine.begin() as conn:
        rebuild(conn, REGISTRY)
    with db.engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(select(closure_t.closures))] == before
        assert [tuple(r) for r in conn.execute(select(closure_t.closure_events)
                                               .order_by("event_id"))] == events
    assert json.loads(before[0][11])["returns"]["count"] == expected(db)["returns"]


def code_of(fn, *a, **kw):
    with pytest.raises(DeskError) as err:
        fn(*a, **kw)
    return err.value.code


def test_refusals(after, db):
    assert code_of(close, after, "2026-11-22") == "closure.future_date"
    assert code_of(close, after, DAY, second=MANAGER, second_pin=MANAGER_PIN
                   ) == "closure.same_person"
    assert code_of(close, after, DAY, second_pin="0000") == "auth.wrong_pin"
    assert code_of(close, after, DAY, device_id="dev-000000000000") == "closure.other_counter"
    assert code_of(close, after, DAY, counted={100: -1}) == "closure.count_invalid"
    assert code_of(close, after, DAY, counted={100: "12"}) == "closure.count_invalid"
    assert code_of(close, after, DAY) == "closure.note_required"  # variance way above 5 yuan
    assert code_of(close, after, DAY, note="n", confirm=False) == "closure.unsynced"
    assert code_of(close, after, DAY, note="n", actor=CLERK) == "auth.forbidden"
    close(after, DAY, note="n")
    assert code_of(close, after, DAY, note="n") == "closure.already_closed"


def test_a_variance_within_the_tolerance_needs_no_note(after, db):
    with db.engine.connect() as conn:
        expected_fen = queries.closure_preview(conn, DAY, None, {}, 300000
                                               ).numbers["cash"]["expected_fen"]
    yuan, rest = divmod(expected_fen + 400, 100)  # 4 yuan over
    counted = {100: yuan} if not rest else {100: yuan, 10: rest // 10}
    assert close(after, DAY, counted=counted).value["variance_fen"] == 400


def test_signatures_must_be_for_these_numbers(after, db):
    from tests.closure.signing import sign

    wrong = sign(after, "0" * 64, "manager", 10)
    cmd = CloseDay(business_date=DAY, counted=COUNT, opening_float_fen=300000,
                   second_counter_id=CLERK, second_counter_pin="1111", variance_note="n",
                   manager_signature_id=wrong, second_signature_id=wrong, confirm_unsynced=True)
    assert code_of(after.dispatch, cmd, MANAGER).startswith("signature.")
    assert code_of(after.dispatch, replace(cmd, manager_signature_id=""), MANAGER) == \
        "value.required"


def test_a_second_counter_cannot_close_this_counters_day(after, db):
    other, other_bus = other_counter(db)
    try:
        at(other_bus, "2026-11-21T09:00:00")
        assert code_of(close, other_bus, DAY, device_id=db.device_id, note="n") == \
            "closure.other_counter"
        close(after, DAY, note="n")
        pull(other, db)  # counter 2 learns of the store's closure: it cannot close it again
        assert code_of(close, other_bus, DAY, note="n") == "closure.already_closed"
    finally:
        other.dispose()
