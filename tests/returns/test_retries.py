"""Retrying a return (or a compensation) with the id it was recorded under answers the recorded
result, marked `already_recorded`, and records nothing; another command under that id is refused
(`return.exists`, `compensation.exists`)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.returns.commands import AwardCompensation, RecordReturn, ReturnLineInput
from tests.returns.seed import CLERK, CUSTOMER, MANAGER, MANAGER_PIN, sale
from tests.support.signing import signed

RNO = "R2611150100001"


def events(db) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t.journal)).scalar_one()


def ret(bus, *lines, receipt=RNO, return_id="RT-RETRY-1"):
    cmd = RecordReturn(receipt_no=receipt, return_id=return_id,
                       lines=[ReturnLineInput(n, q) for n, q in lines])
    return bus.dispatch(cmd, CLERK).value


@pytest.mark.parametrize("qty", [2, 1], ids=["full", "partial"])
def test_a_retried_return_answers_the_recorded_result(store, db, qty):
    sale(store, RNO, [("P000001", 2)])
    first = ret(store, (1, qty))
    assert first["already_recorded"] is False
    before = events(db)
    again = ret(store, (1, qty))
    assert again == {**first, "already_recorded": True}
    assert events(db) == before


def test_another_return_under_a_known_id_is_refused(store, db):
    sale(store, RNO, [("P000001", 2)])
    sale(store, "R2611150100002", [("P000001", 2)])
    ret(store, (1, 1))
    for lines, receipt in ((((1, 2),), RNO), (((1, 1),), "R2611150100002")):
        with pytest.raises(DeskError) as refused:
            ret(store, *lines, receipt=receipt)
        assert refused.value.code == "return.exists"


def test_a_retried_compensation_answers_the_recorded_result(store, db):
    sale(store, RNO, [("P000001", 1), ("P000002", 1)], customer_id=CUSTOMER)
    cmd = signed(store, AwardCompensation(kind="fraud", receipt_no=RNO, line_no=1,
                                          compensation_id="CP-RETRY-1", reason="fake cotton",
                                          approver_id=MANAGER, approver_pin=MANAGER_PIN))
    first = store.dispatch(cmd, CLERK).value
    assert first["already_recorded"] is False
    before = events(db)
    assert store.dispatch(cmd, CLERK).value == {**first, "already_recorded": True}
    assert events(db) == before
    with pytest.raises(DeskError) as refused:
        store.dispatch(replace(cmd, line_no=2), CLERK)
    assert refused.value.code == "compensation.exists"
