"""A barcode scan, from whatever widget has the focus on whichever page, goes to that page's own
box (the return box on the return page) or to the search — never into the focused field."""

from __future__ import annotations

from itertools import count

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

from tests.support.ui import sign_in

CODE = "R2611150100001"
OWN_BOX = {"returns": "box"}  # pages that take scans themselves, and their box


def steady_scanner_clock(router) -> None:
    """The scanner's keys 2 ms apart whatever the machine's load (the router reads this clock)."""
    ticks = count()
    router.clock = lambda: next(ticks) * 0.002


def something_focusable(page: QWidget) -> QWidget:
    """A widget a clerk may have left the focus in: a table, or a field that is not the box."""
    for kind in (QAbstractItemView, QLineEdit):
        for w in page.findChildren(kind):
            if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus \
                    and w is not getattr(page, "box", None):
                return w
    return page


def scan(qtbot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_scan_goes_to_the_page_s_own_box_or_the_search_from_every_page(qtbot, awake_app):
    sign_in(qtbot, awake_app, "9001", "9999")
    window = awake_app.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    lookup = window.page("lookup")
    steady_scanner_clock(lookup.scanner)
    for key in window.page_keys:
        window.show_page(key)
        page = window.current_page()
        qtbot.waitUntil(page.isVisible)
        lookup.box.clear()
        focus = something_focusable(page)
        focus.setFocus()
        QApplication.processEvents()
        before = focus.text() if isinstance(focus, QLineEdit) else None
        scans = lookup.scanner.scans
        scan(qtbot, QApplication.focusWidget() or focus, CODE)
        assert lookup.scanner.scans == scans + 1, key
        if isinstance(focus, QLineEdit):
            assert focus.text() == before, f"{key}: the scan went into {focus.objectName()}"
        if key in OWN_BOX:
            assert window.current_page() is page, key
            assert getattr(page, OWN_BOX[key]).text() == CODE, key
        else:
            assert window.current_page() is lookup, key
            assert lookup.box.text() == CODE, key


def test_typing_on_a_page_is_not_a_scan_and_reaches_the_field(qtbot, awake_app):
    sign_in(qtbot, awake_app, "9001", "9999")
    window = awake_app.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    lookup = window.page("lookup")
    ticks = count()
    lookup.scanner.clock = lambda: next(ticks) * 0.2  # 200 ms between keys: a person
    window.show_page("returns")
    returns = window.current_page()
    qtbot.waitUntil(returns.isVisible)
    returns.focus_box()
    qtbot.keyClicks(returns.box, "13800")
    assert returns.box.text() == "13800" and lookup.scanner.scans == 0


def test_no_scan_is_taken_behind_the_lock_screen(qtbot, awake_app):
    sign_in(qtbot, awake_app, "9001", "9999")
    window = awake_app.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    lookup = window.page("lookup")
    steady_scanner_clock(lookup.scanner)
    window.lock()
    scan(qtbot, window.login.pin_edit, CODE)
    assert lookup.scanner.scans == 0 and lookup.box.text() == ""
