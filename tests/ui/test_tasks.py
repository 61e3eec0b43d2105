"""The background runner: work runs off the GUI thread, callbacks come back on it, errors too."""

from __future__ import annotations

import threading

import pytest

from ui.tasks import Cancel, TaskRunner


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.shutdown(wait=True)


def test_result_is_delivered_on_the_gui_thread(qtbot, runner):
    gui = threading.get_ident()
    seen: dict = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result, error):
        seen.update(result=result, error=error, callback=threading.get_ident())

    runner.db(work, done=done)
    qtbot.waitUntil(lambda: "callback" in seen, timeout=3000)
    assert seen["result"] == 42 and seen["error"] is None
    assert seen["worker"] != gui and seen["callback"] == gui
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=3000)


def test_errors_are_delivered_not_raised(qtbot, runner):
    got: list = []
    runner.io(lambda: 1 / 0, done=lambda r, e: got.append((r, e)))
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    assert got[0][0] is None and isinstance(got[0][1], ZeroDivisionError)


def test_database_work_is_serialized_in_submission_order(qtbot, runner):
    order: list[int] = []
    for i in range(20):
        runner.db(order.append, i)
    qtbot.waitUntil(lambda: len(order) == 20, timeout=3000)
    assert order == list(range(20))


def test_cancel_token_reaches_the_work(qtbot, runner):
    token = Cancel()
    token.set()
    got: list = []

    def work(cancel: Cancel) -> str:
        return "stopped" if cancel.is_set() else "ran"

    runner.io(work, cancel=token, done=lambda r, e: got.append(r))
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    assert got == ["stopped"]


def test_work_asked_for_after_shutdown_is_dropped_not_raised(qtbot):
    runner = TaskRunner()
    runner.shutdown(wait=True)
    got: list = []
    future = runner.db(lambda: 1, done=lambda r, e: got.append(r))
    assert future.cancelled() and got == [] and runner.pending == 0


def test_progress_from_a_worker_is_heard_on_the_gui_thread(qtbot, runner):
    from ui.tasks import Progress

    progress = Progress("replay", every_s=60)  # only the first and the last report get through
    heard: list[tuple[str, int, int, int]] = []
    progress.changed.connect(
        lambda stage, done, total: heard.append((stage, done, total, threading.get_ident())))

    def work(report) -> None:
        for done in range(1, 1001):
            report(done, 1000)  # the replay's shape: (done, total)

    runner.db(work, progress)
    # Not ordered with the task's own done callback (another signal): wait for the reports.
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=5000)
    gui = threading.get_ident()
    assert heard == [("replay", 1, 1000, gui), ("replay", 1000, 1000, gui)]


def test_progress_takes_three_shapes_and_drops_reports_too_close_together(qtbot):
    from PySide6.QtCore import Qt

    from ui.tasks import Progress

    progress = Progress("replay", every_s=60)
    sent: list[tuple[str, int, int]] = []
    progress.reported.connect(lambda *report: sent.append(report),
                              Qt.ConnectionType.DirectConnection)
    progress("sales", 1, 10)  # the demo's shape
    progress("sales", 2, 10)  # too soon: dropped
    progress(10, 10)  # the replay's: the last one always goes
    progress("pull", 7)  # sync's, total unknown: too soon, dropped
    assert sent == [("sales", 1, 10), ("replay", 10, 10)]


def test_signals_emitted_keep_pythons_reference_counts(qtbot):
    """PySide6 6.12.0's `emit()` returned True without taking a reference: each emit stole one
    of True's, so a counter left running (a signal per task, per progress report, per change)
    died with "deallocating True". That release is excluded in pyproject.toml; this test tells
    whether the installed one has the fault, from the GUI thread and from a worker."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal(object)

    probe = Probe()
    heard: list[object] = []
    probe.ping.connect(heard.append)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        probe.ping.emit(None)
    worker = threading.Thread(target=lambda: [probe.ping.emit(None) for _ in range(200)])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(heard) == 400, timeout=5000)
    heard.clear()
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert after[0] - before[0] > -20 and after[1] - before[1] > -20, (before, after)
