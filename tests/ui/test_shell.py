"""The app shell as a clerk and a manager use it: sign in by keyboard, roles, lockout, idle lock,
language switch, shortcuts, and Chinese that renders as glyphs, not boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication

from tests.support.ui import sign_in
from ui.shortcuts import SHORTCUTS

ALL_AREAS = ("counter", "workshop", "manager", "admin")


def pages_for(areas) -> int:
    from ui.main_window import PAGES

    return sum(1 for spec in PAGES if spec.area in areas or spec.area == "help")


def nav_texts(app) -> list[str]:
    return [app.window.nav.item(i).text() for i in range(app.window.nav.count())]


def test_login_window_is_in_chinese_and_focused_on_staff_id(desk_app):
    login = desk_app.window.login
    assert login.title.text() == "服务台"
    assert login.subtitle.text() == "南京路百货 · 一号柜台"
    assert login.sign_in.isEnabled()
    assert not login.demo_table.isVisible()  # not a demo database


def test_clerk_signs_in_by_keyboard_and_sees_the_counter_only(qtbot, desk_app):
    sign_in(qtbot, desk_app, "1001", "1111")
    window = desk_app.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)
    titles = [t.split(" ", 2)[-1] for t in nav_texts(desk_app)]
    assert len(titles) == pages_for(("counter",))
    assert all(t.startswith(("柜台 · ", "帮助 · ")) for t in titles) and "柜台 · 最近小票" in titles
    assert "张丽" in window.status.staff.text() and "柜员" in window.status.staff.text()


def test_manager_sees_every_area(qtbot, desk_app):
    sign_in(qtbot, desk_app, "9001", "9999")
    qtbot.waitUntil(lambda: desk_app.window.nav.count() == pages_for(ALL_AREAS), timeout=5000)


def test_ctrl_k_reaches_a_page_past_the_ninth(qtbot, desk_app):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    window = desk_app.window
    sign_in(qtbot, desk_app, "9001", "9999")
    qtbot.waitUntil(lambda: window.nav.count() == pages_for(ALL_AREAS), timeout=5000)
    last = window.nav.count() - 1
    assert last >= 9  # more pages than Alt+1..9 reach

    def choose_the_last() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QInputDialog) and w.isVisible())
        dialog.setTextValue(window.nav.item(last).text())
        dialog.accept()

    QTimer.singleShot(200, choose_the_last)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.nav.currentRow() == last, timeout=5000)


def test_wrong_pin_then_lockout_are_explained(qtbot, desk_app):
    login = desk_app.window.login
    sign_in(qtbot, desk_app, "1001", "0000")
    qtbot.waitUntil(lambda: "PIN 码错误" in login.message.text(), timeout=5000)
    assert "4" in login.message.text()
    for _ in range(4):
        qtbot.waitUntil(login.pin_edit.isEnabled, timeout=5000)
        qtbot.keyClicks(login.pin_edit, "0000")
        qtbot.keyClick(login.pin_edit, "\r")
    qtbot.waitUntil(lambda: "已锁定" in login.message.text(), timeout=5000)
    assert desk_app.window.stack.currentWidget() is login


def test_sign_in_runs_off_the_gui_thread(qtbot, desk_app):
    login = desk_app.window.login
    login.staff_edit.setText("1001")
    login.pin_edit.setText("1111")
    login.submit()  # returns at once; the PIN check (scrypt) runs on the database worker
    assert login.message.text() == "正在验证…" and not login.sign_in.isEnabled()
    qtbot.waitUntil(lambda: desk_app.window.stack.currentWidget() is desk_app.window.workspace,
                    timeout=5000)


def test_idle_lock_asks_for_the_pin_again(qtbot, desk_app):
    window = desk_app.window
    sign_in(qtbot, desk_app, "1001", "1111")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login, timeout=5000)
    assert window.login.staff_edit.text() == "1001"
    assert window.login.subtitle.text() == "已锁屏。请输入 PIN 码继续。"
    qtbot.keyClicks(window.login.pin_edit, "1111")
    qtbot.keyClick(window.login.pin_edit, "\r")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)


def test_the_idle_lock_hears_input_only_while_someone_is_signed_in(qtbot):
    """Its application-wide event filter runs Python for every event: on only while watching
    (not at the login window, where it made each event wait for the start-up's imports)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QLineEdit

    from ui.idle import IdleWatcher

    heard: list[QEvent.Type] = []

    class Listening(IdleWatcher):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            heard.append(event.type())
            return super().eventFilter(watched, event)

    watcher = Listening(60_000)
    watcher._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may read > 60 000
    box = QLineEdit()
    qtbot.addWidget(box)
    box.show()
    qtbot.keyClick(box, "a")
    assert heard == []
    watcher.start()
    qtbot.wait(30)
    left = watcher._timer.remainingTime()
    qtbot.keyClick(box, "b")
    assert QEvent.Type.KeyPress in heard
    assert watcher._timer.remainingTime() > left  # the key restarted the countdown
    watcher.stop()
    heard.clear()
    qtbot.keyClick(box, "c")
    assert heard == [] and box.text() == "abc"


def test_language_switches_to_english_and_back(qtbot, desk_app):
    window = desk_app.window
    sign_in(qtbot, desk_app, "9001", "9999")
    qtbot.waitUntil(lambda: window.nav.count() == pages_for(ALL_AREAS), timeout=5000)
    window.toggle_language()
    qtbot.waitUntil(lambda: window.app_title.text() == "Service Desk", timeout=3000)
    assert any("Counter · Latest receipts" in text for text in nav_texts(desk_app))
    assert window.status.staff.text() == "王经理 (Administrator)"
    window.toggle_language()
    qtbot.waitUntil(lambda: window.app_title.text() == "服务台", timeout=3000)


def test_f1_lists_every_shortcut(qtbot, desk_app):
    window = desk_app.window
    sign_in(qtbot, desk_app, "1001", "1111")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    page = window.current_page()
    assert page.table.rowCount() == len(SHORTCUTS)
    assert page.table.item(0, 1).text().startswith("搜索")


def render(text: str) -> QImage:
    font = QApplication.font()
    metrics = QFontMetrics(font)
    image = QImage(metrics.horizontalAdvance(text) + 8, metrics.height() + 8,
                   QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(4, metrics.ascent() + 4, text)
    painter.end()
    return image


def test_chinese_renders_as_glyphs_not_boxes(desk_app):
    font = QApplication.font()
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "退货维修服务台羽绒服")
    # Boxes (tofu) look the same for every character: distinct characters must differ.
    assert render("退货") != render("维修")
    assert render("退货") != render("服务")


def test_make_run_path_demo_store_shows_its_logins_and_data(qtbot, tmp_path):
    """What `make run` does on a fresh machine: build the small demo, open the app, sign in."""
    from desk.cli.main import main as desk_main
    from ui.app import DeskApp, parse_args

    assert desk_main(["--home", str(tmp_path), "demo", "--size", "small", "--if-missing"]) == 0
    app = DeskApp(parse_args(["--home", str(tmp_path)]))
    qtbot.addWidget(app.window)
    app.start()
    try:
        login = app.window.login
        qtbot.waitUntil(lambda: login.demo_table.rowCount() > 0, timeout=10_000)
        rows = {login.demo_table.item(r, 0).text(): login.demo_table.item(r, 3).text()
                for r in range(login.demo_table.rowCount())}
        clerk = next(r for r in range(login.demo_table.rowCount())
                     if login.demo_table.item(r, 2).text() == "柜员")
        staff_id = login.demo_table.item(clerk, 0).text()
        sign_in(qtbot, app, staff_id, rows[staff_id])
        window = app.window
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)
        receipts = window.page("receipts")
        qtbot.waitUntil(lambda: receipts.model.rowCount() > 0, timeout=5000)
    finally:
        app.shutdown()
        if app.ctx is not None:
            app.ctx.db.dispose()


def test_the_window_opens_maximised_then_as_it_was_left(qtbot, tmp_path):
    """A 1366x768 counter monitor shows the whole window, status bar included; a window the
    clerk resized comes back the same size next time (per data directory)."""
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    path = str(tmp_path / "window.ini")
    first = MainWindow(idle_lock_ms=60_000)
    qtbot.addWidget(first)
    first.show_as_last_time(QSettings(path, QSettings.Format.IniFormat))
    assert first.isMaximized()
    first.showNormal()
    first.setGeometry(20, 20, 720, 520)  # within the offscreen screen (800x600)
    first.close()
    again = MainWindow(idle_lock_ms=60_000)
    qtbot.addWidget(again)
    again.show_as_last_time(QSettings(path, QSettings.Format.IniFormat))
    assert not again.isMaximized()
    # restored (Qt may round the frame by a few pixels), not maximised to the screen (800 wide)
    assert abs(again.width() - 720) <= 8 and abs(again.height() - 520) <= 8
