"""One ticket from intake to archive through the counter's screens and the workshop screen, on
a file database with the real task runner and the file printer: the intake slip prints and its QR
finds the ticket again, the quote is signed on the pad, every step is ticked with its evidence, a
manager waives a check, the customer signs the completion and its certificate prints."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.lookup.search import search
from desk.platform.bus import CommandBus
from desk.platform.paths import database_path
from desk.printjobs import queue as q
from desk.repairs.queries import ticket_record
from printing.decode import decode
from tests.repairs.helpers import TECH, png_bytes, seed_repairs
from tests.returns.seed import CLERK, MANAGER, MANAGER_PIN, sale
from tests.support.signing import RepairPad
from ui.context import AppContext
from ui.printing.service import PrinterService
from ui.repairs.intake_page import IntakePage
from ui.repairs.ticket_page import TicketPage
from ui.repairs.workshop_page import WorkshopPage
from ui.tasks import TaskRunner

RECEIPT = "R2510150100001"
WAIVED = (5, "waste_disposed")


@pytest.fixture
def counter(qtbot, tmp_path, clock, monkeypatch):
    monkeypatch.setenv("DESK_HOME", str(tmp_path))
    db = open_database(database_path(tmp_path), wall_ms=clock.now_ms)
    bus = CommandBus(db, clock)
    initialise_counter(bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999")
    seed_repairs(bus)
    # bought more than a year ago: past 三包, a paid repair
    sale(bus, RECEIPT, [("P000003", 1)], sold_at="2025-10-15T10:00:00")
    runner = TaskRunner()
    clerk, tech = AppContext(db, bus, runner), AppContext(db, bus, runner)
    tech.hub = clerk.hub  # one app's screens: the technician's ticks refresh the counter's
    clerk.session.staff_id, clerk.session.role = CLERK, "clerk"
    tech.session.staff_id, tech.session.role = TECH, "technician"
    printer = PrinterService(clerk, tmp_path)
    printer.start()
    qtbot.waitUntil(lambda: printer.worker is not None, timeout=5000)
    yield bus, clerk, tech, printer
    printer.stop()
    runner.shutdown(wait=True)
    db.dispose()


def printed(bus, code, kind):
    jobs = [j for j in q.history(bus.db, reference=code) if j.document_kind == kind]
    return bool(jobs) and jobs[0].status == "printed"


def paper(bus, tmp_path, code, kind):
    """What the file printer wrote for the ticket's job of `kind`, decoded."""
    job = next(j for j in q.history(bus.db, reference=code) if j.document_kind == kind)
    data = q.get(bus.db, job.job_id).data
    assert data in {p.read_bytes() for p in (tmp_path / "prints").glob("*.bin")}
    return decode(data)


_turns = itertools.count()


def give_photo(qtbot, shop, row, photo) -> None:
    """Every other photo comes from the phone's inbox folder (dropped while the picker is open,
    taken with Enter, then moved to taken/), the others from a file (the dialog answered)."""
    qtbot.mouseClick(row.evidence_button, Qt.MouseButton.LeftButton)
    picker = shop.photo_picker
    qtbot.waitUntil(lambda: picker.folder is not None
                    and str(picker.folder) in picker.watcher.directories(), timeout=5000)
    if next(_turns) % 2 == 0:
        name = f"IMG_{row.view.step}_{row.index}.png"
        (picker.folder / name).write_bytes(photo.read_bytes())
        qtbot.waitUntil(lambda: picker.take_button.isEnabled(), timeout=5000)  # the watcher saw it
        assert picker.pictures[picker.list.currentRow()].name == name
        qtbot.keyClick(picker.list, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(row.photo_sha), timeout=5000)
        assert not (picker.folder / name).exists()
        assert (picker.folder / "taken" / name).exists()
    else:
        qtbot.mouseClick(picker.file_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(row.photo_sha), timeout=5000)


def tick_current_step(qtbot, shop, photo, waive=None):
    """Do each open check of the current step on the workshop screen, with its evidence."""
    step = shop.detail.current_step
    for n in range(3):
        qtbot.waitUntil(lambda: len(shop.rows) == 3 and shop.rows[0].view.step == step,
                        timeout=5000)
        row = shop.rows[n]
        if row.view.done:
            continue
        if (step, row.view.check_id) == waive:
            qtbot.mouseClick(row.waive_button, Qt.MouseButton.LeftButton)
            dialog = shop.waiver_dialog
            dialog.reason.setCurrentIndex(dialog.reason.findData("not_applicable"))
            qtbot.keyClicks(dialog.manager, MANAGER)
            qtbot.keyClicks(dialog.pin, MANAGER_PIN)
            dialog.accept()
        else:
            if row.view.evidence == "value":
                row.field.setText(row.view.min)
            elif row.view.evidence == "note":
                row.field.setText("已检查")
            elif row.view.evidence == "photo":
                give_photo(qtbot, shop, row, photo)
            qtbot.mouseClick(row.done_button, Qt.MouseButton.LeftButton)
        check_id = row.view.check_id
        qtbot.waitUntil(lambda check_id=check_id: shop.detail is not None and any(
            v.check_id == check_id and v.done for v in shop.detail.steps[step - 1]),
            timeout=5000)
    if step < 9:
        qtbot.waitUntil(lambda: shop.detail.current_step > step, timeout=5000)


