"""The main window: sign-in/lock screen, then the workspace of the staff member's role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext

if TYPE_CHECKING:  # the core is imported on the database worker, not at start-up
    from desk.catalog.queries import CounterInfo
    from desk.staff.commands import SignedIn
from ui.i18n import LANGUAGES
from ui.idle import IdleWatcher
from ui.login.login_page import LoginPage
from ui.roles import area_name
from ui.shortcuts import keys_for
from ui.status_bar import DeskStatusBar
from ui.widgets.naming import named

translate = QCoreApplication.translate
NAV_MIN_WIDTH, NAV_MAX_WIDTH = 230, 380


def scrolling(page: QWidget) -> QScrollArea:
    """A page in a scroller of its own: a tall page scrolls instead of making the window taller
    than a 768-pixel counter monitor (the stack is as tall as its tallest page)."""
    scroller = QScrollArea()
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setWidget(page)
    return scroller


@dataclass(frozen=True)
class PageSpec:
    area: str  # counter, workshop, manager, admin, help
    key: str
    title: Callable[[], str]
    widget: str  # "module:Class", constructed with (ctx); imported at sign-in, not at start-up

    def build(self, ctx: AppContext) -> QWidget:
        module, _, name = self.widget.partition(":")
        page: QWidget = getattr(import_module(module), name)(ctx)
        return page


# The navigation, in order. A role sees the pages of its areas (desk.staff.roles.AREAS_BY_ROLE).
PAGES: list[PageSpec] = [
    PageSpec("counter", "lookup", lambda: translate("pages", "Search"),
             "ui.lookup.page:LookupPage"),
    PageSpec("counter", "returns", lambda: translate("pages", "Returns"),
             "ui.returns.page:ReturnPage"),
    PageSpec("counter", "compensation", lambda: translate("pages", "Compensation"),
             "ui.returns.compensation_page:CompensationPage"),
    PageSpec("counter", "repair_intake", lambda: translate("pages", "Repair intake"),
             "ui.repairs.intake_page:IntakePage"),
    PageSpec("counter", "repair_ticket", lambda: translate("pages", "Repair ticket"),
             "ui.repairs.ticket_page:TicketPage"),
    PageSpec("counter", "repair_follow_up", lambda: translate("pages", "Follow-up calls"),
             "ui.repairs.follow_up_page:FollowUpPage"),
    PageSpec("counter", "receipts", lambda: translate("pages", "Latest receipts"),
             "ui.pages.lists:RecentReceiptsPage"),
    PageSpec("counter", "prints", lambda: translate("pages", "Print history"),
             "ui.printing.history_page:PrintHistoryPage"),
    PageSpec("workshop", "tickets", lambda: translate("pages", "Workshop"),
             "ui.repairs.workshop_page:WorkshopPage"),
    PageSpec("manager", "staff", lambda: translate("pages", "Staff"), "ui.pages.lists:StaffPage"),
    PageSpec("manager", "repair_escalations", lambda: translate("pages", "Repairs out of time"),
             "ui.repairs.escalations_page:EscalationsPage"),
    PageSpec("manager", "pending", lambda: translate("pages", "Waiting for head office"),
             "ui.returns.pending:PendingCasesPage"),
    PageSpec("manager", "conflicts", lambda: translate("pages", "Sync conflicts"),
             "ui.sync.conflicts_page:ConflictsPage"),
    PageSpec("manager", "closure", lambda: translate("pages", "Daily closure"),
             "ui.closure.page:ClosurePage"),
    PageSpec("manager", "journal", lambda: translate("pages", "Journal"),
             "ui.journal.page:JournalPage"),
    PageSpec("help", "help", lambda: translate("pages", "Keyboard shortcuts"),
             "ui.help_page:HelpPage"),
]


class MainWindow(QMainWindow):
    sig_language_requested = Signal(str)
    sig_page_built = Signal(str, object)  # page key, widget: the app wires services into pages

    def __init__(self, idle_lock_ms: int = 5 * 60 * 1000) -> None:
        super().__init__()
        self.ctx: AppContext | None = None
        self.counter: CounterInfo | None = None
        self.login = LoginPage()
        self.workspace = named(QWidget(), "workspace")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)
        self.status = DeskStatusBar()
        self.setStatusBar(self.status)
        self._build_workspace()
        self.idle = IdleWatcher(idle_lock_ms, self)
        self.idle.sig_idle.connect(self.lock)
        self.login.sig_signed_in.connect(self.enter_workspace)
        self._bind_shortcuts()
        self.resize(1280, 800)  # only until show_as_last_time(): maximised, or as it was left
        self.window_settings: QSettings | None = None
        self._built: list[QWidget] = []  # the pages, in navigation order (each in its scroller)
        self.retranslate()

    def show_as_last_time(self, settings: QSettings) -> None:
        """Open maximised (a counter's monitor is often 1366x768: nothing may fall off it), or
        with the geometry the window had when it was last closed on this counter."""
        self.window_settings = settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry) \
                and settings.value("window/maximized", "true") in (False, "false"):
            self.show()
        else:
            self.showMaximized()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only a person closing the window (its close button, Alt+F4) is asked; the app's own
        # close (shutdown, tests) never waits on a question nobody sees.
        if event.spontaneous() and not self.may_close():
            event.ignore()  # the clerk goes back to the case
            return
        if self.window_settings is not None:
            self.window_settings.setValue("window/geometry", self.saveGeometry())
            self.window_settings.setValue("window/maximized", self.isMaximized())
            self.window_settings.sync()
        super().closeEvent(event)

    def cases_in_progress(self) -> list[str]:
        """The titles of the pages with a case on screen that is not recorded yet."""
        out = []
        for row, page in enumerate(self._built):
            busy = getattr(page, "case_in_progress", None)
            if busy is not None and busy():
                out.append(self.nav.item(row).text())
        return out

    def may_close(self) -> bool:
        """No case on screen, or the clerk says to close anyway."""
        return not self.cases_in_progress() or self.ask_to_close()

    def ask_to_close(self) -> bool:
        """Closing mid-case asks first (tests replace this with their answer)."""
        answer = QMessageBox.question(
            self, self.tr("Close Service Desk"),
            self.tr("A case is on screen and not recorded yet (%1). Close anyway? Nothing of it "
                    "is kept.").replace("%1", ", ".join(self.cases_in_progress())),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # --- construction ----------------------------------------------------------------------------
    def _build_workspace(self) -> None:
        self.who = named(QLabel(), "who")
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.activated.connect(
            lambda i: self.sig_language_requested.emit(self.language.itemData(i))
        )
        self.lock_button = QPushButton()
        self.sign_out_button = QPushButton()
        self.lock_button.clicked.connect(self.lock)
        self.sign_out_button.clicked.connect(self.sign_out)
        top = QHBoxLayout()
        self.app_title = named(QLabel(), "appTitle")
        top.addWidget(self.app_title)
        top.addStretch(1)
        for w in (self.who, self.language, self.lock_button, self.sign_out_button):
            top.addWidget(w)
        self.nav = named(QListWidget(), "nav")
        self.nav.setFixedWidth(NAV_MIN_WIDTH)  # widened to its longest entry when filled
        self.pages = QStackedWidget()
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        outer = QVBoxLayout(self.workspace)
        outer.addLayout(top)
        outer.addLayout(body, 1)

    def _bind_shortcuts(self) -> None:
        def bind(action: str, handler: Callable[[], None]) -> None:
            keys = keys_for(action)
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(handler)

        bind("help", lambda: self.show_page("help"))
        bind("lock", self.lock)
        bind("sign_out", self.sign_out)
        bind("language", self.toggle_language)
        bind("refresh", self.refresh_current)
        bind("search", self.focus_search)
        bind("next_page", lambda: self._step_page(1))
        bind("previous_page", lambda: self._step_page(-1))
        bind("switch_page", self.switch_page)
        for n in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Alt+{n}"), self)
            shortcut.activated.connect(lambda n=n: self._go_to_row(n - 1))

    # --- life cycle ------------------------------------------------------------------------------
    def attach(self, ctx: AppContext, counter: CounterInfo) -> None:
        """The database is open."""
        self.ctx = ctx
        self.counter = counter
        self.status.set_counter(counter)
        self.login.attach(ctx, counter)
        self.retranslate()

    def enter_workspace(self, staff: SignedIn) -> None:
        assert self.ctx is not None
        same_person = self.ctx.session.staff_id == staff.staff_id
        self.ctx.session.staff_id = staff.staff_id
        self.ctx.session.name = staff.name
        self.ctx.session.role = staff.role
        self.ctx.session.areas = list(staff.areas)
        if not same_person or self.pages.count() == 0:
            self._build_pages(staff.areas)
        self.status.set_staff(staff)
        self.retranslate()
        self.stack.setCurrentWidget(self.workspace)
        self.idle.start()
        self.focus_search()

    def _build_pages(self, areas: tuple[str, ...]) -> None:
        assert self.ctx is not None
        self.nav.clear()
        while (old := self.pages.widget(0)) is not None:
            self.pages.removeWidget(old)
            old.deleteLater()
        self._page_keys: list[str] = []
        self._built = []
        for spec in PAGES:
            if spec.area in areas or spec.area == "help":
                page = spec.build(self.ctx)
                self._built.append(page)
                self.pages.addWidget(scrolling(page))
                offered = getattr(page, "sig_return_offered", None)  # the repair intake's
                if offered is not None:  # an exchange or return offered instead of a repair
                    offered.connect(self.hand_over_to_returns)
                late = getattr(page, "late_offer", None)  # the ticket's late pickup
                if late is not None:
                    late.sig_offered.connect(self.hand_over_to_compensation)
                self.sig_page_built.emit(spec.key, page)
                self._page_keys.append(spec.key)
                self.nav.addItem(QListWidgetItem())
        self._retranslate_nav()
        self.nav.setCurrentRow(0)
        self._route_scans()

    def _route_scans(self) -> None:
        """One scanner for the whole window: a scan goes to the shown page's own box when it has
        one (`scan_box()` / `take_scan(text)`: the return box, the ticket code), else to the
        search, from whatever widget had the focus."""
        lookup = self.page("lookup")
        scanner = getattr(lookup, "scanner", None)
        if scanner is not None:
            scanner.route_to(self.scan_target, self.deliver_scan)
        asked = getattr(lookup, "sig_return", None)
        if asked is not None and self.page("returns") is not None:
            asked.connect(self.start_return)

    def start_return(self, receipt_no: str) -> None:
        """"Return from this receipt" in the search: the return page, with the receipt loaded."""
        take = getattr(self.page("returns"), "take_scan", None)
        if take is not None:
            self.show_page("returns")
            take(receipt_no)

    def page(self, key: str) -> QWidget | None:
        keys = self.page_keys
        return self._built[keys.index(key)] if key in keys else None

    def current_page(self) -> QWidget | None:
        row = self.pages.currentIndex()
        return self._built[row] if 0 <= row < len(self._built) else None

    def scan_target(self) -> QWidget | None:
        if self.stack.currentWidget() is not self.workspace or not self.isVisible():
            return None  # locked or signed out: a scan is nobody's
        page = self.current_page()
        own = getattr(page, "scan_box", None)
        if own is not None:
            box: QWidget = own()
            return box
        lookup = self.page("lookup")
        return getattr(lookup, "box", None)

    def deliver_scan(self, text: str) -> None:
        page = self.current_page()
        take = getattr(page, "take_scan", None)
        if take is not None:
            take(text)
            return
        lookup = self.page("lookup")
        if lookup is not None and hasattr(lookup, "search_scanned"):
            self.show_page("lookup")
            lookup.search_scanned(text)

    def lock(self) -> None:
        if self.ctx is None or not self.ctx.session.signed_in:
            return
        self.idle.stop()
        self.login.lock(self.ctx.session.staff_id)
        self.stack.setCurrentWidget(self.login)

    def sign_out(self) -> None:
        if self.ctx is None:
            return
        self.idle.stop()
        self.ctx.session.staff_id = ""
        self.status.set_staff(None)
        self.login.reset()
        self.stack.setCurrentWidget(self.login)

    # --- navigation ------------------------------------------------------------------------------
    @property
    def page_keys(self) -> list[str]:
        """The keys of the signed-in role's pages, in navigation order."""
        return list(getattr(self, "_page_keys", []))

    def show_page(self, key: str) -> None:
        keys = getattr(self, "_page_keys", [])
        if key in keys and self.stack.currentWidget() is self.workspace:
            self.nav.setCurrentRow(keys.index(key))

    def hand_over_to_returns(self, receipt_no: str, why: str) -> None:
        """From the repair intake to the return counter, with the receipt and the reason."""
        start = getattr(self.page("returns"), "start_from_repair", None)
        if start is not None:
            start(receipt_no, why)
            self.show_page("returns")

    def hand_over_to_compensation(self, ticket_code: str) -> None:
        """From a late pickup on the ticket screen to the compensation screen (late repair)."""
        start = getattr(self.page("compensation"), "start_late_repair", None)
        if start is not None:
            start(ticket_code)
            self.show_page("compensation")

    def switch_page(self) -> None:
        """Ctrl+K: every page of the signed-in role by name, from the keyboard (pages past the
        ninth have no Alt+digit)."""
        if self.stack.currentWidget() is not self.workspace or not self.nav.count():
            return
        names = [self.nav.item(i).text() for i in range(self.nav.count())]
        chosen, ok = QInputDialog.getItem(self, self.tr("Go to page"), self.tr("Page"), names,
                                          self.nav.currentRow(), False)
        if ok and chosen in names:
            self._go_to_row(names.index(chosen))

    def _go_to_row(self, row: int) -> None:
        if 0 <= row < self.nav.count() and self.stack.currentWidget() is self.workspace:
            self.nav.setCurrentRow(row)

    def _step_page(self, step: int) -> None:
        if self.nav.count():
            self._go_to_row((self.nav.currentRow() + step) % self.nav.count())

    def refresh_current(self) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, "refresh"):
            page.refresh()

    def focus_search(self) -> None:
        """F2 and after every finished task: the search box, wherever it lives."""
        for i, page in enumerate(self._built):
            focus = getattr(page, "focus_search", None)
            if focus is not None:
                self.nav.setCurrentRow(i)
                focus()
                return

    def toggle_language(self) -> None:
        current = self.language.currentData()
        self.sig_language_requested.emit("en" if current == "zh_CN" else "zh_CN")

    def set_language_shown(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0:
            self.language.setCurrentIndex(index)

    # --- words -----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        store = self.counter.store_name if self.counter else ""
        self.setWindowTitle(self.tr("Service Desk") + (f" — {store}" if store else ""))
        self.app_title.setText(self.tr("Service Desk"))
        self.lock_button.setText(self.tr("Lock (%1)").replace("%1", keys_for("lock")))
        self.sign_out_button.setText(self.tr("Sign out"))
        if self.ctx is not None and self.ctx.session.signed_in:
            self.who.setText(self.ctx.session.name)
        self._retranslate_nav()

    def _retranslate_nav(self) -> None:
        keys = getattr(self, "_page_keys", [])
        titles = {spec.key: (spec.area, spec.title) for spec in PAGES}
        for row, key in enumerate(keys):
            area, title = titles[key]
            item = self.nav.item(row)
            if item is not None:
                item.setText(f"{row + 1}  {area_name(area)} · {title()}")
        self._fit_nav()

    def _fit_nav(self) -> None:
        """As wide as its longest entry in the language shown (English is longer), within
        limits that leave the page its room at 1366 px."""
        self.nav.ensurePolished()
        metrics = self.nav.fontMetrics()
        texts = [self.nav.item(i).text() for i in range(self.nav.count())]
        need = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        padding = 2 * self.nav.frameWidth() + 48  # item padding and the scroll bar's room
        self.nav.setFixedWidth(max(NAV_MIN_WIDTH, min(NAV_MAX_WIDTH, need + padding)))
