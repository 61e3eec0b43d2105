"""End to end, as at the counter: sign in, scan a receipt, return a line above the signature
threshold, the customer signs on the pad, the customer's and the store's copy come out of the
(file/preview) printer with the signature — decoded back from the printed bytes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.platform.changes import SYNC_INITIATOR, Changed, Changes
from desk.printjobs import queue as q
from desk.returns import tables as returns_t
from desk.returns.commands import DecideHeadOffice
from desk.signatures import tables as signatures_t
from printing.decode import decode
from tests.returns.seed import CLERK, CLERK_PIN, sale, seed
from tests.support.head_office import HQ_ADMIN, journal_events
from tests.support.journal import journal_facts
from tests.support.pad import draw_with_mouse, wave
from tests.support.signing import signed
from tests.support.ui import sign_in


def seeded_home(home: Path) -> None:
    db = open_database(home / "desk.sqlite3")
    bus = CommandBus(db)
    initialise_counter(bus, store_id="S001", store_name="南京路百货", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999")
    seed(bus)
    sale(bus, "R2611150100001", [("P000002", 1)])  # a down jacket, 899 CNY: the customer signs
    db.dispose()


def signature_dialog():
    from ui.signatures.pad import SignatureDialog

    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, SignatureDialog) and w.isVisible()), None)


def test_scan_return_sign_and_print(qtbot, tmp_path):
    from ui.app import DeskApp, parse_args

    seeded_home(tmp_path)
    app = DeskApp(parse_args(["--home", str(tmp_path)]))
    qtbot.addWidget(app.window)
    app.start()
    try:
        qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
        window = app.window
        sign_in(qtbot, app, CLERK, CLERK_PIN)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)
        window.show_page("returns")
        page = window.current_page()
        page.focus_box()
        qtbot.keyClicks(page.box, "R2611150100001", delay=1)
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.state == "select", timeout=5000)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the decision
        qtbot.waitUntil(lambda: page.state == "review", timeout=5000)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # confirm -> the pad
        qtbot.waitUntil(lambda: signature_dialog() is not None, timeout=5000)
        dialog = signature_dialog()
        draw_with_mouse(dialog.pad, wave(y0=dialog.pad.baseline_y() - 40))
        dialog.confirm()
        qtbot.waitUntil(lambda: page.state == "done", timeout=10_000)

        with app.ctx.db.engine.connect() as conn:
            (ret,) = conn.execute(select(returns_t.returns)).all()
            (sig,) = conn.execute(select(signatures_t.signatures)).all()
        assert ret.signature_ref == sig.signature_id and ret.refund_fen == 89900

        prints = tmp_path / "prints"
        qtbot.waitUntil(lambda: len(list(prints.glob("*.bin"))) == 2
                        and len(list(prints.glob("*.png"))) == 2, timeout=15_000)
        papers = [decode(p.read_bytes()) for p in sorted(prints.glob("*.bin"))]
        texts = ["\n".join(paper.texts) for paper in papers]
        assert all(ret.return_id in text and "899.00" in text for text in texts), texts
        assert any("顾客联" in text for text in texts) and any("门店联" in text for text in texts)
        assert all(paper.rasters and paper.cuts for paper in papers)  # the signature, the cut
        # the preview of the paper (written just after each job's bytes)
        qtbot.waitUntil(lambda: len(list(prints.glob("*.png"))) == 2, timeout=5000)
    finally:
        app.shutdown()
        if app.ctx is not None:
            app.ctx.db.dispose()


def test_print_history_shows_the_paper_and_reprints_a_copy(qtbot, tmp_path):
    from ui.app import DeskApp, parse_args

    seeded_home(tmp_path)
    db = open_database(tmp_path / "desk.sqlite3")
    bus = CommandBus(db)
    from desk.returns.commands import RecordReturn, ReturnLineInput

    result = bus.dispatch(signed(bus, RecordReturn(receipt_no="R2611150100001",
                                                   lines=[ReturnLineInput(line_no=1, qty=1)])),
                          CLERK).value
    db.dispose()
    app = DeskApp(parse_args(["--home", str(tmp_path)]))
    qtbot.addWidget(app.window)
    app.start()
    try:
        qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
        window = app.window
        sign_in(qtbot, app, CLERK, CLERK_PIN)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)
        app.printer.print_return(result["return_id"], CLERK)
        prints = tmp_path / "prints"
        qtbot.waitUntil(lambda: len(list(prints.glob("*.bin"))) == 2, timeout=15_000)
        window.show_page("prints")
        page = window.current_page()
        page.refresh()
        qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
        page.view.selectRow(0)
        qtbot.waitUntil(lambda: page.preview.isVisible() and page.selected() is not None,
                        timeout=5000)
        page.reprint()
        qtbot.waitUntil(lambda: len(list(prints.glob("*.bin"))) == 3, timeout=15_000)
        newest = max(prints.glob("*.bin"), key=lambda p: p.stat().st_mtime_ns)
        assert any("副本" in line for line in decode(newest.read_bytes()).texts)
        # the queueing and the reprint went through the bus: the journal says who did what
        facts = [(k, a) for k, a, _ in journal_facts(app.ctx.db, "print.")]
        assert facts == [("print.queued", CLERK), ("print.queued", CLERK),
                         ("print.reprinted", CLERK)]
    finally:
        app.shutdown()
        if app.ctx is not None:
            app.ctx.db.dispose()


def test_a_pending_case_prints_a_pending_slip_then_the_receipt_when_head_office_approves(
        qtbot, tmp_path, clock):
    """Above the manager's limit: the customer's slip says nothing was refunded yet; the refund
    receipt prints on this counter only when head office's approval arrives (as sync brings it),
    and only once."""
    from desk.returns.commands import RecordReturn, ReturnLineInput
    from tests.returns.seed import MANAGER
    from tests.support.head_office import HeadOffice
    from ui.app import DeskApp, parse_args

    seeded_home(tmp_path)
    db = open_database(tmp_path / "desk.sqlite3")
    bus = CommandBus(db)
    today = datetime.now().strftime("%Y-%m-%dT%H:%M:%S")  # the app runs on the real clock
    sale(bus, "R2611150100009", [("P000007", 1)], sold_at=today)  # 12 999 CNY: head office
    case = bus.dispatch(signed(bus, RecordReturn(receipt_no="R2611150100009",
                                                 lines=[ReturnLineInput(1, 1)])),
                        MANAGER).value["return_id"]
    db.dispose()
    app = DeskApp(parse_args(["--home", str(tmp_path)]))
    qtbot.addWidget(app.window)
    app.start()
    prints = tmp_path / "prints"
    try:
        qtbot.waitUntil(lambda: app.ctx is not None and app.printer is not None, timeout=10_000)
        app.printer.print_return(case, MANAGER)
        qtbot.waitUntil(lambda: len(list(prints.glob("*.bin"))) == 2, timeout=15_000)
        slips = ["\n".join(decode(p.read_bytes()).texts) for p in sorted(prints.glob("*.bin"))]
        assert all("待审批" in s and "尚未退款" in s and "退款合计" not in s for s in slips)
        hq = HeadOffice(app.ctx.db, clock)
        hq.pull()
        hq.bus.dispatch(DecideHeadOffice(case_id=case, decision="approved"), HQ_ADMIN)
        # the approval arrives as sync applies it, and the screens are told
        from desk.sync.engine import apply_pulled

        mine = [e for e in journal_events(hq.db) if e.device_id == hq.db.device_id]
        app.ctx.runner.db(apply_pulled, app.ctx.db, mine, None).result(timeout=10)
        app.ctx.hub.changed.emit(Changes(frozenset({Changed.APPROVALS}), SYNC_INITIATOR))
        qtbot.waitUntil(lambda: len(list(prints.glob("*.bin"))) == 4, timeout=15_000)
        newest = sorted(prints.glob("*.bin"), key=lambda p: p.stat().st_mtime_ns)[-2:]
        receipts = ["\n".join(decode(p.read_bytes()).texts) for p in newest]
        assert all("退款合计" in r and "退货凭证" in r for r in receipts)
        app.printer.print_decided_cases()  # told again: nothing is queued twice
        app.ctx.runner.db(lambda: None).result(timeout=10)  # the worker ran it
        kinds = sorted(j.document_kind for j in q.history(app.ctx.db, reference=case))
        assert kinds == ["return_pending", "return_pending_store", "return_receipt",
                         "return_receipt_store"]
        hq.db.dispose()
    finally:
        app.shutdown()
        if app.ctx is not None:
            app.ctx.db.dispose()
