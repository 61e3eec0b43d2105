"""The workshop screen on a real database and task runner: the queue (overdue first, in red),
checks ticked with their evidence, a waiver with the manager's PIN, a photo from a file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.repairs.commands import OpenTicket
from tests.repairs.helpers import TECH, png_bytes, record_of
from tests.returns.seed import CLERK, MANAGER, MANAGER_PIN
from ui.context import AppContext
from ui.repairs.workshop_page import WorkshopPage
from ui.tasks import TaskRunner


@pytest.fixture
def page(qtbot, store):
    store.dispatch(OpenTicket(code="T0002", sku="P000003", fault="不加热",
                              promised_date="2026-11-25"), CLERK)
    store.dispatch(OpenTicket(code="T0001", sku="P000003", fault="漏水",
                              promised_date="2026-11-18"), CLERK)  # overdue
    runner = TaskRunner()
    ctx = AppContext(store.db, store, runner)
    ctx.session.staff_id, ctx.session.role = TECH, "technician"
    widget = WorkshopPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget
    runner.shutdown(wait=True)


def done(page, code, step, check_id):
    """Read through the screen (the database worker): the in-memory database has one
    connection, which the test thread must not use while the worker writes."""
    d = page.detail
    return d is not None and d.code == code and any(
        v.check_id == check_id and v.done for v in d.steps[step - 1])


def test_a_ticket_through_the_first_steps(qtbot, page, store, tmp_path, monkeypatch):
    qtbot.waitUntil(lambda: page.detail is not None and len(page.rows) == 3, timeout=5000)
    first = page.queue.item(0)
    assert first.data(Qt.ItemDataRole.UserRole) == "T0001"  # due first
    assert first.foreground().color().name() == "#c62828" and page.queue.count() == 2
    assert all(r.done_button.height() >= 44 for r in page.rows)
    # a note, typed and Enter
    page.rows[0].field.setText("漏水，两天前开始")  # typed by an input method
    qtbot.keyClick(page.rows[0].field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: done(page, "T0001", 1, "fault_described"), timeout=5000)
    qtbot.waitUntil(lambda: page.rows and page.rows[0].view.done, timeout=5000)
    # a waiver: the manager's id and PIN on this screen
    qtbot.mouseClick(page.rows[1].waive_button, Qt.MouseButton.LeftButton)
    dialog = page.waiver_dialog
    dialog.reason.setCurrentIndex(dialog.reason.findData("customer_declined"))
    qtbot.keyClicks(dialog.manager, MANAGER)
    qtbot.keyClicks(dialog.pin, MANAGER_PIN)
    dialog.accept()
    qtbot.waitUntil(lambda: done(page, "T0001", 1, "environment_asked"), timeout=5000)
    view = next(v for v in page.detail.steps[0] if v.check_id == "environment_asked")
    assert view.waived and view.approved_by == MANAGER and view.reason == "customer_declined"
    # a tick from the keyboard
    qtbot.waitUntil(lambda: page.rows and page.rows[1].view.done, timeout=5000)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    qtbot.keyClick(page, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.detail.current_step == 2, timeout=5000)
    # step 2: a photo from a file
    photo = tmp_path / "condition.png"
    photo.write_bytes(png_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    qtbot.waitUntil(lambda: len(page.rows) == 3 and page.rows[0].view.step == 2, timeout=5000)
    row = page.rows[0]
    qtbot.mouseClick(row.evidence_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.photo_picker.file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(row.photo_sha), timeout=5000)
    qtbot.mouseClick(row.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: done(page, "T0001", 2, "condition_recorded"), timeout=5000)
    page.ctx.runner.shutdown(wait=True)
    fact = record_of(store, "T0001").state.state(2, "condition_recorded").fact
    assert fact.actor == TECH and fact.evidence["photo_type"] == "image/png"


def test_the_queue_shows_its_items_uncut_at_1366x768(qtbot, store, tmp_path):
    """A counter monitor: the queue is as wide as its items in the font (the checklist keeps the
    rest); the grab is saved for a person to look at (DESK_SCREENSHOTS, else a temporary
    folder)."""
    import os
    from pathlib import Path

    from PySide6.QtGui import QTextLayout
    from PySide6.QtWidgets import QApplication

    from desk.catalog.commands import RegisterProduct
    from tests.returns.seed import ADMIN
    from ui.i18n import install_language

    store.dispatch(RegisterProduct(sku="P000090", product_name="多功能智能电饭煲（五升，家用）",
                                   category_id="AP", price_fen=59900), ADMIN)
    store.dispatch(OpenTicket(code="T2612010001", sku="P000090", fault="不加热",
                              promised_date="2026-11-18"), CLERK)  # overdue: the longest line
    runner = TaskRunner()
    ctx = AppContext(store.db, store, runner)
    ctx.session.staff_id, ctx.session.role = TECH, "technician"
    page = WorkshopPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    try:
        qtbot.waitUntil(lambda: page.queue.count() == 1 and len(page.rows) == 3, timeout=5000)
        qtbot.waitUntil(lambda: page.queue.width() >= page.queue.minimumWidth(), timeout=2000)
        qtbot.waitUntil(lambda: all(r.isVisible() and r.height() >= 48 for r in page.rows),
                        timeout=2000)  # laid out (the grab shows what a person sees)
        folder = Path(os.environ.get("DESK_SCREENSHOTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        for language in ("en", "zh_CN"):
            assert install_language(language)
            QApplication.processEvents()  # LanguageChange is posted to the window
            item = page.queue.item(0)
            shown = page.queue.visualItemRect(item)
            for line in item.text().splitlines():  # laid out in the fonts that draw it (CJK)
                layout = QTextLayout(line, page.queue.font())
                layout.beginLayout()
                drawn = layout.createLine()
                layout.endLayout()
                assert drawn.naturalTextWidth() + 8 < shown.width(), (line, shown)
                assert drawn.height() * 2 + 4 < shown.height(), (line, shown)  # both lines
            assert page.queue.horizontalScrollBar().maximum() == 0
            assert page.width() - page.queue.width() > 700  # the checklist keeps the most room
            assert page.grab().save(str(folder / f"workshop-1366x768-{language}.png"))
    finally:
        runner.shutdown(wait=True)
