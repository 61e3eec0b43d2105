"""The compensation screen as at the counter, by keyboard alone: the rule has the focus when the
screen shows, Enter shows the decision, the manager's id and PIN, Enter on the confirm button,
the customer signs on the pad; the compensation slip's customer copy (words only) and store copy
(with the rule ids) come out of the file printer and show in print history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.printjobs import queue as q
from desk.returns import tables as returns_t
from printing.decode import decode
from tests.returns.seed import CLERK, CLERK_PIN, MANAGER, MANAGER_PIN, seed
from tests.support.pad import draw_with_mouse, wave
from tests.support.ui import sign_in


def seeded_home(home: Path) -> None:
    db = open_database(home / "desk.sqlite3")
    bus = CommandBus(db)
    initialise_counter(bus, store_id="S001", store_name="南京路百货", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999")
    seed(bus)
    db.dispose()


def signature_dialog():
    from ui.signatures.pad import SignatureDialog

    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, SignatureDialog) and w.isVisible()), None)


def type_into_focus(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def enter(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_a_compensation_by_keyboard_signed_and_printed(qtbot, tmp_path):
    from ui.app import DeskApp, parse_args

    seeded_home(tmp_path)
    app = DeskApp(parse_args(["--home", str(tmp_path)]))
    qtbot.addWidget(app.window)
    app.start()
    try:  # the clerk's keys are ASCII (QTest types no input method): the reason is English
        qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
        window = app.window
        sign_in(qtbot, app, CLERK, CLERK_PIN)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)
        # QTest types at machine speed, like a scanner: this test is about the keyboard
        window.page("lookup").scanner.enabled = False
        window.show_page("compensation")
        page = window.current_page()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.kind, timeout=5000)
        qtbot.keyClick(page.kind, Qt.Key.Key_Down)  # quality -> verified service complaint
        assert page.kind.currentData() == "service_complaint"
        qtbot.keyClick(page.kind, Qt.Key.Key_Tab)  # the receipt (none: a walk-in complaint)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # the line
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # what happened
        assert QApplication.focusWidget() is page.reason
        type_into_focus(qtbot, "Rude answer at the counter, verified")
        enter(qtbot)  # the decision: 500 CNY, above a clerk's goodwill: a manager approves
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.approver, timeout=5000)
        assert page.amount.text().endswith("¥500.00")
        type_into_focus(qtbot, MANAGER)
        enter(qtbot)
        assert QApplication.focusWidget() is page.pin
        type_into_focus(qtbot, MANAGER_PIN)
        qtbot.keyClick(page.pin, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is page.confirm
        enter(qtbot)  # Enter on the confirm button confirms: the pad opens
        qtbot.waitUntil(lambda: signature_dialog() is not None, timeout=5000)
        dialog = signature_dialog()
        draw_with_mouse(dialog.pad, wave(y0=dialog.pad.baseline_y() - 40))
        dialog.confirm()
        qtbot.waitUntil(lambda: "CP" in page.message.text(), timeout=10_000)  # its number
        with app.ctx.db.engine.connect() as conn:
            (row,) = conn.execute(select(returns_t.compensations)).all()
        assert (row.amount_fen, row.approved_by, row.signature_ref != "") == (50000, MANAGER,
                                                                               True)

        prints = tmp_path / "prints"
        qtbot.waitUntil(lambda: len(list(prints.glob("*.bin"))) == 2, timeout=15_000)
        papers = {}
        for path in sorted(prints.glob("*.bin")):
            paper = decode(path.read_bytes())
            papers["store" if any("门店联" in t for t in paper.texts) else "customer"] = paper
        customer, store = ("\n".join(papers[k].texts) for k in ("customer", "store"))
        for text in (customer, store):
            assert "补偿凭证" in text and row.compensation_id in text and "500.00" in text
            assert "服务投诉补偿" in text and "李店员" in text and "张经理" in text
        assert "comp.service_complaint" in store and "政策版本" in store  # for audit
        assert "comp." not in customer and "政策版本" not in customer  # words only
        typed = customer.replace(row.compensation_id, "").replace(row.reason, "")
        assert not any(c.isascii() and c.isalpha() for c in typed)  # no identifier, no English
        assert all(p.rasters for p in papers.values())  # the signature is on both
        # print history says what they are, in words
        kinds = sorted(j.document_kind for j in q.history(app.ctx.db,
                                                           reference=row.compensation_id))
        assert kinds == ["compensation_slip", "compensation_slip_store"]
        window.show_page("prints")
        history = window.current_page()
        history.refresh()
        qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=5000)
        shown = {history.model.index(r, 2).data() for r in range(2)}
        assert shown == {"补偿凭证（顾客联）", "补偿凭证（门店联）"}  # the app speaks Chinese
    finally:
        app.shutdown()
        if app.ctx is not None:
            app.ctx.db.dispose()
