"""Issue 10 point 9: no write to the print queue or the counter's settings bypasses the journal.
Each action is a command refused for a role not listed, and records who did what."""

from __future__ import annotations

import base64

import pytest

from desk.platform.errors import DeskError
from desk.platform.settings import get_setting
from desk.printjobs import queue as q
from desk.printjobs.commands import (
    CancelPrintJob,
    QueuePrintJob,
    ReprintJob,
    SetPrinter,
    SettlePrintJob,
)
from desk.sync import settings as central
from desk.sync.commands import SaveCentralSettings
from tests.support.journal import journal_facts
from tests.support.printing_staff import CLERK, MANAGER, TECHNICIAN, add_staff
from tests.support.staff import ADMIN

B64 = base64.b64encode(b"\x1b@RECEIPT").decode()


@pytest.fixture
def staffed(bus):
    return add_staff(bus)


def uncertain_job(db) -> int:
    job = q.enqueue(db, "return_receipt", b"\x1b@R", reference="R1")
    q.claim_next(db)
    q.recover_interrupted(db)
    return job


def forbidden(bus, command, actor) -> None:
    with pytest.raises(DeskError) as refused:
        bus.dispatch(command, actor)
    assert refused.value.code == "auth.forbidden"


def test_queueing_is_a_fact_with_who_and_what(staffed):
    result = staffed.dispatch(QueuePrintJob("return_receipt", "R2611200001", B64), CLERK)
    job = q.get(staffed.db, result.value.job_id)
    assert job.data == b"\x1b@RECEIPT" and job.requested_by == CLERK
    assert "print_jobs" in {c.value for c in result.changes.kinds}
    [(kind, actor, payload)] = journal_facts(staffed.db, "print.")
    assert (kind, actor) == ("print.queued", CLERK)
    assert payload == {"job_id": job.job_id, "document_kind": "return_receipt",
                       "reference": "R2611200001", "copies": 1, "size": 9}


def test_bad_bytes_are_refused_and_nothing_is_queued(staffed):
    for text in ("not base64!", ""):
        with pytest.raises(DeskError) as refused:
            staffed.dispatch(QueuePrintJob("quote", "T1", text), CLERK)
        assert refused.value.code in ("print.bad_data", "print.empty_job")
    assert q.history(staffed.db) == [] and journal_facts(staffed.db, "print.") == []


def test_the_journal_says_who_reprinted_what(staffed):
    original = q.enqueue(staffed.db, "return_receipt", b"\x1b@R", reference="R2611200001")
    forbidden(staffed, ReprintJob(original, B64), TECHNICIAN)
    copy = staffed.dispatch(ReprintJob(original, B64), CLERK).value
    assert (copy.copy_of, copy.document_kind, copy.reference) == (
        original, "return_receipt", "R2611200001")
    job = q.get(staffed.db, copy.job_id, with_data=False)
    assert job.is_copy and job.copy_of == original and job.requested_by == CLERK
    assert journal_facts(staffed.db, "print.reprinted") == [
        ("print.reprinted", CLERK, {"job_id": copy.job_id, "copy_of": original,
                                    "document_kind": "return_receipt",
                                    "reference": "R2611200001", "size": 9})]


@pytest.mark.parametrize("printed", [True, False])
def test_settling_an_uncertain_job_is_a_fact(staffed, printed):
    job = uncertain_job(staffed.db)
    forbidden(staffed, SettlePrintJob(job, printed), TECHNICIAN)
    assert q.get(staffed.db, job, with_data=False).status == q.UNCERTAIN
    staffed.dispatch(SettlePrintJob(job, printed), MANAGER)
    assert q.get(staffed.db, job, with_data=False).status == (q.PRINTED if printed else q.QUEUED)
    assert [(k, a, p["printed"]) for k, a, p in journal_facts(staffed.db, "print.")] == [
        ("print.settled", MANAGER, printed)]


def test_cancelling_is_a_fact_and_a_refused_cancel_records_nothing(staffed):
    job = q.enqueue(staffed.db, "quote", b"Q", reference="T1")
    forbidden(staffed, CancelPrintJob(job), TECHNICIAN)
    staffed.dispatch(CancelPrintJob(job), CLERK)
    with pytest.raises(DeskError) as again:
        staffed.dispatch(CancelPrintJob(job), CLERK)
    assert again.value.code == "print.bad_state"
    assert [(k, a) for k, a, _ in journal_facts(staffed.db, "print.")] == [
        ("print.cancelled", CLERK)]


def test_the_printer_setting_is_a_managers_audited_command(staffed):
    forbidden(staffed, SetPrinter("tcp:10.0.0.9:9100", "58mm-cn"), CLERK)
    result = staffed.dispatch(SetPrinter("tcp:10.0.0.9:9100", "58mm-cn"), MANAGER)
    assert "settings" in {c.value for c in result.changes.kinds}
    with staffed.db.engine.connect() as conn:
        assert get_setting(conn, "printer_spec") == "tcp:10.0.0.9:9100"
    [(_, actor, payload)] = journal_facts(staffed.db, "device.printer_set")
    assert actor == MANAGER and payload["printer_profile"] == "58mm-cn"
    assert payload["previous_spec"] == ""


def test_the_central_connection_is_audited_and_never_holds_a_password(staffed):
    command = SaveCentralSettings(host="central.example", user="desk_store_s001", port=5433)
    forbidden(staffed, command, CLERK)
    staffed.dispatch(command, ADMIN)
    with staffed.db.engine.connect() as conn:
        saved = central.load(conn)
    assert (saved.host, saved.user, saved.port) == ("central.example", "desk_store_s001", 5433)
    [(_, actor, payload)] = journal_facts(staffed.db, "device.central_settings_saved")
    assert actor == ADMIN and payload["settings"]["host"] == "central.example"
    assert payload["previous"]["host"] == ""
    assert "password" not in str(payload).lower()
    assert "password" not in {f for f in SaveCentralSettings.__dataclass_fields__}
    with pytest.raises(DeskError) as refused:
        staffed.dispatch(SaveCentralSettings(host="", user="u"), MANAGER)
    assert refused.value.code == "value.required"


def test_the_facts_change_no_table_on_rebuild(staffed):
    """print_jobs is this counter's local state: replaying the journal keeps the queue as is."""
    from desk.platform.projections import rebuild

    staffed.dispatch(QueuePrintJob("quote", "T1", B64), CLERK)
    before = q.history(staffed.db)
    with staffed.db.writing() as conn:
        rebuild(conn, staffed.db.registry)
    assert q.history(staffed.db) == before
