"""The durable print queue: survives a crash, never prints a job twice unless asked, backs off,
holds while the printer cannot print, marks reprints as copies, keeps a history."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desk.capabilities import REGISTRY, open_database
from desk.platform.errors import DeskError
from desk.platform.projections import rebuild
from desk.printjobs import queue as q
from desk.printjobs import tables as printjobs_t

T0 = 1_800_000_000_000


def test_enqueue_claim_print_and_history(db):
    a = q.enqueue(db, "return_receipt", b"\x1b@A", reference="R1", requested_by="1001", at_ms=T0)
    b = q.enqueue(db, "intake_slip", b"\x1b@B", reference="T1", at_ms=T0 + 1)
    job = q.claim_next(db, T0 + 5)
    assert job is not None and job.job_id == a and job.data == b"\x1b@A"
    assert job.status == q.SENDING and job.attempts == 1
    q.mark_printed(db, a, T0 + 10)
    assert q.claim_next(db, T0 + 11).job_id == b
    q.mark_printed(db, b, T0 + 12)
    assert q.claim_next(db, T0 + 13) is None
    history = q.history(db)
    assert [j.job_id for j in history] == [b, a]
    assert history[1].status == q.PRINTED and history[1].printed_ms == T0 + 10
    assert history[1].size == 3 and history[1].data == b""
    assert q.pending_count(db) == 0 and q.counts(db) == {"printed": 2}
    assert [j.job_id for j in q.history(db, reference="R1")] == [a]


def test_a_printed_job_is_never_claimed_or_printed_again(db):
    a = q.enqueue(db, "quote", b"Q", at_ms=T0)
    q.claim_next(db, T0)
    q.mark_printed(db, a, T0 + 1)
    for later in (T0 + 2, T0 + 10**9):
        assert q.claim_next(db, later) is None
    with pytest.raises(DeskError) as e:
        q.mark_printed(db, a, T0 + 3)
    assert e.value.code == "print.bad_state"
    with pytest.raises(DeskError):
        q.mark_failed(db, a, "printer.disconnected", at_ms=T0 + 3)
    with pytest.raises(DeskError):
        q.cancel(db, a)


def test_a_job_being_sent_is_not_claimed_twice(db):
    q.enqueue(db, "quote", b"Q", at_ms=T0)
    assert q.claim_next(db, T0) is not None
    assert q.claim_next(db, T0 + 10**9) is None


def test_failures_back_off_exponentially_and_keep_the_job(db):
    a = q.enqueue(db, "quote", b"Q", at_ms=T0)
    now = T0
    waits = []
    for _ in range(10):
        job = q.claim_next(db, now)
        assert job is not None and job.job_id == a
        due = q.mark_failed(db, a, "printer.not_answering", "no reply in 500 ms", at_ms=now)
        assert q.claim_next(db, due - 1) is None  # not before its time
        waits.append(due - now)
        now = due
    assert waits[:4] == [2_000, 4_000, 8_000, 16_000]
    assert waits[-1] == q.BACKOFF_MAX_MS
    job = q.get(db, a)
    assert job.status == q.FAILED and job.attempts == 10
    assert job.last_error == "printer.not_answering" and job.last_detail == "no reply in 500 ms"
    assert q.pending_count(db) == 1


def test_hold_while_the_printer_cannot_print_then_release(db):
    a = q.enqueue(db, "quote", b"Q", at_ms=T0)
    b = q.enqueue(db, "quote", b"R", at_ms=T0)
    assert q.hold(db, "printer.paper_out", at_ms=T0 + 1) == 2
    assert q.claim_next(db, T0 + 10**9) is None
    assert {j.status for j in q.history(db)} == {q.HELD}
    assert q.get(db, a).last_error == "printer.paper_out"
    assert q.get(db, a).attempts == 0  # holding is not an attempt
    assert q.release(db, T0 + 100) == 2
    assert q.claim_next(db, T0 + 100).job_id == a
    assert q.claim_next(db, T0 + 100).job_id == b


def test_a_job_survives_reopening_the_database(tmp_path):
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    a = q.enqueue(db, "intake_slip", b"\x1b@SLIP", reference="T2611200007", at_ms=T0)
    db.dispose()
    db = open_database(path)
    job = q.claim_next(db, T0 + 1)
    assert job is not None and job.job_id == a and job.data == b"\x1b@SLIP"
    db.dispose()


CRASH = textwrap.dedent("""
    import os, sys
    from desk.printjobs import queue as q
    from desk.capabilities import open_database
    db = open_database(sys.argv[1])
    job = q.claim_next(db, 1_800_000_000_010)
    print(job.job_id, flush=True)
    os._exit(9)  # the app dies while the job is being sent: no clean-up runs
