"""`desk printer status` against the pty printer through pyserial; `desk printer queue`."""

from __future__ import annotations

import json

import pytest

from desk.capabilities import open_database
from desk.cli.main import main
from desk.platform.paths import database_path
from desk.printjobs import queue as q
from tests.printing.fakeprinter import FakePrinter
from tests.support.journal import journal_facts
from tests.support.printing_staff import counter_on_disk
from tests.support.staff import ADMIN


@pytest.fixture
def printer():
    with FakePrinter() as p:
        yield p


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_status_of_a_ready_printer(printer, capsys):
    code, out, _ = run(capsys, "printer", "status", "--port", printer.port, "--baud", "115200")
    assert code == 0
    assert out == [{"printer": printer.port, "state": "ready", "can_print": True,
                    "replies": ["12", "12", "12"]}]


@pytest.mark.parametrize(("switch", "state", "replies"), [
    ("paper_out", "paper_out", ["1a", "32", "7e"]),
    ("cover_open", "cover_open", ["1a", "16", "12"]),
    ("silent", "not_answering", ["--"]),
])
def test_status_when_it_cannot_print(printer, capsys, switch, state, replies):
    setattr(printer, switch, True)
    code, out, _ = run(capsys, "printer", "status", "--port", printer.port, "--timeout", "0.15")
    assert code == 1
    assert out[0]["state"] == state and out[0]["replies"] == replies
    assert out[0]["code"] == f"printer.{state}" and out[0]["message"]


def test_status_of_a_missing_port_and_bad_settings(capsys, tmp_path):
    code, out, _ = run(capsys, "printer", "status", "--port", "/dev/ttyNOPE9")
    assert code == 1 and out[0]["code"] == "printer.port_missing"
    code, _, err = run(capsys, "printer", "status", "--url", "lpt:1")
    assert code == 2 and "printer.bad_settings" in err
    code, out, _ = run(capsys, "printer", "status", "--url", f"file:{tmp_path}")
    assert code == 0 and out[0]["state"] == "ready"


def test_queue_lists_the_jobs(tmp_path, capsys):
    db = open_database(database_path(tmp_path))
    first = q.enqueue(db, "quote", b"\x1b@Q", reference="T2611200007")
    q.claim_next(db)
    q.mark_printed(db, first)
    q.enqueue(db, "intake_slip", b"\x1b@S", reference="T2611200008")
    db.dispose()
    code, out, _ = run(capsys, "--home", str(tmp_path), "printer", "queue")
    assert code == 0
    assert [(j["job_id"], j["status"]) for j in out[:2]] == [(2, "queued"), (1, "printed")]
    assert out[-1] == {"waiting": 1, "by_status": {"printed": 1, "queued": 1}}


def test_resolve_an_uncertain_job_and_cancel(tmp_path, capsys):
    db = counter_on_disk(tmp_path)
    job = q.enqueue(db, "quote", b"\x1b@Q")
    other = q.enqueue(db, "quote", b"\x1b@R")
    q.claim_next(db)
    q.recover_interrupted(db)
    db.dispose()
    home = ["--home", str(tmp_path), "printer"]
    code, _, err = run(capsys, *home, "resolve", str(job), "--again", "--as", "2001")
    assert code == 2 and "auth.forbidden" in err  # a technician does not settle print jobs
    code, out, _ = run(capsys, *home, "resolve", str(job), "--again", "--as", "1001")
    assert code == 0 and out == [{"ok": True, "job_id": job, "status": "queued"}]
    code, _, err = run(capsys, *home, "resolve", str(job), "--printed", "--as", "1001")
    assert code == 2 and "print.bad_state" in err  # no longer uncertain
    code, out, _ = run(capsys, *home, "cancel", str(other), "--as", "1001")
    assert code == 0 and out[0]["status"] == "cancelled"
    code, _, err = run(capsys, *home, "cancel", "999", "--as", "1001")
    assert code == 2 and "print.unknown_job" in err
    db = open_database(database_path(tmp_path))
    facts = journal_facts(db, "print.")
    db.dispose()
    assert facts == [
        ("print.settled", "1001", {"job_id": job, "printed": False, "document_kind": "quote",
                                   "reference": ""}),
        ("print.cancelled", "1001", {"job_id": other, "was": "queued", "document_kind": "quote",
                                     "reference": ""})]


def test_use_sets_the_printer_for_a_manager_only(tmp_path, capsys):
    counter_on_disk(tmp_path).dispose()
    home = ["--home", str(tmp_path), "printer", "use", f"file:{tmp_path / 'out'}"]
    code, _, err = run(capsys, *home, "--as", "1001")
    assert code == 2 and "auth.forbidden" in err
    code, out, _ = run(capsys, *home, "--as", ADMIN)
    assert code == 0 and out[0]["printer_spec"] == f"file:{tmp_path / 'out'}"
    db = open_database(database_path(tmp_path))
    facts = journal_facts(db, "device.printer_set")
    db.dispose()
    assert [(kind, actor, p["printer_spec"]) for kind, actor, p in facts] == [
        ("device.printer_set", ADMIN, f"file:{tmp_path / 'out'}")]
