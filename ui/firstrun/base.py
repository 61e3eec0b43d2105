"""What the first-run wizard's pages stand on (ui/firstrun/wizard.py puts them together): the
page ids, the wizard's shared state, and a page whose button runs work in the background."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget, QWizard, QWizardPage

from ui.context import AppContext
from ui.errors import error_text
from ui.sync.secrets import PasswordStore
from ui.widgets.naming import named

CHOICE, DEMO, NEW_STORE, JOIN, PRINTER = range(5)


class SetupWizard(QWizard):
    """What the pages share: the app's context, the data directory, the password store, which
    way the wizard went (`path`: "demo", "new", "join") and the administrator a new store was
    made with (`admin_id`: the login window is filled with it)."""

    sig_language_requested = Signal(str)

    def __init__(self, ctx: AppContext, home: Path, passwords: PasswordStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.home = home
        self.passwords = passwords or PasswordStore()
        self.path = ""
        self.admin_id = ""
        self.working = False

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


class Refused(Exception):
    """A refusal of the form itself (two PINs that differ), already in words."""


class WorkPage(QWizardPage):
    """A page whose Next/Commit/Finish runs work in the background: `validatePage` starts it and
    says no; when the work is done the page says yes and moves the wizard on."""

    def __init__(self, wizard: SetupWizard) -> None:
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
        # translate() with this class's context: self.tr() would look in the subclass's
        self.say("hint", QCoreApplication.translate("WorkPage", "Working…"))
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
