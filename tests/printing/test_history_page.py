"""Print history as a clerk reads it: document kinds in words, times as people write them,
columns uncut at 1366 px, and only the buttons that can act on the selected job enabled."""

from __future__ import annotations

import re
from datetime import datetime
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QApplication

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.printjobs import queue as q
from printing.documents import KINDS  # every kind the printing capability produces
from printing.escpos import encode
from printing.profiles import get_profile
from printing.samples import sample
from tests.returns.seed import CLERK, seed
from tests.support.words import CJK
from ui.context import AppContext
from ui.i18n import install_language
from ui.printing.history_page import PrintHistoryPage, document_name, when
from ui.tasks import TaskRunner


@pytest.fixture
def page(qtbot, bus):
    seed(bus)
    db = bus.db
    data = encode(sample("return_receipt"), get_profile("80mm-cn-qr-cut"))
    printed = q.enqueue(db, "return_receipt_store", data, reference="RT1")
    q.claim_next(db)
    q.mark_printed(db, printed)
    uncertain = q.enqueue(db, "return_receipt", data, reference="RT1")
    q.claim_next(db)
    q.recover_interrupted(db)
    q.enqueue(db, "intake_slip", data, reference="T2612010001")  # waiting
    runner = TaskRunner()
    ctx = AppContext(db, bus, runner)
    ctx.session.staff_id, ctx.session.role = CLERK, "clerk"
    widget = PrintHistoryPage(ctx)
    widget.printer = SimpleNamespace(profile="80mm-cn-qr-cut", worker=None)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 3, timeout=5000)
    assert {r.status for r in widget.model._rows} == {q.PRINTED, q.UNCERTAIN, q.QUEUED}
    widget.ids = {"printed": printed, "uncertain": uncertain}
    yield widget
    runner.shutdown(wait=True)


def buttons(page) -> dict[str, bool]:
    return {"reprint": page.reprint_button.isEnabled(),
            "printed": page.printed_button.isEnabled(),
            "again": page.again_button.isEnabled(), "cancel": page.cancel_button.isEnabled()}


def select(page, status: str) -> None:
    row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).status == status)
    page.view.selectRow(row)


def test_every_document_kind_has_words_in_both_languages(qapp):
    install_language("zh_CN")
    chinese = [document_name(k) for k in KINDS]
    install_language("en")
    english = [document_name(k) for k in KINDS]
    assert all(CJK.search(w) for w in chinese) and len(set(chinese)) == len(KINDS)
    assert all(w.isascii() and "_" not in w for w in english) and len(set(english)) == len(KINDS)


def test_times_read_as_people_write_them(qapp):
    ms = int(datetime(datetime.now().year, 12, 1, 14, 5).timestamp() * 1000)
    install_language("zh_CN")
    assert when(ms) == "12月1日 14:05"
    install_language("en")
    assert when(ms) == "1 Dec 14:05"
    assert when(int(datetime(2020, 3, 9, 8, 0).timestamp() * 1000)) == "9 Mar 2020 08:00"


def test_only_what_can_act_is_enabled(qtbot, page):
    assert buttons(page) == dict.fromkeys(("reprint", "printed", "again", "cancel"), False)
    select(page, q.PRINTED)  # a printed receipt: a copy can be made, it cannot be cancelled
    assert buttons(page) == {"reprint": True, "printed": False, "again": False, "cancel": False}
    select(page, q.UNCERTAIN)  # nobody knows whether it printed: say which, or cancel it
    assert buttons(page) == {"reprint": True, "printed": True, "again": True, "cancel": True}
    select(page, q.QUEUED)  # an intake slip waiting: no copy is rebuilt of it; cancel it
    assert buttons(page) == {"reprint": False, "printed": False, "again": False, "cancel": True}
    page.cancel_button.click()
    qtbot.waitUntil(lambda: any(page.model.row_at(i).status == q.CANCELLED
                                for i in range(page.model.rowCount())), timeout=5000)
    qtbot.waitUntil(lambda: not page.cancel_button.isEnabled(), timeout=5000)  # done: no more
    assert page.selected().status == q.CANCELLED


def test_words_and_uncut_columns_at_1366(qtbot, page):
    install_language("en")
    QApplication.processEvents()
    metrics = page.view.fontMetrics()
    for row in range(page.model.rowCount()):
        kind = page.model.index(row, 2).data()
        assert "_" not in kind and not CJK.search(kind), kind
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d\d:\d\d", page.model.index(row, 1).data())
        for column in range(page.model.columnCount()):
            text = page.model.index(row, column).data() or ""
            needed = metrics.horizontalAdvance(text)
            assert needed < page.view.columnWidth(column), (text, page.view.columnWidth(column))
    assert page.view.horizontalScrollBar().maximum() == 0  # all of it in view, nothing off
    select(page, q.PRINTED)
    qtbot.waitUntil(lambda: not page.preview.pixmap.isNull(), timeout=5000)
    viewport = page.preview.scroller.viewport().width()
    assert page.preview.image.pixmap().width() <= viewport  # the paper fits its pane
    assert "Return receipt (store)" in page.preview.caption.text()
