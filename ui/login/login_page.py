"""Sign-in and lock screen: staff id + PIN, keyboard only. On a demo database the demo staff and
their PINs are listed, so anyone can try the app."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.staff.commands import LogIn
from ui.context import AppContext

if TYPE_CHECKING:
    from desk.catalog.queries import CounterInfo
from ui.errors import error_text
from ui.roles import role_name
from ui.widgets.naming import named


class LoginPage(QWidget):
    sig_signed_in = Signal(object)  # the LogIn result: a desk.staff.commands.SignedIn

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self._demo_logins: list[dict[str, Any]] = []
        self._locked_staff = ""
        self._build()
        self.set_busy(True)
        self.retranslate()

    def _build(self) -> None:
        self.card = named(QFrame(), "loginCard")
        self.title = named(QLabel(), "loginTitle")
        self.subtitle = named(QLabel(), "loginSubtitle")
        self.staff_edit = named(QLineEdit(), "staffId")
        self.staff_edit.setMaxLength(32)
        self.pin_edit = named(QLineEdit(), "pin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setValidator(QRegularExpressionValidator(r"\d{0,12}"))
        self.staff_label, self.pin_label = QLabel(), QLabel()
        self.sign_in = named(QPushButton(), "primary")
        self.sign_in.setDefault(True)
        self.message = named(QLabel(), "error")
        self.message.setWordWrap(True)
        self.demo_title = named(QLabel(), "demoTitle")
        self.demo_table = QTableWidget(0, 4)
        self.demo_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.demo_table.verticalHeader().hide()
        self.demo_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.demo_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.demo_table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        form = QFormLayout()
        form.addRow(self.staff_label, self.staff_edit)
        form.addRow(self.pin_label, self.pin_edit)
        inner = QVBoxLayout(self.card)
        for w in (self.title, self.subtitle):
            inner.addWidget(w)
        inner.addLayout(form)
        inner.addWidget(self.sign_in)
        inner.addWidget(self.message)
        inner.addWidget(self.demo_title)
        inner.addWidget(self.demo_table)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.card.setMinimumWidth(520)
        self.staff_edit.returnPressed.connect(self.pin_edit.setFocus)
        self.pin_edit.returnPressed.connect(self.submit)
        self.sign_in.clicked.connect(self.submit)

    # --- state ---------------------------------------------------------------------------------
    def attach(self, ctx: AppContext, counter: CounterInfo) -> None:
        """The database is open: enable sign-in and show the counter and any demo logins."""
        self.ctx = ctx
        self._counter = counter
        self._demo_logins = json.loads(counter.demo_logins or "[]")
        self.set_busy(False)
        self.retranslate()
        self._fill_demo_table()
        self.staff_edit.setFocus()

    def suggest(self, staff_id: str) -> None:
        """Fill in who is expected to sign in first (the administrator a new store was made
        with); the PIN is theirs to type."""
        self.staff_edit.setText(staff_id)
        self.pin_edit.setFocus()

    def show_fatal(self, text: str) -> None:
        self.set_busy(True)
        self.message.setText(text)

    def set_busy(self, busy: bool) -> None:
        for w in (self.staff_edit, self.pin_edit, self.sign_in):
            w.setEnabled(not busy)

    def lock(self, staff_id: str) -> None:
        """Idle lock: the same person (or a manager) signs back in; the PIN field is cleared."""
        self._locked_staff = staff_id
        self.staff_edit.setText(staff_id)
        self.pin_edit.clear()
        self.message.clear()
        self.retranslate()
        self.pin_edit.setFocus()

    def reset(self) -> None:
        self._locked_staff = ""
        self.staff_edit.clear()
        self.pin_edit.clear()
        self.message.clear()
        self.retranslate()
        self.staff_edit.setFocus()

    def submit(self) -> None:
        if self.ctx is None or not self.sign_in.isEnabled():
            return
        staff_id, pin = self.staff_edit.text().strip(), self.pin_edit.text()
        if not staff_id:
            self.staff_edit.setFocus()
            return
        if not pin:
            self.pin_edit.setFocus()
            return
        self.set_busy(True)
        self.message.setText(self.tr("Checking…"))
        self.ctx.run_command(LogIn(staff_id=staff_id, pin=pin), self._finished, actor=staff_id)

    def _finished(self, value: Any, error: BaseException | None) -> None:
        self.set_busy(False)
        self.pin_edit.clear()
        if error is not None:
            self.message.setText(error_text(error))
            self.pin_edit.setFocus()
            return
        self.message.clear()
        self.sig_signed_in.emit(value)

    # --- words ---------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        counter: CounterInfo | None = getattr(self, "_counter", None)
        self.title.setText(self.tr("Service Desk"))
        if self._locked_staff:
            self.subtitle.setText(self.tr("Locked. Enter your PIN to continue."))
        elif counter:
            self.subtitle.setText(f"{counter.store_name} · {counter.device_name}")
        else:
            self.subtitle.setText(self.tr("Opening the database…"))
        self.staff_label.setText(self.tr("Staff ID"))
        self.pin_label.setText(self.tr("PIN"))
        self.staff_edit.setPlaceholderText(self.tr("e.g. 1001"))
        self.pin_edit.setPlaceholderText(self.tr("digits"))
        self.sign_in.setText(self.tr("Sign in (Enter)"))
        self.demo_title.setText(self.tr("Demo store — sign in as any of these:"))
        self.demo_table.setHorizontalHeaderLabels(
            [self.tr("Staff ID"), self.tr("Name"), self.tr("Role"), self.tr("PIN")])
        self._fill_demo_table()

    def _fill_demo_table(self) -> None:
        shown = bool(self._demo_logins)
        self.demo_title.setVisible(shown)
        self.demo_table.setVisible(shown)
        self.demo_table.setRowCount(len(self._demo_logins))
        for row, login in enumerate(self._demo_logins):
            values = (login["staff_id"], login["name"], role_name(login["role"]), login["pin"])
            for col, value in enumerate(values):
                self.demo_table.setItem(row, col, QTableWidgetItem(str(value)))
        self.demo_table.setFixedHeight(
            self.demo_table.horizontalHeader().height() + 4
            + sum(self.demo_table.rowHeight(r) for r in range(self.demo_table.rowCount())))
