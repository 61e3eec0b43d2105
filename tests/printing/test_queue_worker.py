"""The queue worker against the fake printer on a pty, through SerialTransport/pyserial: prints in
order, holds while the printer cannot print, keeps every job through bad ports, vanishing and
silent printers, backs off, never prints a job twice, and its thread stops when cancelled."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desk.capabilities import open_database
from desk.platform.errors import DeskError
from desk.printjobs import queue as q
from printing import queue_worker as w
from printing import status as st
from printing.escpos import encode
from printing.profiles import get_profile
from printing.samples import sample
from printing.transport.file import FileTransport
from printing.transport.serial_port import SerialTransport
from tests.printing.fakeprinter import FakePrinter

T0 = 1_800_000_000_000
FAST = 0.15


@pytest.fixture
def printer():
    with FakePrinter() as p:
        yield p


@pytest.fixture
def port(printer):
    transport = SerialTransport(printer.port, 115200, status_timeout=FAST)
    yield transport
    transport.close()


def doc(kind: str = "intake_slip") -> bytes:
    return encode(sample(kind), get_profile("80mm-cn-qr-cut"))


def test_jobs_print_in_order_once(db, printer, port):
    a, b = doc("intake_slip"), doc("quote")
    ja = q.enqueue(db, "intake_slip", a, at_ms=T0)
    jb = q.enqueue(db, "quote", b, copies=2, at_ms=T0 + 1)
    first = w.run_once(db, port, T0 + 2)
    assert (first.outcome, first.job_id, first.state, first.waiting) == (w.PRINTED, ja, "ready", 1)
    second = w.run_once(db, port, T0 + 3)
    assert (second.outcome, second.job_id, second.waiting) == (w.PRINTED, jb, 0)
    assert printer.wait_for(len(a) + 2 * len(b)) == a + b + b
    for later in range(5):  # nothing is ever sent again by itself
        assert w.run_once(db, port, T0 + 10**9 + later).outcome == w.IDLE
    assert printer.data == a + b + b
    assert {j.status for j in q.history(db)} == {q.PRINTED}


@pytest.mark.parametrize(("switch", "code"), [
    ("paper_out", "printer.paper_out"),
    ("cover_open", "printer.cover_open"),
    ("offline", "printer.offline"),
    ("silent", "printer.not_answering"),
])
def test_held_while_the_printer_cannot_print_then_printed_once(db, printer, port, switch, code):
    data = doc()
    job = q.enqueue(db, "intake_slip", data, at_ms=T0)
    setattr(printer, switch, True)
    for i in range(3):
        step = w.run_once(db, port, T0 + i)
        assert (step.outcome, step.error) == (w.HELD, code)
    held = q.get(db, job)
    assert held.status == q.HELD and held.attempts == 0 and held.last_error == code
    assert printer.data == b""  # not a byte of the job while it cannot print
    setattr(printer, switch, False)
    step = w.run_once(db, port, T0 + 10)
    assert (step.outcome, step.job_id, step.waiting) == (w.PRINTED, job, 0)
    assert printer.wait_for(len(data)) == data


def test_paper_near_end_still_prints(db, printer, port):
    printer.near_end = True
    q.enqueue(db, "quote", doc("quote"), at_ms=T0)
    step = w.run_once(db, port, T0)
    assert (step.outcome, step.state) == (w.PRINTED, st.PAPER_NEAR_END)


def test_a_port_that_does_not_exist_keeps_the_job(db):
    job = q.enqueue(db, "quote", doc("quote"), at_ms=T0)
    step = w.run_once(db, SerialTransport("/dev/ttyNOPE0", 9600, status_timeout=FAST), T0)
    assert (step.outcome, step.state, step.error) == (w.HELD, st.PORT_MISSING,
                                                       "printer.port_missing")
    assert "/dev/ttyNOPE0" in step.detail
    assert q.get(db, job).status == q.HELD and q.pending_count(db) == 1


def test_a_printer_that_disappears_mid_job_keeps_the_job_for_the_next_printer(db, printer, port):
    big = doc("intake_slip") + bytes(60_000)  # a long job (zeros: paper feed, no DLE EOT inside)
    job = q.enqueue(db, "intake_slip", big, at_ms=T0)
    printer.vanish_after = 3_000
    step = w.run_once(db, port, T0)
    assert step.outcome == w.HELD and step.job_id == job
    assert step.error in ("printer.disconnected", "printer.write_timeout")
    kept = q.get(db, job)
    assert kept.status == q.HELD and kept.attempts == 1 and kept.data == big
    # The printer is plugged back in (here: a new port); the job prints, whole, once.
    with FakePrinter() as again:
        other = SerialTransport(again.port, 115200, status_timeout=FAST)
        try:
            assert w.run_once(db, other, T0 + 5).outcome == w.PRINTED
            assert again.wait_for(len(big)) == big
            assert w.run_once(db, other, T0 + 10**9).outcome == w.IDLE
        finally:
            other.close()
    assert q.get(db, job).status == q.PRINTED


class FailingWrites:
    """The real serial transport whose first `n` writes fail although the status is fine
    (e.g. a line glitch): exercises the backoff path."""

    def __init__(self, inner: SerialTransport, n: int) -> None:
        self.inner, self.n, self.name = inner, n, inner.name

    def write(self, data: bytes) -> None:
        if self.n > 0:
            self.n -= 1
            raise DeskError("printer.disconnected", port=self.name, detail="framing error")
        self.inner.write(data)

    def status(self):
        return self.inner.status()

    def close(self) -> None:
        self.inner.close()


def test_failed_writes_retry_with_backoff(db, printer, port):
    data = doc("quote")
    job = q.enqueue(db, "quote", data, at_ms=T0)
    flaky = FailingWrites(port, 2)
    first = w.run_once(db, flaky, T0)
    assert (first.outcome, first.error) == (w.FAILED, "printer.disconnected")
    assert w.run_once(db, flaky, T0 + 1_999).outcome == w.IDLE  # backing off: 2 s
    assert w.run_once(db, flaky, T0 + 2_000).outcome == w.FAILED
    assert w.run_once(db, flaky, T0 + 5_999).outcome == w.IDLE  # then 4 s
    done = w.run_once(db, flaky, T0 + 6_000)
    assert (done.outcome, done.job_id) == (w.PRINTED, job)
    assert q.get(db, job).attempts == 3
    assert printer.wait_for(len(data)) == data


def test_the_loop_prints_everything_recovers_a_crash_and_stops_when_cancelled(tmp_path, printer):
    db = open_database(tmp_path / "desk.sqlite3")
    crashed = q.enqueue(db, "return_receipt", b"\x1b@CRASHED", at_ms=T0)
    q.claim_next(db, T0)  # left `sending` by an app that died
    jobs = [doc(k) for k in ("intake_slip", "quote", "completion")]
    ids = [q.enqueue(db, k, d) for k, d in zip(("intake_slip", "quote", "completion"), jobs,
                                                strict=True)]
    steps: list[w.Step] = []
    worker = w.PrintWorker(db, SerialTransport(printer.port, 115200, status_timeout=FAST),
                           poll_s=0.05, report=steps.append).start()
    try:
        got = printer.wait_for(sum(map(len, jobs)))
        assert got == b"".join(jobs)
        late = doc("closure")
        q.enqueue(db, "closure", late)
        worker.kick()
        assert printer.wait_for(len(got) + len(late)) == got + late
    finally:
        assert worker.stop(5)
    assert not worker.thread.is_alive()
    assert q.get(db, crashed).status == q.UNCERTAIN  # never resent by itself
    assert all(q.get(db, i).status == q.PRINTED for i in ids)
    assert [s.job_id for s in steps if s.outcome == w.PRINTED][:3] == ids
    started = [s for s in steps if s.outcome == w.PRINTING]
    assert [s.job_id for s in started][:3] == ids and started[0].state == "printing"
    db.dispose()


def test_the_loop_stops_promptly_while_the_printer_is_silent(tmp_path, printer):
    db = open_database(tmp_path / "desk.sqlite3")
    printer.silent = True
    q.enqueue(db, "quote", b"\x1b@Q")
    cancel = threading.Event()
    steps: list[w.Step] = []
    thread = threading.Thread(target=w.loop, args=(db, SerialTransport(
        printer.port, 9600, status_timeout=FAST), cancel),
        kwargs={"poll_s": 0.05, "report": steps.append}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not steps and time.monotonic() < deadline:
        time.sleep(0.01)
    cancel.set()
    thread.join(3)
    assert not thread.is_alive()
    assert steps and steps[0].outcome == w.HELD and steps[0].error == "printer.not_answering"
    assert q.pending_count(db) == 1 and printer.data == b""
    db.dispose()


def test_file_printer_through_the_worker(db, tmp_path):
    out = FileTransport(tmp_path / "paper", dots=576)
    q.enqueue(db, "quote", doc("quote"), at_ms=T0)
    assert w.run_once(db, out, T0).outcome == w.PRINTED
    assert len(list((tmp_path / "paper").glob("*.png"))) == 1


class BrokenOnce:
    """A transport whose first status query hits a bug (an exception the worker does not know)."""

    def __init__(self, inner: SerialTransport) -> None:
        self.inner, self.name, self.broken = inner, inner.name, True

    def status(self):
        if self.broken:
            self.broken = False
            raise RuntimeError("unexpected")
        return self.inner.status()

    def write(self, data: bytes) -> None:
        self.inner.write(data)

    def close(self) -> None:
        self.inner.close()


def test_an_unexpected_error_is_reported_and_the_loop_goes_on(tmp_path, printer):
    db = open_database(tmp_path / "desk.sqlite3")
    data = doc("quote")
    q.enqueue(db, "quote", data)
    steps: list[w.Step] = []
    worker = w.PrintWorker(db, BrokenOnce(SerialTransport(printer.port, 115200,
                                                          status_timeout=FAST)),
                           poll_s=0.05, report=steps.append).start()
    try:
        assert printer.wait_for(len(data)) == data
    finally:
        assert worker.stop(5)
    assert steps[0].state == "error" and "RuntimeError" in steps[0].detail
    assert any(s.outcome == w.PRINTED for s in steps)
    db.dispose()


KILLED = """
import sys
from desk.capabilities import open_database
from printing import queue_worker as w
from printing.transport.serial_port import SerialTransport
db = open_database(sys.argv[1])
w.run_once(db, SerialTransport(sys.argv[2], 9600, flow="paced", status_timeout=0.5))
"""


def test_kill_9_mid_job_leaves_it_uncertain_never_resent_by_itself(tmp_path, printer):
    """The real worker in another process, printing a long job (paced at 9600 baud: ~4 s) to the
    pty printer, is killed with SIGKILL part-way through."""
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    long_job = doc("intake_slip") + bytes(4_000)
    job = q.enqueue(db, "intake_slip", long_job)
    db.dispose()
    child = subprocess.Popen([sys.executable, "-c", KILLED, str(path), printer.port],
                             cwd=Path(__file__).resolve().parents[2])
    try:
        printer.wait_for(1_000, timeout=30)  # the job is on its way
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    part = printer.job_bytes()
    assert 0 < part < len(long_job)
    db = open_database(path)
    assert q.get(db, job).status == q.SENDING
    steps: list[w.Step] = []
    worker = w.PrintWorker(db, SerialTransport(printer.port, 115200, status_timeout=FAST),
                           poll_s=0.05, report=steps.append).start()
    deadline = time.monotonic() + 5
    while len(steps) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert worker.stop(5)
    assert q.get(db, job).status == q.UNCERTAIN and steps[-1].waiting == 1
    assert printer.job_bytes() == part  # nothing was resent
    db.dispose()