""")


def test_the_app_dying_mid_send_never_prints_the_job_twice_by_itself(tmp_path):
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    a = q.enqueue(db, "return_receipt", b"PAID", reference="R1", at_ms=T0)
    b = q.enqueue(db, "return_receipt", b"NEXT", reference="R2", at_ms=T0 + 1)
    db.dispose()
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", CRASH, str(path)], cwd=root,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 9 and out.stdout.split() == [str(a)], out.stderr
    db = open_database(path)
    assert q.recover_interrupted(db, T0 + 20) == [a]
    assert q.get(db, a).status == q.UNCERTAIN
    # The worker goes on with the next job but never resends the uncertain one on its own.
    assert q.claim_next(db, T0 + 10**9).job_id == b
    q.mark_printed(db, b, T0 + 21)
    assert q.claim_next(db, T0 + 10**9) is None
    assert q.pending_count(db) == 1  # still shown as waiting for a person
    # The clerk looks at the printer: nothing came out -> send it again, once.
    q.resolve_uncertain(db, a, printed=False, at_ms=T0 + 30)
    again = q.claim_next(db, T0 + 30)
    assert again.job_id == a and again.attempts == 2
    q.mark_printed(db, a, T0 + 31)
    with pytest.raises(DeskError):
        q.resolve_uncertain(db, a, printed=True)
    db.dispose()


def test_uncertain_job_confirmed_printed(db):
    a = q.enqueue(db, "quote", b"Q", at_ms=T0)
    q.claim_next(db, T0)
    q.recover_interrupted(db, T0 + 1)
    q.resolve_uncertain(db, a, printed=True, at_ms=T0 + 2)
    assert q.get(db, a).status == q.PRINTED
    assert q.claim_next(db, T0 + 10**9) is None


def test_reprint_is_a_new_job_marked_as_a_copy(db):
    a = q.enqueue(db, "return_receipt", b"ORIGINAL", reference="R1", at_ms=T0)
    q.claim_next(db, T0)
    q.mark_printed(db, a, T0 + 1)
    c = q.reprint(db, a, b"COPY ORIGINAL", requested_by="1001", at_ms=T0 + 2)
    assert c != a
    copy = q.get(db, c)
    assert copy.is_copy and copy.copy_of == a and copy.reference == "R1"
    assert copy.document_kind == "return_receipt" and copy.requested_by == "1001"
    assert q.claim_next(db, T0 + 3).data == b"COPY ORIGINAL"
    assert not q.get(db, a).is_copy
    with pytest.raises(DeskError) as e:
        q.reprint(db, 9999, b"X")
    assert e.value.code == "print.unknown_job"


def test_cancel_and_bad_input(db):
    a = q.enqueue(db, "quote", b"Q", at_ms=T0)
    q.cancel(db, a)
    assert q.claim_next(db, T0 + 10**9) is None and q.pending_count(db) == 0
    for data, copies in ((b"", 1), (b"X", 0)):
        with pytest.raises(DeskError) as e:
            q.enqueue(db, "quote", data, copies=copies)
        assert e.value.code == "print.empty_job"
    with pytest.raises(DeskError) as e2:
        q.get(db, 12345)
    assert e2.value.code == "print.unknown_job"


def test_the_queue_is_local_and_not_touched_by_a_rebuild(db):
    assert printjobs_t.print_jobs in REGISTRY.local_tables()
    assert printjobs_t.print_jobs not in REGISTRY.projection_tables()
    q.enqueue(db, "quote", b"Q", at_ms=T0)
    with db.engine.begin() as conn:
        rebuild(conn, REGISTRY)
    assert q.pending_count(db) == 1