def test_one_ticket_from_intake_to_archive(qtbot, counter, tmp_path, monkeypatch):
    bus, clerk, tech, printer = counter
    pad = RepairPad(bus)
    photo = tmp_path / "condition.png"
    photo.write_bytes(png_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))

    # intake: from the receipt line, the customer's answers, the pad, the slip
    intake = IntakePage(clerk)
    intake.signer, intake.printer = pad, printer
    qtbot.addWidget(intake)
    qtbot.keyClicks(intake.search_box, RECEIPT)
    qtbot.keyClick(intake.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.sku.text() == "P000003", timeout=5000)
    qtbot.waitUntil(lambda: intake.warranty is not None, timeout=5000)
    verdict = intake.warranty.verdict
    assert verdict.kind == "expired" and verdict.zh.startswith("已过三包期：收费维修")
    assert intake.warranty_words.text() in (verdict.zh, verdict.en)
    intake.fault.setText("不加热，三天前开始")  # typed by an input method
    intake.environment.setText("家用，每天两次")
    intake.contact.setText("工作日晚上，138****8000")
    intake.accessories.setText("底座")
    intake.condition.setText("外壳轻微划痕")
    with qtbot.waitSignal(intake.sig_opened, timeout=10000) as opened:
        qtbot.mouseClick(intake.open_button, Qt.MouseButton.LeftButton)
    code = opened.args[0]
    assert pad.asked == [(code, "intake")]
    qtbot.waitUntil(lambda: printed(bus, code, "intake_slip"), timeout=10000)
    slip = paper(bus, tmp_path, code, "intake_slip")
    assert "外壳轻微划痕" in "\n".join(slip.texts) and "底座" in "\n".join(slip.texts)
    [qr] = slip.qr_codes
    with bus.db.engine.connect() as conn:
        found = search(conn, qr.data).open
    assert found is not None and (found.kind, found.key) == ("ticket", code)

    # the ticket at the counter, opened from the QR's payload
    desk = TicketPage(clerk)
    desk.signer, desk.printer = pad, printer
    qtbot.addWidget(desk)
    desk.code.setText(qr.data)
    qtbot.keyClick(desk.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.detail is not None and desk.detail.code == code, timeout=5000)

    shop = WorkshopPage(tech)
    qtbot.addWidget(shop)
    qtbot.waitUntil(lambda: shop.detail is not None and shop.detail.code == code, timeout=5000)
    tick_current_step(qtbot, shop, photo)  # step 2 (step 1 was the intake)
    assert shop.detail.current_step == 3

    # the quote: a part with its serial and the labour, signed on the pad
    desk.part.setText("温控器")  # typed by an input method
    qtbot.keyClicks(desk.part_serial, "SN-TC-1")
    qtbot.keyClicks(desk.part_price, "30.00")
    qtbot.keyClick(desk.part_price, Qt.Key.Key_Return)
    qtbot.keyClicks(desk.labour, "50.00")
    qtbot.mouseClick(desk.propose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.detail.quote is not None, timeout=5000)
    assert desk.detail.quote["charged_fen"] == 8000
    qtbot.mouseClick(desk.sign_quote, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.detail.quote_signed, timeout=5000)

    for _step in (3, 4, 5, 6):
        tick_current_step(qtbot, shop, photo, waive=WAIVED)
    qtbot.waitUntil(lambda: desk.detail.current_step == 7, timeout=5000)

    # pickup: the three demonstrations, the completion signature, the certificate
    for n in range(3):
        qtbot.mouseClick(desk.demos[n], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda n=n: desk.detail.steps[6][n].done, timeout=5000)
    qtbot.waitUntil(desk.sign_completion.isEnabled, timeout=5000)
    # paid by two tenders: 30 yuan by WeChat Pay, the rest (left in the field) in cash
    assert "80.00" in desk.due.text() and desk.pay_amount.text() == "80.00"
    desk.tender.setCurrentIndex(desk.tender.findData("wechat_pay"))
    desk.pay_amount.setText("30.00")
    qtbot.mouseClick(desk.add_payment, Qt.MouseButton.LeftButton)
    assert desk.pay_amount.text() == "50.00"
    desk.tender.setCurrentIndex(desk.tender.findData("cash"))
    qtbot.mouseClick(desk.sign_completion, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.detail.completion_signed, timeout=5000)
    assert pad.asked == [(code, "intake"), (code, "quote"), (code, "completion")]
    qtbot.waitUntil(lambda: printed(bus, code, "completion"), timeout=10000)
    certificate = paper(bus, tmp_path, code, "completion")
    assert "维修完工证明" in "\n".join(certificate.texts)
    assert "温控器（SN-TC-1）" in "\n".join(certificate.texts)
    words = "\n".join(certificate.texts)
    assert "￥80.00" in words and "210 V" in words and "完工时间" in words
    assert "付款方式" in words and "￥30.00" in words and "￥50.00" in words

    for _step in (8, 9):
        tick_current_step(qtbot, shop, photo)
    qtbot.waitUntil(lambda: desk.detail.status == "archived", timeout=5000)
    with bus.db.engine.connect() as conn:
        record = ticket_record(conn, code)
    waiver = record.state.state(*WAIVED).fact
    assert waiver.kind == "waived" and waiver.approved_by == MANAGER and waiver.actor == TECH
    assert record.state.current_step == 10 and record.completion_signed
