"""Opening an older data directory (the 0006 fixture of tests/platform/test_upgrade.py): the app
shows the upgrade's progress, fed from the database worker while the GUI thread goes on; when the
upgrade fails it says in words that the backup was put back."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

from alembic import command

from desk.platform import projections, upgrade
from desk.platform.migrate import alembic_config, head_revision
from ui.tasks import Progress

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "desk-0006.sqlite3"


def old_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copyfile(FIXTURE, home / "desk.sqlite3")
    return home


def revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def start(qtbot, home: Path, lang: str = "en"):
    from ui.app import DeskApp, parse_args

    app = DeskApp(parse_args(["--home", str(home), "--lang", lang]))
    qtbot.addWidget(app.window)
    app.start()
    return app


def stop(app) -> None:
    app.qt.removeEventFilter(app.window.idle)
    app.shutdown()
    if app.ctx is not None:
        app.ctx.db.dispose()


def test_the_replay_shows_progress_while_the_gui_goes_on(qtbot, tmp_path, monkeypatch):
    home = old_home(tmp_path)
    monkeypatch.setattr(projections, "REPLAY_BATCH", 1)  # a report per event
    gate = threading.Event()
    real_report = Progress.__call__

    def held(self, *report):  # type: ignore[no-untyped-def]
        self.every_s = 0  # no report dropped by the throttle: the one the worker waits on shows
        real_report(self, *report)
        if len(report) == 2 and 0 < report[0] < report[1]:
            assert gate.wait(30)  # the worker waits, mid-replay, until the GUI has shown it

    monkeypatch.setattr(Progress, "__call__", held)
    app = start(qtbot, home)
    try:
        def showing_replay() -> bool:
            dialog = app.upgrade_dialog
            return dialog is not None and dialog.isVisible() and dialog.stage == "replay" \
                and dialog.bar.value() >= 1
        qtbot.waitUntil(showing_replay, timeout=20_000)  # the GUI thread runs while it replays
        dialog = app.upgrade_dialog
        assert "replayed" in dialog.text.text() and "of" in dialog.count.text()
        assert app.ctx is None
        gate.set()
        qtbot.waitUntil(lambda: app.window.login.ctx is not None, timeout=20_000)
        assert app.upgrade_dialog is None and not dialog.isVisible()
        assert dialog.bar.value() == dialog.bar.maximum() > 1
        assert revision(home / "desk.sqlite3") == head_revision()
        assert len(list((home / "backups").glob("desk-0006-*.sqlite3"))) == 1
        assert app.wizard is None  # the old directory has its store: no first-run wizard
    finally:
        gate.set()
        stop(app)


def test_a_usual_start_shows_no_upgrade_dialog(qtbot, counter_home):
    app = start(qtbot, counter_home)
    try:
        qtbot.waitUntil(lambda: app.window.login.ctx is not None, timeout=10_000)
        assert app.upgrade_dialog is None and app.wizard is None
    finally:
        stop(app)


def test_a_failed_upgrade_says_the_backup_was_put_back(qtbot, tmp_path, monkeypatch):
    home = old_home(tmp_path)

    def half_then_fail(engine, registry, **kw):  # type: ignore[no-untyped-def]
        command.upgrade(alembic_config(engine), "0007")
        raise RuntimeError("disk error in the middle")

    monkeypatch.setattr(upgrade, "migrate_to_head", half_then_fail)
    app = start(qtbot, home, lang="zh_CN")
    try:
        qtbot.waitUntil(lambda: app.upgrade_dialog is not None
                        and app.upgrade_dialog.outcome.isVisible(), timeout=20_000)
        dialog = app.upgrade_dialog
        assert "已恢复升级前的备份" in dialog.outcome.text()
        assert dialog.text.text() == "升级没有成功。" and dialog.buttons.isVisible()
        assert "已恢复升级前的备份" in app.window.login.message.text()
        assert app.ctx is None and revision(home / "desk.sqlite3") == "0006"
    finally:
        stop(app)
