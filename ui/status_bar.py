"""The status bar: counter, signed-in staff, connection and print queue at a glance.

The connection and printer sections show what their services report; until a service is wired
(sync settings, a printer) they say so plainly instead of pretending."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ui.roles import role_name
from ui.widgets.naming import named

if TYPE_CHECKING:
    from desk.catalog.queries import CounterInfo
    from desk.staff.commands import SignedIn


class DeskStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = named(QLabel(), "statusCounter")
        self.staff = named(QLabel(), "statusStaff")
        self.connection = named(QLabel(), "statusConnection")
        self.printer = named(QLabel(), "statusPrinter")
        for label in (self.counter, self.staff):
            self.addWidget(label)
        self.addPermanentWidget(self.connection)
        self.addPermanentWidget(self.printer)
        self._counter: CounterInfo | None = None
        self._staff: SignedIn | None = None
        self.retranslate()

    def set_counter(self, counter: CounterInfo) -> None:
        self._counter = counter
        self.retranslate()

    def set_staff(self, staff: SignedIn | None) -> None:
        self._staff = staff
        self.retranslate()

    def replace_section(self, name: str, widget: QWidget) -> None:
        """Services put their own live widget in place of the default label."""
        old = getattr(self, name)
        self.removeWidget(old)
        old.hide()
        self.addPermanentWidget(widget)
        setattr(self, name, widget)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        c = self._counter
        self.counter.setText(f"{c.store_name} · {c.device_name}" if c else "")
        s = self._staff
        self.staff.setText(f"{s.name} ({role_name(s.role)})" if s else self.tr("Signed out"))
        if (
            isinstance(self.connection, QLabel)
            and self.connection.objectName() == "statusConnection"
        ):
            self.connection.setText(self.tr("Central: not configured (working offline)"))
        if isinstance(self.printer, QLabel) and self.printer.objectName() == "statusPrinter":
            self.printer.setText(self.tr("Printer: not configured"))
