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

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ui.context import AppContext
from ui.errors import error_text
from ui.i18n import LANGUAGES, current_language, install_language
from ui.sync.secrets import PasswordStore
from ui.widgets.naming import named

CHOICE, DEMO, NEW_STORE, JOIN, PRINTER = range(5)


class FirstRunWizard(QWizard):
    """`FirstRunWizard(ctx, home, passwords)`; `accepted` once a store and a printer are set.
    `path` says which way it went ("demo", "new", "join"); `admin_id` is the administrator a new
    store was made with (the login window is filled with it)."""

    sig_language_requested = Signal(str)

    def __init__(self, ctx: AppContext, home: Path, passwords: PasswordStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.firstrun.printer_page import PrinterPage
        from ui.firstrun.store_pages import DemoPage, JoinPage, NewStorePage

        self.ctx = ctx
        self.home = home
        self.passwords = passwords or PasswordStore()
        self.path = ""
        self.admin_id = ""
        self.working = False
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

    def busy(self, busy: bool) -> None:
        """While work runs no button may start more of it or leave half way."""
        self.working = busy
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton,
                      QWizard.WizardButton.BackButton):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)

    def reject(self) -> None:
        if not self.working:  # Escape included: work half done is never walked away from
            super().reject()

    def store_made(self, path: str, admin_id: str = "") -> None:
        """Cancelling after this keeps the store; the printer is then the file printer, as
        when none was chosen."""
        self.path, self.admin_id = path, admin_id

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Service Desk — first start"))


class Refused(Exception):
    """A refusal of the form itself (two PINs that differ), already in words."""


class WorkPage(QWizardPage):
    """A page whose Next/Commit/Finish runs work in the background: `validatePage` starts it and
    says no; when the work is done the page says yes and moves the wizard on."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.finished_ok = False
        self.running = False
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = named(QLabel(), "error")
        self.message.setWordWrap(True)

    def validatePage(self) -> bool:
        if self.finished_ok:
            return True
        if not self.running:
            try:
                self.start_work()
            except Exception as err:  # bad input, refused before any work
                self.show_error(err)
        return False

    def start_work(self) -> None:
        raise NotImplementedError

    def run(self, submit: Callable[..., Any], fn: Callable[..., Any], *args: Any,
            **kwargs: Any) -> None:
        """`submit` is ctx.runner.db or ctx.runner.io; the outcome arrives in `work_done`."""
        self.running = True
        self.say("hint", self.tr("Working…"))
        self.owner.busy(True)
        self.inputs_enabled(False)
        submit(fn, *args, done=self._finished, **kwargs)

    def _finished(self, value: Any, error: BaseException | None) -> None:
        self.running = False
        self.owner.busy(False)
        if error is not None:
            self.inputs_enabled(True)
            self.show_error(error)
            return
        self.message.clear()
        if self.work_done(value):
            self.finished_ok = True
            if self.owner.currentPage() is not self:
                return
            if self.isFinalPage():
                self.owner.accept()  # validates this page again: now it says yes
            else:
                self.owner.next()

    def work_done(self, value: Any) -> bool:
        """The work went well: record it; False when more work follows before moving on."""
        return True

    def show_error(self, error: BaseException) -> None:
        self.progress.setVisible(False)
        self.say("error", str(error) if isinstance(error, Refused) else error_text(error))

    def say(self, kind: str, text: str) -> None:
        """A hint or an error under the form (the style sheet colours them by object name)."""
        self.message.setObjectName(kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def show_progress(self, stage: str, done: int, total: int) -> None:
        self.progress.setVisible(True)
        self.progress.setRange(0, max(total, 0))  # 0, 0: a busy bar when the total is unknown
        self.progress.setValue(min(done, total) if total else 0)

    def inputs_enabled(self, enabled: bool) -> None:
        pass

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        pass


class ChoicePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.demo = named(QRadioButton(), "choiceDemo")
        self.new_store = named(QRadioButton(), "choiceNewStore")
        self.join = named(QRadioButton(), "choiceJoin")
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
                                      "(from head office IT). The store's data is copied here."))
        self.language_label.setText(self.tr("Language"))
