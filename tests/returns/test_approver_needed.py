"""The screens ask the core whether a manager's PIN is needed: one answer for the return and the
compensation screens, the same rule the handlers enforce."""

from __future__ import annotations

from datetime import date

from desk.returns.commands import AwardCompensation, RecordReturn, ReturnLineInput
from desk.returns.counter_queries import preview, preview_compensation_for
from tests.returns.seed import sale

TODAY = date(2026, 11, 20)
RNO_DEFAULT = "R2611150100001"


def ask(store, cmd, role):
    with store.db.engine.connect() as conn:
        if isinstance(cmd, RecordReturn):
            return preview(conn, cmd, TODAY, role)["needs"]
        return preview_compensation_for(conn, cmd, TODAY, role)["needs"]


def test_a_return_above_the_clerk_needs_a_manager_only_for_a_clerk(store):
    sale(store, RNO_DEFAULT, [("P000005", 1)])  # 2 999 CNY: above the clerk's 2 000
    cmd = RecordReturn(receipt_no=RNO_DEFAULT, lines=[ReturnLineInput(1, 1)])
    assert ask(store, cmd, "clerk") == {"needed": True, "level": "manager",
                                        "waits_for_head_office": False}
    assert ask(store, cmd, "manager")["needed"] is False


def test_an_override_is_a_managers_decision_and_head_office_cases_wait(store):
    sale(store, RNO_DEFAULT, [("P000003", 1)], sold_at="2026-11-01T10:00:00")  # day 19: refused
    late = RecordReturn(receipt_no=RNO_DEFAULT, lines=[ReturnLineInput(1, 1)])
    assert ask(store, late, "clerk")["needed"] is True
    sale(store, "R2611150100002", [("P000007", 1)])  # 12 999 CNY: head office
    big = RecordReturn(receipt_no="R2611150100002", lines=[ReturnLineInput(1, 1)])
    assert ask(store, big, "manager") == {"needed": False, "level": "head_office",
                                          "waits_for_head_office": True}


def test_compensation_above_the_goodwill_limit_needs_a_manager(store):
    cmd = AwardCompensation(kind="quality", extra_loss_fen=8000, customer_id="C0000001")
    assert ask(store, cmd, "clerk")["needed"] is True
    assert ask(store, cmd, "manager")["needed"] is False
    complaint = AwardCompensation(kind="service_complaint", customer_id="C0000001")  # 500 CNY
    assert ask(store, complaint, "clerk") == {"needed": True, "level": "manager",
                                              "waits_for_head_office": False}
