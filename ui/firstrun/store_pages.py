"""The three ways a counter gets its store: the demo, a new store, joining from the central
server. Each is a commit page of the first-run wizard (ui/firstrun/wizard.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWizard,
)

from desk.platform.errors import DeskError
from desk.sync import settings as central_settings
from ui.firstrun import work
from ui.firstrun.base import PRINTER, Refused, SetupWizard, WorkPage
from ui.tasks import Cancel, Progress
from ui.widgets.naming import named

# Offered first; any other IANA name can be typed (the core refuses one it does not know).
TIME_ZONES = ("Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei",
              "Asia/Singapore", "Asia/Tokyo", "Europe/Berlin", "America/New_York", "UTC")
PIN_PATTERN = r"\d{0,12}"


def pin_edit(name: str) -> QLineEdit:
    from PySide6.QtGui import QRegularExpressionValidator

    edit = named(QLineEdit(), name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setValidator(QRegularExpressionValidator(PIN_PATTERN))
    return edit


class DemoPage(WorkPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setCommitPage(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.stage = named(QLabel(), "hint")
        self.relay = Progress(parent=self)
        self.relay.changed.connect(self.show_progress)
        layout = QVBoxLayout(self)
        for w in (self.text, self.progress, self.stage, self.message):
            layout.addWidget(w)
        layout.addStretch(1)
        self.retranslate()

    def start_work(self) -> None:
        self.run(self.owner.ctx.runner.db, work.build_demo_store, self.owner.ctx.bus, self.relay)

    def show_progress(self, stage: str, done: int, total: int) -> None:
        super().show_progress(stage, done, total)
        words = {"setup": self.tr("The store and its staff"), "catalogue": self.tr("Products"),
                 "customers": self.tr("Customers"), "sales": self.tr("A year of sales"),
                 "tickets": self.tr("Repair tickets"),
                 "history": self.tr("Earlier repairs (imported)"),
                 "repairs": self.tr("Repairs worked through their checklists")}
        self.stage.setText(self.tr("{stage}: {done} of {total}").format(
            stage=words.get(stage, stage), done=done, total=total))

    def nextId(self) -> int:
        return PRINTER

    def work_done(self, value: Any) -> bool:
        self.owner.store_made("demo")
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("The demo store"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Build the demo store"))
        self.text.setText(self.tr("About 2 000 receipts, repair tickets and the demo staff are "
                                  "made up on this counter. It takes a few seconds."))


class NewStorePage(WorkPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setCommitPage(True)
        self.store_id = named(QLineEdit(), "storeId")
        self.store_id.setMaxLength(32)
        self.store_name = named(QLineEdit(), "storeName")
        self.counter_name = named(QLineEdit(), "counterName")
        self.timezone = named(QComboBox(), "timezone")
        self.timezone.setEditable(True)
        self.timezone.addItems(TIME_ZONES)
        self.admin_id = named(QLineEdit(), "adminId")
        self.admin_id.setMaxLength(32)
        self.admin_name = named(QLineEdit(), "adminName")
        self.admin_pin = pin_edit("adminPin")
        self.admin_pin_again = pin_edit("adminPinAgain")
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(8)]
        fields = (self.store_id, self.store_name, self.counter_name, self.timezone, self.admin_id,
                  self.admin_name, self.admin_pin, self.admin_pin_again)
        for label, field in zip(self.labels, fields, strict=True):
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.retranslate()

    def store(self) -> work.NewStore:
        return work.NewStore(
            store_id=self.store_id.text(), store_name=self.store_name.text(),
            counter_name=self.counter_name.text(), timezone=self.timezone.currentText(),
            admin_id=self.admin_id.text(), admin_name=self.admin_name.text(),
            admin_pin=self.admin_pin.text())

    def start_work(self) -> None:
        for field, edit in (("store_id", self.store_id), ("store_name", self.store_name),
                            ("device_name", self.counter_name), ("admin_id", self.admin_id),
                            ("admin_name", self.admin_name), ("pin", self.admin_pin)):
            if not edit.text().strip():
                edit.setFocus()
                raise DeskError("value.required", field=field)
        if self.admin_pin.text() != self.admin_pin_again.text():
            self.admin_pin_again.clear()
            self.admin_pin_again.setFocus()
            raise Refused(self.tr("The two PINs are not the same."))
        self.run(self.owner.ctx.runner.db, work.create_store, self.owner.ctx.bus, self.store())

    def nextId(self) -> int:
        return PRINTER

    def work_done(self, value: Any) -> bool:
        self.owner.store_made("new", self.admin_id.text().strip())
        return True

    def inputs_enabled(self, enabled: bool) -> None:
        for w in (self.store_id, self.store_name, self.counter_name, self.timezone,
                  self.admin_id, self.admin_name, self.admin_pin, self.admin_pin_again):
            w.setEnabled(enabled)

    def retranslate(self) -> None:
        self.setTitle(self.tr("A new store"))
        self.setSubTitle(self.tr("The first administrator signs in with this ID and PIN and then "
                                 "adds the other staff."))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create the store"))
        texts = (self.tr("Store code"), self.tr("Store name"), self.tr("This counter's name"),
                 self.tr("Time zone"), self.tr("Administrator's staff ID"),
                 self.tr("Administrator's name"), self.tr("PIN"), self.tr("PIN again"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.store_id.setPlaceholderText(self.tr("e.g. S001"))
        self.counter_name.setPlaceholderText(self.tr("e.g. Counter 1"))
        self.admin_pin.setPlaceholderText(self.tr("digits"))


class JoinPage(WorkPage):
    """The store's credentials for the central server, then one sync round that pulls the store
    and registers this counter (on the I/O worker, like the app's own sync)."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setCommitPage(True)
        self.host = named(QLineEdit(), "centralHost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.dbname = named(QLineEdit("servicedesk"), "centralDatabase")
        self.user = named(QLineEdit(), "centralUser")
        self.password = named(QLineEdit(), "centralPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode = QComboBox()
        for mode in central_settings.SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData("prefer")))
        self.counter_name = named(QLineEdit(), "joinCounterName")
        self.remember = QCheckBox()
        self.remember.setChecked(True)
        self.stage = named(QLabel(), "hint")
        self.relay = Progress(parent=self)
        self.relay.changed.connect(self.show_progress)
        self.cancel = Cancel()
        self.joined = False  # the sync round worked; what is left is keeping the settings
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(7)]
        fields = (self.host, self.port, self.dbname, self.user, self.password, self.sslmode,
                  self.counter_name)
        for label, field in zip(self.labels, fields, strict=True):
            self.form.addRow(label, field)
        self.form.addRow("", self.remember)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        for w in (self.progress, self.stage, self.message):
            layout.addWidget(w)
        layout.addStretch(1)
        self.retranslate()

    def settings(self) -> central_settings.CentralSettings:
        return central_settings.CentralSettings(
            host=self.host.text().strip(), port=self.port.value(),
            dbname=self.dbname.text().strip(), user=self.user.text().strip(),
            sslmode=str(self.sslmode.currentData()))

    def start_work(self) -> None:
        s = self.settings()
        if self.joined:
            self.run(self.owner.ctx.runner.db, work.save_central, self.owner.ctx.bus, s)
            return
        s.validate()  # in words before any connection is tried
        if not self.counter_name.text().strip():
            self.counter_name.setFocus()
            raise DeskError("value.required", field="device_name")
        self.run(self.owner.ctx.runner.io, work.join_store, self.owner.ctx.db, s,
                 self.password.text(), self.counter_name.text(), self.relay, self.cancel)

    def show_progress(self, stage: str, done: int, total: int) -> None:
        super().show_progress(stage, done, total)
        words = {"push": self.tr("Sending this counter's events: {n}"),
                 "pull": self.tr("Receiving the store's events: {n}")}
        self.stage.setText(words.get(stage, "{n}").format(n=done))

    def nextId(self) -> int:
        return PRINTER

    def work_done(self, value: Any) -> bool:
        if self.joined:
            return True
        self.joined = True
        s = self.settings()
        wizard = self.owner
        wizard.store_made("join")
        wizard.ctx.runner.io(wizard.passwords.set, s.keyring_user(), self.password.text(),
                             self.remember.isChecked())
        # The connection that worked is kept, so the app's background sync goes on from here.
        self.run(wizard.ctx.runner.db, work.save_central, wizard.ctx.bus, s)
        return False

    def inputs_enabled(self, enabled: bool) -> None:
        for w in (self.host, self.port, self.dbname, self.user, self.password, self.sslmode,
                  self.counter_name, self.remember):
            w.setEnabled(enabled)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Join a store from the central server"))
        self.setSubTitle(self.tr("Head office IT gives you the server's address and the store's "
                                 "user and password."))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Connect and join"))
        texts = (self.tr("Server"), self.tr("Port"), self.tr("Database"),
                 self.tr("User (the store's role)"), self.tr("Password"), self.tr("TLS"),
                 self.tr("This counter's name"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.remember.setText(self.tr("Remember the password in the system keyring"))
        self.counter_name.setPlaceholderText(self.tr("e.g. Counter 2"))
