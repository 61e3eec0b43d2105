"""The intake screen records the accessories, the condition and a photo of it; the ticket page
shows them and the photo (offscreen, file database, the real task runner)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.platform.paths import database_path
from desk.repairs.intake_queries import intake_notes
from tests.repairs.helpers import png_bytes, seed_repairs
from tests.returns.seed import CLERK
from tests.support.signing import RepairPad
from ui.context import AppContext
from ui.repairs.intake_page import IntakePage
from ui.repairs.ticket_page import TicketPage
from ui.tasks import TaskRunner


@pytest.fixture
def clerk(qtbot, tmp_path, clock, monkeypatch):
    monkeypatch.setenv("DESK_HOME", str(tmp_path))
    db = open_database(database_path(tmp_path), wall_ms=clock.now_ms)
    bus = CommandBus(db, clock)
    initialise_counter(bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999")
    seed_repairs(bus)
    runner = TaskRunner()
    ctx = AppContext(db, bus, runner)
    ctx.session.staff_id, ctx.session.role = CLERK, "clerk"
    yield ctx
    runner.shutdown(wait=True)
    db.dispose()


def test_intake_records_accessories_condition_and_a_photo(qtbot, clerk, tmp_path, monkeypatch):
    picture = tmp_path / "scratch.png"
    picture.write_bytes(png_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(picture), ""))
    intake = IntakePage(clerk)
    intake.signer = RepairPad(clerk.bus)
    qtbot.addWidget(intake)
    assert intake.photo_button.text() == "Condition photo…"
    qtbot.keyClicks(intake.sku, "P000003")
    intake.fault.setText("不加热")
    intake.accessories.setText("充电器、盒子")
    intake.condition.setText("外壳轻微划痕")
    qtbot.mouseClick(intake.photo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(intake.condition_photos) == 1, timeout=5000)
    assert intake.photo_button.text() == "Condition photos: 1"
    [sha] = intake.condition_photos
    with qtbot.waitSignal(intake.sig_opened, timeout=10000) as opened:
        qtbot.mouseClick(intake.open_button, Qt.MouseButton.LeftButton)
    code = opened.args[0]
    with clerk.db.engine.connect() as conn:
        notes = intake_notes(conn, code)
    assert notes.accessories == ["充电器", "盒子"] and notes.condition == "外壳轻微划痕"
    assert notes.photo_hashes == [sha]
    assert intake.condition_photos == []  # cleared for the next customer
    assert intake.photo_button.text() == "Condition photo…"

    page = TicketPage(clerk)
    qtbot.addWidget(page)
    page.load(code)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=5000)
    assert "Accessories: 充电器、盒子" in page.header.text()
    assert "Condition: 外壳轻微划痕" in page.header.text()
    qtbot.waitUntil(lambda: page.photos.state.get(sha) == "shown", timeout=5000)
    assert not page.photos.labels[sha].pixmap().isNull()
