"""The counter's one search box, its ranked results and the detail views.

- Typing searches after a short pause; Enter searches at once (or opens the chosen hit);
  a scan (ui.lookup.scanner) searches at once and an exact hit opens directly.
- Searches run on the database worker (ctx.query). Only one is in flight: a newer query sets the
  running one's cancel token and waits its turn; stale results are dropped by a generation count.
- Keys: Down goes from the box to the results, Enter opens, Esc goes back (detail -> results ->
  box), Tab walks through a detail's tables and links. `focus_search()` puts the caret back in
  the box with the text selected, ready for the next scan.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.lookup.detail_types import Detail
from desk.lookup.details import detail
from desk.lookup.search import Hit, Outcome, search
from desk.platform.changes import Changes
from desk.platform.errors import DeskError
from ui.context import AppContext
from ui.errors import error_text
from ui.lookup.details import CustomerView, DetailView, ProductView, ReceiptView, TicketView
from ui.lookup.results import HitsModel
from ui.lookup.scanner import ScannerRouter
from ui.lookup.words import reason_text
from ui.tasks import Cancel
from ui.widgets.naming import named

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

TYPING_PAUSE_MS = 250  # search this long after the last typed key
STYLE = """
QLineEdit#lookupBox { font-size: 22pt; padding: 8px 12px; border: 2px solid #1f6feb;
                      border-radius: 8px; }
QLabel#lookupHint { font-size: 13pt; color: #555; padding: 2px 4px; }
QLabel#lookupHint[problem="true"] { color: #b3261e; font-weight: bold; }
QLabel#lookupTitle { font-size: 20pt; font-weight: bold; padding: 6px 0; }
QLabel#lookupSection { font-size: 14pt; font-weight: bold; padding-top: 8px; }
QLabel#lookupFact { font-size: 13pt; }
QLabel#lookupStep { border: 2px solid #ccc; border-radius: 8px; font-size: 13pt; color: #888; }
QLabel#lookupStep[state="done"] { border-color: #2e7d32; color: #2e7d32; background: #e8f5e9; }
QLabel#lookupStep[state="current"] { border-color: #b35900; color: #b35900; font-weight: bold;
                                     background: #fff3e0; }
