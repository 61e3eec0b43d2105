"""The checklist in the domain: order, evidence, roles, waivers, corrections, quotes, pickup and
archive; every shortcut refused with its own code and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.capabilities import REGISTRY
from desk.platform.errors import DeskError
from desk.platform.projections import rebuild
from desk.repairs.commands import (
    CorrectCheck,
    Payment,
    ProposeQuote,
    QuotePart,
    RefuseQuote,
    SignCompletion,
    SignQuote,
    WaiveCheck,
)
from desk.repairs.evidence import blob_path, evidence_root, store_photo
from tests.repairs.helpers import (
    TECH,
    TECH_PIN,
    archive,
    open_ticket,
    png_bytes,
    quote_and_sign,
    record,
    record_of,
    refused,
    sign,
    ticket_row,
    walk,
)
from tests.returns.seed import CLERK, MANAGER, MANAGER_PIN
from tests.support.journal import dump


def test_a_ticket_pins_the_checklist_of_its_product_kind(store):
    open_ticket(store, "T1", "P000003")  # 电热水壶: appliance
    open_ticket(store, "T2", "P000002")  # 羽绒服: clothing
    open_ticket(store, "T3", "P000006")  # 赠品: general
    assert [ticket_row(store, c).checklist_kind for c in ("T1", "T2", "T3")] == [
        "appliance", "clothing", "general"]
    assert ticket_row(store, "T1").checklist_version == "2026.1"
    assert record_of(store, "T1").checklist.steps[5].checks[0].unit == "V"


def test_steps_go_in_order(store):
    code = open_ticket(store)
    refused(store, "repair.step_out_of_order", lambda: record(store, code, 2, "fault_classified"))
    record(store, code, 1, "fault_described", CLERK, note="不加热，三天前开始")
    refused(store, "repair.check_done", lambda: record(store, code, 1, "fault_described",
                                                        CLERK, note="again"))
    assert ticket_row(store, code).step == 1


def test_a_step_is_complete_only_with_its_three_checks(store):
    code = open_ticket(store)
    record(store, code, 1, "fault_described", CLERK, note="不加热")
    record(store, code, 1, "environment_asked", CLERK, note="厨房")
    assert ticket_row(store, code).step == 1
    record(store, code, 1, "contact_confirmed", CLERK)
    assert ticket_row(store, code).step == 2
    state = record_of(store, code).state.state(1, "fault_described")
    assert state.fact.actor == CLERK and state.fact.at == "2026-11-20T10:00:00"
    assert state.fact.evidence == {"note": "不加热"}


def test_a_note_check_needs_a_note(store):
    code = open_ticket(store)
    refused(store, "repair.note_missing", lambda: record(store, code, 1, "fault_described", CLERK))


def test_a_value_outside_its_range_is_refused(store, photo):
    code = open_ticket(store)
    walk(store, code, photo, 5)
    err = refused(store, "repair.value_out_of_range",
                  lambda: record(store, code, 6, "test_value", value="250"))
    assert err.params == {"value": "250", "unit": "V", "min": "210", "max": "240"}
    refused(store, "repair.value_missing", lambda: record(store, code, 6, "test_value",
                                                          value="abc"))
    record(store, code, 6, "test_value", value="221.5")
    assert record_of(store, code).state.state(6, "test_value").fact.evidence == {
        "value": "221.5", "unit": "V"}


def test_a_clerk_may_not_do_a_technicians_check(store, photo):
    code = open_ticket(store)
    walk(store, code, photo, 1)
    refused(store, "repair.not_allowed_for_role",
            lambda: record(store, code, 2, "condition_recorded", CLERK, photo_sha256=photo))
    record(store, code, 2, "condition_recorded", TECH, photo_sha256=photo)


def test_photos_missing_altered_too_large_or_not_images_are_refused(store, photo, tmp_path):
    code = open_ticket(store)
    walk(store, code, photo, 1)
    refused(store, "repair.photo_missing",
            lambda: record(store, code, 2, "condition_recorded", photo_sha256=""))
    refused(store, "repair.photo_missing",
            lambda: record(store, code, 2, "condition_recorded", photo_sha256="ab" * 32))
    root = evidence_root(store.db.path)
    other = store_photo(root, png_bytes("JPEG"))
    blob_path(root, other.sha256).write_bytes(b"\x89PNG\r\n\x1a\n altered")
    refused(store, "repair.photo_mismatch",
            lambda: record(store, code, 2, "condition_recorded", photo_sha256=other.sha256))
    with pytest.raises(DeskError) as err:
        store_photo(root, b"GIF89a not a png or jpeg")
    assert err.value.code == "repair.photo_not_image"
    big = tmp_path / "big.png"
    with big.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB without writing them
    from desk.repairs.evidence import store_photo_file

    with pytest.raises(DeskError) as err:
        store_photo_file(root, big)
    assert err.value.code == "repair.photo_too_large"
    record(store, code, 2, "condition_recorded", photo_sha256=photo)
    fact = record_of(store, code).state.state(2, "condition_recorded").fact
    assert fact.evidence["photo_type"] == "image/png" and fact.evidence["photo_size"] > 0
    assert blob_path(root, photo) == Path(root, photo[:2], photo)


def test_the_intake_signature_must_be_for_this_ticket(store, photo):
    code = open_ticket(store)
    open_ticket(store, "T0002")
    walk(store, code, photo, 1)
    record(store, code, 2, "condition_recorded", photo_sha256=photo)
    other = sign(store, "intake", "T0002", record_of(store, "T0002").intake_sha256)
    refused(store, "signature.other_document",
            lambda: record(store, code, 2, "intake_signed", CLERK, signature_id=other))
    refused(store, "repair.signature_missing",
            lambda: record(store, code, 2, "intake_signed", CLERK))


def test_work_cannot_start_before_the_quote_is_signed(store, photo):
    code = open_ticket(store)
    walk(store, code, photo, 2)
    refused(store, "repair.quote_missing", lambda: record(store, code, 3, "quote_itemised"))
    store.dispatch(ProposeQuote(ticket_code=code, parts=[QuotePart("温控器", "SN-1", 3000)],
                                labour_fen=5000), CLERK)
    record(store, code, 3, "quote_itemised", CLERK)
    refused(store, "repair.quote_not_signed", lambda: record(store, code, 3, "quote_signed"))
    sha = record_of(store, code).quote.sha256
    store.dispatch(SignQuote(ticket_code=code, signature_id=sign(store, "quote", code, sha)),
                   CLERK)
    record(store, code, 3, "quote_signed", CLERK)
    record(store, code, 3, "promised_date", CLERK)
    record(store, code, 4, "safety_isolation")


def test_a_quote_signature_for_another_amount_is_refused(store):
    code = open_ticket(store)
    store.dispatch(ProposeQuote(ticket_code=code, labour_fen=5000), CLERK)
    old_sha = record_of(store, code).quote.sha256
    old_signature = sign(store, "quote", code, old_sha)
    store.dispatch(ProposeQuote(ticket_code=code, labour_fen=50000), CLERK)
    refused(store, "repair.quote_signature_mismatch",
            lambda: store.dispatch(SignQuote(ticket_code=code, signature_id=old_signature), CLERK))


def test_a_quote_changed_beyond_tolerance_needs_a_new_signature(store, photo):
    code = open_ticket(store)
    walk(store, code, photo, 3)  # quote 80.00 signed
    assert record_of(store, code).quote_signed
    small = store.dispatch(ProposeQuote(ticket_code=code, labour_fen=5500,
                                        parts=[QuotePart("温控器", "SN-1", 3000)]), CLERK)
    assert small.value["needs_signature"] is False and record_of(store, code).quote_signed
    big = store.dispatch(ProposeQuote(ticket_code=code, labour_fen=30000), CLERK)
    assert big.value["needs_signature"] is True and not record_of(store, code).quote_signed
    refused(store, "repair.quote_not_signed", lambda: record(store, code, 4, "safety_isolation"))
    sha = record_of(store, code).quote.sha256
    store.dispatch(SignQuote(ticket_code=code, signature_id=sign(store, "quote", code, sha)), CLERK)
    record(store, code, 4, "safety_isolation")


def test_the_clerk_cannot_make_a_repair_free_that_the_warranty_does_not(store):
    code = open_ticket(store)  # no receipt: the verdict says a paid repair
    refused(store, "repair.not_under_warranty", lambda: store.dispatch(ProposeQuote(
        ticket_code=code, parts=[QuotePart("温控器", "SN", 3000)], labour_fen=5000,
        free_reason="warranty"), CLERK))
    # zero under warranty: tests/repairs/test_warranty.py


def test_a_refused_quote_returns_the_ticket_unrepaired(store, photo):
    code = open_ticket(store)
    walk(store, code, photo, 2)
    store.dispatch(ProposeQuote(ticket_code=code, labour_fen=90000), CLERK)
    store.dispatch(RefuseQuote(ticket_code=code, reason="太贵"), CLERK)
    assert ticket_row(store, code).status == "returned"
    refused(store, "repair.returned_unrepaired",
            lambda: record(store, code, 3, "quote_itemised", CLERK))


def test_waivers_need_a_manager_and_a_reason(store, photo):
    code = open_ticket(store)
    waive = lambda actor, **kw: store.dispatch(WaiveCheck(  # noqa: E731
        ticket_code=code, step=1, check_id="environment_asked", **kw), actor)
    refused(store, "repair.waiver_needs_manager", lambda: waive(TECH, reason_code="other"))
    refused(store, "repair.waiver_reason_unknown", lambda: waive(MANAGER, reason_code="lazy"))
    with pytest.raises(DeskError) as err:  # a technician is no approver (the PIN is checked)
        waive(TECH, reason_code="other", approver_id=TECH, approver_pin=TECH_PIN)
    assert err.value.code == "approval.not_allowed"
    result = waive(TECH, reason_code="customer_declined", approver_id=MANAGER,
                   approver_pin=MANAGER_PIN)
    assert result.value["approved_by"] == MANAGER
    state = record_of(store, code).state.state(1, "environment_asked")
    assert state.waived and state.fact.reason == "customer_declined"
    assert state.fact.actor == TECH and state.fact.approved_by == MANAGER


def test_a_system_check_cannot_be_waived(store, photo):
    code = open_ticket(store)
    walk(store, code, photo, 2)
    refused(store, "repair.not_waivable", lambda: store.dispatch(WaiveCheck(
        ticket_code=code, step=3, check_id="quote_itemised", reason_code="other"), MANAGER))


def test_a_correction_is_a_new_fact_that_keeps_the_old_one(store):
    code = open_ticket(store)
    first = record(store, code, 1, "fault_described", CLERK, note="不加热").value["event_id"]
    refused(store, "repair.check_not_done", lambda: store.dispatch(CorrectCheck(
        ticket_code=code, step=1, check_id="environment_asked", reason="typo", note="x"), CLERK))
    store.dispatch(CorrectCheck(ticket_code=code, step=1, check_id="fault_described",
                                reason="说错了", note="加热慢"), CLERK)
    state = record_of(store, code).state.state(1, "fault_described")
    assert state.fact.evidence == {"note": "加热慢"} and state.fact.corrects == first
    assert state.history[0].event_id == first and len(state.history) == 2


def test_pickup_archive_and_nothing_after(store, photo):
    code = open_ticket(store)
    walk(store, code, photo, 9)  # stops before the system-verified archive check
    refused(store, "repair.completion_unsigned", lambda: record(store, code, 9, "file_complete",
                                                                CLERK))
    # the missed signature is collected later, as its own fact
    sha = record_of(store, code).completion_sha256
    stale = sign(store, "completion", code, record_of(store, code).quote.sha256)
    refused(store, "repair.completion_signature_mismatch", lambda: store.dispatch(
        SignCompletion(ticket_code=code, signature_id=stale), CLERK))
    store.dispatch(SignCompletion(ticket_code=code, signature_id=sign(store, "completion", code,
                                                                      sha),
                                  payments=[Payment("cash", 8000)]), CLERK)  # the quote's 80
    record(store, code, 9, "file_complete", CLERK)
    record(store, code, 9, "repair_count_updated", CLERK)
    record(store, code, 9, "retention_set", CLERK)
    row = ticket_row(store, code)
    assert row.status == "archived" and row.closed_at == "2026-11-20T10:00:00"
    refused(store, "repair.archived", lambda: store.dispatch(CorrectCheck(
        ticket_code=code, step=1, check_id="fault_described", reason="x", note="y"), CLERK))


def test_pickup_needs_steps_one_to_seven(store, photo):
    code = open_ticket(store)
    walk(store, code, photo, 6)
    refused(store, "repair.pickup_not_ready", lambda: store.dispatch(
        SignCompletion(ticket_code=code, signature_id="SGx"), CLERK))


def test_an_unknown_ticket_or_check(store):
    refused(store, "ticket.unknown", lambda: record(store, "NOPE", 1, "fault_described", CLERK))
    code = open_ticket(store)
    refused(store, "repair.unknown_check", lambda: record(store, code, 1, "nope", CLERK))
    refused(store, "repair.unknown_check", lambda: record(store, code, 12, "nope", CLERK))


def test_rebuild_gives_the_same_tables(store, photo, db):
    code = open_ticket(store)
    walk(store, code, photo, 6)
    quote_and_sign(store, open_ticket(store, "T0002"))
    archive(store, open_ticket(store, "T0003"), photo)
    refused_code = open_ticket(store, "T0004")
    store.dispatch(ProposeQuote(ticket_code=refused_code, labour_fen=900), CLERK)
    store.dispatch(RefuseQuote(ticket_code=refused_code), CLERK)
    with db.engine.connect() as conn:
        before = dump(conn)
    assert {r[8] for r in before["tickets"]} == {"open", "archived", "returned"}  # status
    with db.engine.begin() as conn:
        rebuild(conn, REGISTRY)
    with db.engine.connect() as conn:
        assert dump(conn) == before
