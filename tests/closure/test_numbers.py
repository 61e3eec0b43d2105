"""The day's numbers against an independent reading of the journal, and the 04:00 boundary."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desk.closure import queries, rules
from desk.platform.errors import DeskError
from desk.platform.settings import set_setting
from tests.closure.day import DAY, expected
from tests.returns.seed import MANAGER


def x(db, day=DAY, device=None):
    with db.engine.connect() as conn:
        return queries.x_report(conn, day, device).numbers


@pytest.mark.parametrize(("local", "day"), [
    ("2026-11-20T03:59:59", date(2026, 11, 19)), ("2026-11-20T04:00:00", date(2026, 11, 20)),
    ("2026-11-21T03:59:00", date(2026, 11, 20)), ("2026-11-20T23:59:00", date(2026, 11, 20)),
])
def test_the_business_day_of_a_local_time(local, day):
    assert rules.business_day_of(local) == day
    start, end = rules.day_window(day)
    assert start <= local < end


def test_boundary_setting_is_read_and_checked(db):
    assert rules.parse_boundary("06:30") == time(6, 30)
    with pytest.raises(DeskError):
        rules.parse_boundary("six")
    assert rules.business_day_of(datetime(2026, 11, 20, 0, 30), time(0, 0)) == date(2026, 11, 20)


def test_every_number_matches_the_journal(day, db):
    n, want = x(db), expected(db)
    r = n["returns"]
    assert (r["count"], r["refund_fen"], r["cash_fen"]) == (
        want["returns"], want["refund"], want["cash_refunds"])
    assert {row["tender"]: row["fen"] for row in r["by_tender"]} == want["by_tender"]
    assert {row["reason"]: row["fen"] for row in r["by_reason"]} == want["by_reason"]
    assert {row["hour"]: row["fen"] for row in r["by_hour"]} == want["by_hour"]
    assert sum(row["fen"] for row in r["by_category"]) == want["refund"]
    assert (n["compensations"]["count"], n["compensations"]["fen"]) == (
        want["compensations"], want["compensation"])
    assert len(n["pending"]) == want["pending"] == 1
    assert len(n["overrides"]) == want["overrides"] == 1
    assert n["repairs"]["opened"] == want["tickets_opened"] == 3
    assert n["repairs"]["overdue_codes"] == ["T1"]


def test_repairs_closed_waived_and_breached_match_the_journal(day, db):
    rep, want = x(db)["repairs"], expected(db)
    assert rep["closed"] == rep["closed_returned"] == want["tickets_closed"] == 1
    assert rep["closed_codes"] == ["T3"] and rep["closed_archived"] == 0
    assert rep["checks_waived"] == want["checks_waived"] > 1
    assert sorted((w["ticket"], w["check_id"], w["approved_by"], w["reason"])
                  for w in rep["waivers"]) == want["waivers"]
    assert ("T1", "environment_asked", MANAGER, "customer_declined") in want["waivers"]
    assert all(w["check"] for w in rep["waivers"])  # the check's Chinese name
    # T1 (major) is open past its promise; T3 is closed, T2 not due yet
    assert rep["breaches_by_level"] == [{"level": "simple", "count": 0},
                                        {"level": "complex", "count": 0},
                                        {"level": "major", "count": 1}]
    assert sum(b["count"] for b in rep["breaches_by_level"]) == rep["overdue"]
    other = x(db, device="dev-other")["repairs"]
    assert other["checks_waived"] == other["closed"] == 0


def test_the_boundary_puts_0359_in_the_day_before_and_0400_in_the_day(day, db):
    before, today, after = x(db, "2026-11-19"), x(db), x(db, "2026-11-21")
    assert [h["hour"] for h in before["returns"]["by_hour"]] == [3]  # 2026-11-20 03:59
    assert 4 in [h["hour"] for h in today["returns"]["by_hour"]]  # 2026-11-20 04:00
    assert 3 in [h["hour"] for h in today["returns"]["by_hour"]]  # 2026-11-21 03:59
    assert [h["hour"] for h in after["returns"]["by_hour"]] == [4]  # 2026-11-21 04:00
    assert before["returns"]["refund_fen"] == expected(
        db, "2026-11-19T04:00:00", "2026-11-20T04:00:00")["refund"]


def test_a_later_boundary_moves_the_events(day, db):
    with db.engine.begin() as conn:
        set_setting(conn, "closure.day_boundary", "05:00")
    want = expected(db, "2026-11-20T05:00:00", "2026-11-21T05:00:00")
    n = x(db)
    assert n["window"] == ["2026-11-20T05:00:00", "2026-11-21T05:00:00"]
    assert n["returns"]["refund_fen"] == want["refund"]


def test_expected_cash_is_float_minus_cash_refunds_and_compensations(day, db):
    with db.engine.connect() as conn:
        rep = queries.closure_preview(conn, DAY, None, {10000: 1}, 300000)
    cash, want = rep.numbers["cash"], expected(db)
    assert cash["expected_fen"] == 300000 - want["cash_refunds"] - want["compensation"] + 0
    assert cash["cash_repair_payments_fen"] == 0
    assert cash["variance_fen"] == 10000 - cash["expected_fen"]


def test_a_day_without_activity_is_a_valid_empty_report(store, db):
    n = x(db, "2026-10-01")
    assert n["returns"]["count"] == 0 and n["returns"]["by_tender"] == []
    assert n["cash"]["expected_fen"] == 0 and n["late_arrivals"] == []


def test_per_counter_and_store_agree_on_one_counter(day, db):
    assert x(db, device=db.device_id)["returns"] == x(db)["returns"]
    assert x(db, device="dev-other")["returns"]["count"] == 0


def test_bad_dates_and_counts(store, db):
    with db.engine.connect() as conn:
        for bad in ("2026-13-01", "yesterday", ""):
            with pytest.raises(DeskError) as err:
                queries.x_report(conn, bad)
            assert err.value.code == "value.invalid"
        for count, code in (({100: -1}, "closure.count_invalid"),
                            ({100: "ten"}, "closure.count_invalid"),
                            ({100: 1.5}, "closure.count_invalid"),
                            ({300: 1}, "closure.denomination_unknown")):
            with pytest.raises(DeskError) as err:
                queries.closure_preview(conn, DAY, None, count, 0)
            assert err.value.code == code


def test_the_fingerprint_is_the_sha256_of_the_canonical_numbers(day, db):
    import hashlib
    import json

    with db.engine.connect() as conn:
        rep = queries.x_report(conn, DAY)
    text = json.dumps(rep.numbers, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert rep.fingerprint == hashlib.sha256(text.encode()).hexdigest()
