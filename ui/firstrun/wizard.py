"""The first-run wizard: shown when the data directory has no store yet (ui/app.py decides).

    choose ──> demo store ───────┐
           ──> new store ────────┼──> printer ──> (the login window)
           ──> join from central ┘

The store pages are commit pages: once a store exists the wizard cannot go back (there is no
undoing it). Their work runs on the workers (ui/firstrun/work.py); the GUI thread only shows
progress and the outcome, errors in words. Cancelling before a store was made quits the app
with nothing set up.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desk.platform.errors import DeskError
from ui.context import AppContext
from ui.errors import error_text
from ui.firstrun.base import CHOICE, DEMO, JOIN, NEW_STORE, PRINTER, SetupWizard
from ui.firstrun.printer_page import PrinterPage
from ui.firstrun.store_pages import DemoPage, JoinPage, NewStorePage
from ui.i18n import LANGUAGES, current_language, install_language
from ui.sync.secrets import PasswordStore
from ui.widgets.naming import named

__all__ = ["CHOICE", "DEMO", "JOIN", "NEW_STORE", "PRINTER", "FirstRunWizard"]

class FirstRunWizard(SetupWizard):
    """`FirstRunWizard(ctx, home, passwords, parent)`; `accepted` once a store and a printer are
    set, `rejected` when cancelled (`path` is then "" unless a store was already made)."""

    def __init__(self, ctx: AppContext, home: Path, passwords: PasswordStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, home, passwords, parent)
        self.setObjectName("firstRun")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same look on every system
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.choice = ChoicePage(self)
        self.demo = DemoPage(self)
        self.new_store = NewStorePage(self)
        self.join = JoinPage(self)
        self.printer = PrinterPage(self)
        for key, page in ((CHOICE, self.choice), (DEMO, self.demo), (NEW_STORE, self.new_store),
                          (JOIN, self.join), (PRINTER, self.printer)):
            self.setPage(key, page)
        self.setStartId(CHOICE)
        self.resize(720, 560)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Service Desk — first start"))


class ChoicePage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.demo = named(QRadioButton(), "choiceDemo")
        self.new_store = named(QRadioButton(), "choiceNewStore")
        self.join = named(QRadioButton(), "choiceJoin")
        # Without the PostgreSQL driver (a pip install without the `central` extra) joining
        # cannot work: the choice is off and says why, rather than failing after the form.
        self.can_join = find_spec("psycopg") is not None
        self.join.setEnabled(self.can_join)
        self.demo.setChecked(True)
        self.group = QButtonGroup(self)
        self.notes: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        for button in (self.demo, self.new_store, self.join):
            self.group.addButton(button)
            note = named(QLabel(), "hint")
            note.setWordWrap(True)
            note.setIndent(24)
            self.notes.append(note)
            layout.addWidget(button)
            layout.addWidget(note)
        layout.addStretch(1)
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.activated.connect(self._switch_language)
        self.language_label = QLabel()
        row = QFormLayout()
        row.addRow(self.language_label, self.language)
        layout.addLayout(row)
        self.retranslate()

    def _switch_language(self, index: int) -> None:
        code = str(self.language.itemData(index))
        install_language(code)
        self.owner.sig_language_requested.emit(code)

    def nextId(self) -> int:
        if self.new_store.isChecked():
            return NEW_STORE
        if self.join.isChecked():
            return JOIN
        return DEMO

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to Service Desk"))
        self.intro.setText(self.tr("This counter has no store yet. What should it be?"))
        self.demo.setText(self.tr("A demo store, to try the app"))
        self.new_store.setText(self.tr("A new store (the first counter of a store)"))
        self.join.setText(self.tr("A counter of an existing store, from the central server"))
        self.notes[0].setText(self.tr("A year of made-up sales, repairs and staff; their PINs are "
                                      "shown at sign-in. Not for real customers."))
        self.notes[1].setText(self.tr("You give the store's code and name, its time zone and the "
                                      "first administrator, who then adds the staff."))
        self.notes[2].setText(self.tr("You need the store's credentials for the central server "
                                      "(from head office IT). The store's data is copied here.")
                              if self.can_join else error_text(DeskError("sync.driver_missing")))
        self.language_label.setText(self.tr("Language"))
