"""Issue 10 point 10: two copies of the app on one counter's database. The second says the
counter is already open, exits with ALREADY_OPEN and brings the first to the front; after the
first quits (or is killed) a new copy starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ui.single_instance import ALREADY_OPEN, LOCK_FILENAME

ROOT = Path(__file__).resolve().parents[2]


def second_copy(home: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DESK_LANG": "en"}
    return subprocess.Popen([sys.executable, "-m", "ui.app", "--home", str(home), *extra],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_a_second_copy_says_the_counter_is_open_and_raises_the_first(qtbot, desk_app,
                                                                      counter_home):
    assert desk_app.show_requests == 0
    proc = second_copy(counter_home)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    _, err = proc.communicate()
    assert proc.returncode == ALREADY_OPEN
    assert f"already open, exit {ALREADY_OPEN}" in err and "brought to the front" in err
    qtbot.waitUntil(lambda: desk_app.show_requests == 1, timeout=5000)


def test_after_the_first_quits_a_new_copy_starts(qtbot, counter_home):
    from ui.app import DeskApp, parse_args

    first = DeskApp(parse_args(["--home", str(counter_home)]))
    qtbot.addWidget(first.window)
    assert first.start()
    qtbot.waitUntil(lambda: first.ctx is not None, timeout=10_000)
    first.shutdown()
    first.ctx.db.dispose()
    proc = second_copy(counter_home, "--startup-probe")
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert "login window ready" in out
    support_log = (counter_home / "logs" / "desk.log").read_text(encoding="utf-8")
    assert "service-desk starting" in support_log and "opened at schema" in support_log


def test_a_stale_lock_of_a_killed_process_does_not_block(qtbot, counter_home):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from PySide6.QtCore import QLockFile; "
         f"lock = QLockFile({str(counter_home / LOCK_FILENAME)!r}); lock.setStaleLockTime(0); "
         "print(lock.tryLock(0), flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "True"
    holder.kill()
    holder.wait()
    assert (counter_home / LOCK_FILENAME).exists()  # left behind by the killed process
    from ui.app import DeskApp, parse_args

    app = DeskApp(parse_args(["--home", str(counter_home)]))
    qtbot.addWidget(app.window)
    try:
        assert app.start()
        qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
    finally:
        app.shutdown()
        if app.ctx is not None:
            app.ctx.db.dispose()