QPushButton#lookupLink { font-size: 13pt; padding: 6px 12px; }
QTableView#lookupResults { font-size: 14pt; }
"""


def failure_text(error: BaseException) -> str:
    """A refusal in words; anything unexpected in one short line (the details go to the log)."""
    if isinstance(error, DeskError):
        if error.code.startswith("lookup."):
            return reason_text(error.code, error.params)
        return error_text(error)
    log.error("lookup failed", exc_info=error)
    return translate("lookup", "The search failed (%1). Try again; if it keeps failing, "
                               "tell the manager.").replace("%1", type(error).__name__)


def scanner_gap_ms() -> int:
    """DESK_SCANNER_GAP_MS: the longest pause between a scanner's keys (default 35 ms; a slow
    scanner may need 50); 0 turns scan routing off."""
    try:
        return max(0, int(os.environ.get("DESK_SCANNER_GAP_MS", "35")))
    except ValueError:
        return 35


def search_and_open(conn: Any, text: str, cancel: Cancel) -> tuple[Outcome, Detail | None]:
    """Worker side: the search, and the detail of a single exact hit in the same trip."""
    outcome = search(conn, text, cancel=cancel)
    opened = outcome.open
    if opened is None or cancel.is_set():
        return outcome, None
    return outcome, detail(conn, opened.kind, opened.key)


def load_detail(conn: Any, kind: str, key: str) -> Detail:
    return detail(conn, kind, key)


class _BoxKeys(QObject):
    """Down from the box goes to the results."""

    def __init__(self, page: LookupPage) -> None:
        super().__init__(page)
        self.page = page

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Down and self.page.model.rowCount()):
            self.page.show_results(focus=True)
            return True
        return False


class LookupPage(QWidget):
    sig_open_receipt = Signal(str)
    sig_open_ticket = Signal(str)
    sig_open_customer = Signal(str)
    sig_open_product = Signal(str)
    sig_return = Signal(str)  # "take a return from this receipt": the window opens the return page
    sig_searched = Signal(object)  # the Outcome shown (tests, status bar)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 install_scanner: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setStyleSheet(STYLE)
        self.box = named(QLineEdit(), "lookupBox")
        self.box.setClearButtonEnabled(True)
        self.box.setMaxLength(10_000)
        self.hint = named(QLabel(), "lookupHint")
        self.hint.setWordWrap(True)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        self.back_button.hide()
        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.back_button)

        self.model = HitsModel(self)
        self.results = named(QTableView(), "lookupResults")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setTabKeyNavigation(False)
        self.results.verticalHeader().hide()
        self.results.verticalHeader().setDefaultSectionSize(40)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(False)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HitsModel.COLUMNS.index("title"),
                                    QHeaderView.ResizeMode.Stretch)
        self.results.activated.connect(self._open_index)

        self.views: dict[str, DetailView] = {
            "receipt": ReceiptView(), "customer": CustomerView(), "ticket": TicketView(),
            "product": ProductView(),
        }
        self.stack = QStackedWidget()
        self.stack.addWidget(self.results)
        self._pages: dict[str, QScrollArea] = {}  # each detail scrolls as a whole
        for kind, view in self.views.items():
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(view)
            self._pages[kind] = scroll
            self.stack.addWidget(scroll)
            view.sig_open.connect(self.open_detail)
            view.sig_return.connect(self.sig_return)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.stack, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(lambda: self.start_search(self.box.text()))
        self.box.textEdited.connect(lambda _text: self._typing.start())
        self.box.returnPressed.connect(self._on_enter)
        self.box.installEventFilter(_BoxKeys(self))
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.back)
        back = QShortcut(QKeySequence("Alt+Left"), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back)
        take_return = QShortcut(QKeySequence("Ctrl+R"), self)
        take_return.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        take_return.activated.connect(self._take_return)

        self.generation = 0  # bumped by every new search; stale answers are dropped
        self._detail_generation = 0
        self._running: Cancel | None = None
        self._queued: tuple[int, str, bool] | None = None
        self._last_text: str | None = None
        self.outcome: Outcome | None = None
        self.history: list[tuple[str, str]] = []  # details opened, for Esc / Alt+Left

        self.scanner = ScannerRouter(self.box, self, max_gap_ms=scanner_gap_ms())
        self.scanner.enabled = self.scanner.max_gap_ms > 0
        self.scanner.sig_scanned.connect(self.search_scanned)
        if install_scanner:
            self.scanner.install()
        ctx.hub.changed.connect(self._on_changed)
        self.retranslate()

    # --- public ----------------------------------------------------------------------------------
    def focus_search(self) -> None:
        """The caret in the box, its text selected: the next scan or typing replaces it."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def search_scanned(self, text: str) -> None:
        """A scanner burst: it replaces whatever was in the box and searches at once."""
        self.box.setText(text.strip())
        self.focus_search()
        self.start_search(text)

    def start_search(self, text: str, refresh: bool = False) -> None:
        """Search for text; `refresh` re-runs the listed search quietly (new facts arrived): the
        chosen row stays chosen and nothing opens by itself."""
        self._typing.stop()
        self.generation += 1
        self._last_text = text
        if self._running is not None:
            self._running.set()  # the older search stops at its next step
            self._queued = (self.generation, text, refresh)
            return
        self._run(self.generation, text, refresh)

    def open_detail(self, kind: str, key: str, data: Detail | None = None) -> None:
        self._detail_generation += 1
        generation = self._detail_generation
        if data is not None:
            self._show_detail(kind, key, data)
            return
        self.hint.setText(translate("lookup", "Opening…"))

        def done(result: Any, error: BaseException | None) -> None:
            if generation != self._detail_generation:
                return
            if error is not None:
                self._set_hint(failure_text(error), problem=True)
                return
            self._show_detail(kind, key, result)

        self.ctx.query(load_detail, kind, key, done=done)

    def back(self) -> None:
        """Esc: from a detail to the one before it, then to the results, then to the box."""
        if self.stack.currentWidget() is not self.results:
            if self.history:
                self.history.pop()
            if self.history:
                kind, key = self.history.pop()
                self.open_detail(kind, key)
                return
            self.show_results(focus=self.model.rowCount() > 0)
            if not self.model.rowCount():
                self.focus_search()
            return
        self.focus_search()

    def show_results(self, focus: bool = False) -> None:
        self.history.clear()
        self.stack.setCurrentWidget(self.results)
        self.back_button.hide()
        if focus and self.model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0, 0))
        if self.outcome is not None:
            self._describe(self.outcome)

    def _take_return(self) -> None:
        view = self.current_detail()
        button = getattr(view, "return_button", None)
        if button is not None and button.isEnabled():
            button.click()

    def current_detail(self) -> DetailView | None:
        widget = self.stack.currentWidget()
        if isinstance(widget, QScrollArea) and isinstance(widget.widget(), DetailView):
            return widget.widget()  # type: ignore[return-value]
        return None

    # --- searching -------------------------------------------------------------------------------
    def _run(self, generation: int, text: str, refresh: bool = False) -> None:
        token = Cancel()
        self._running = token
        if not refresh:
            self._set_hint(translate("lookup", "Searching…"))

        def done(result: Any, error: BaseException | None) -> None:
            self._running = None
            if self._queued is not None:
                queued, self._queued = self._queued, None
                self._run(*queued)
            if generation != self.generation:
                return  # superseded: a newer search is on its way
            if error is not None:
                self._set_hint(failure_text(error), problem=True)
                return
            outcome, opened = result
            if refresh:
                self._refresh_outcome(outcome)
            else:
                self._show_outcome(outcome, opened)

        self.ctx.query(search_and_open, text, token, done=done)

    def _show_outcome(self, outcome: Outcome, opened: Detail | None) -> None:
        self.outcome = outcome
        self.model.set_hits(outcome.hits, outcome.query.text)
        self.history.clear()
        hit = outcome.open
        if hit is not None and opened is not None:
            self.open_detail(hit.kind, hit.key, opened)
        else:
            self.show_results()
            if outcome.hits:
                self.results.setCurrentIndex(self.model.index(0, 0))
        self.sig_searched.emit(outcome)

    def _refresh_outcome(self, outcome: Outcome) -> None:
        if self.stack.currentWidget() is not self.results:
            return  # a detail was opened meanwhile
        index = self.results.currentIndex()
        chosen = self.model.hit(index.row()) if index.isValid() else None
        self.outcome = outcome
        self.model.set_hits(outcome.hits, outcome.query.text)
        rows = [(h.kind, h.key) for h in outcome.hits]
        if chosen is not None and (chosen.kind, chosen.key) in rows:
            self.results.setCurrentIndex(self.model.index(rows.index((chosen.kind, chosen.key)),
                                                          0))
        self._describe(outcome)

    def _describe(self, outcome: Outcome) -> None:
        if not outcome.hits:
            problem = outcome.reason not in (None, "lookup.empty")
            self._set_hint(reason_text(outcome.reason or "lookup.not_found", outcome.params),
                           problem=problem)
            return
        text = translate("lookup", "%1 found — ↓ to choose, Enter to open").replace(
            "%1", str(len(outcome.hits)))
        if outcome.more:
            text += translate("lookup", " (more exist: type more to narrow it down)")
        self._set_hint(text)

    def _set_hint(self, text: str, problem: bool = False) -> None:
        self.hint.setText(text)
        self.hint.setProperty("problem", problem)
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)

    def _on_enter(self) -> None:
        text = self.box.text()
        if (text == self._last_text and self._running is None and self.outcome is not None
                and self.model.rowCount() and self.stack.currentWidget() is self.results):
            index = self.results.currentIndex()
            self._open_index(index if index.isValid() else self.model.index(0, 0))
            return
        self.start_search(text)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            hit: Hit = self.model.hit(index.row())
            self.open_detail(hit.kind, hit.key)

    def _show_detail(self, kind: str, key: str, data: Detail) -> None:
        view = self.views[kind]
        view.show_data(data)
        if not self.history or self.history[-1] != (kind, key):
            self.history.append((kind, key))
        self.stack.setCurrentWidget(self._pages[kind])
        self.back_button.show()
        self._set_hint(translate("lookup", "Esc: back · Tab: next table · Enter: open the row"))
        if not self.box.hasFocus():
            view.first_focus().setFocus()
        {"receipt": self.sig_open_receipt, "ticket": self.sig_open_ticket,
         "customer": self.sig_open_customer, "product": self.sig_open_product}[kind].emit(key)

    def _on_changed(self, changes: Changes) -> None:
        """Something was recorded: what is on screen may have changed (a return, a ticket step)."""
        view = self.current_detail()
        if view is not None and view.key():
            kind, key = view.kind, view.key()
            self._detail_generation += 1
            generation = self._detail_generation

            def done(result: Any, error: BaseException | None) -> None:
                if generation == self._detail_generation and error is None:
                    view.show_data(result)

            self.ctx.query(load_detail, kind, key, done=done)
        elif (self.outcome is not None and self.outcome.hits and self._last_text
              and self._running is None and self.stack.currentWidget() is self.results):
            self.start_search(self._last_text, refresh=True)

    # --- words -----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.box.setPlaceholderText(translate(
            "lookup", "Scan or type: receipt, ticket, phone, member, barcode, serial, name"))
        self.back_button.setText(translate("lookup", "← Back (Esc)"))
        self.model.retranslate()
        if self.current_detail() is not None:
            self._set_hint(translate("lookup", "Esc: back · Tab: next table · Enter: open the row"))
        elif self.outcome is not None and self.stack.currentWidget() is self.results:
            self._describe(self.outcome)
        elif self.outcome is None:
            self._set_hint(reason_text("lookup.empty", {}))

    def closeEvent(self, event: Any) -> None:
        self.scanner.uninstall()
        super().closeEvent(event)
