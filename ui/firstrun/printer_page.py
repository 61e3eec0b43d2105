"""The last page of the first-run wizard: which printer this counter uses.

A serial printer (the ports the machine lists, or one typed in), a network printer by address,
or the file printer (a PNG of the paper next to the bytes, for a counter without a printer yet).
"Check" asks the printer its state (DLE EOT), "Test page" prints one; both on an I/O worker.
Finish saves the choice as the audited `set_printer` command.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from desk.platform.errors import DeskError
from printing import printer_setup
from printing.status import PAPER_NEAR_END, PrinterStatus
from printing.transport.serial_port import BAUDS, FLOWS
from ui.errors import error_text
from ui.firstrun import work
from ui.firstrun.base import SetupWizard, WorkPage
from ui.widgets.naming import named

DEFAULT_PROFILE = "80mm-cn-qr-cut"


class PrinterPage(WorkPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.serial = named(QRadioButton(), "printerSerial")
        self.network = named(QRadioButton(), "printerNetwork")
        self.file = named(QRadioButton(), "printerFile")
        self.group = QButtonGroup(self)
        for button in (self.serial, self.network, self.file):
            self.group.addButton(button)
            button.toggled.connect(self._kind_changed)
        self.port = named(QComboBox(), "serialPort")
        self.port.setEditable(True)  # a port the system does not list (a pty, a renamed COM)
        self.refresh = QPushButton()
        self.refresh.clicked.connect(self.list_ports)
        self.baud = QComboBox()
        for baud in BAUDS:
            self.baud.addItem(str(baud), baud)
        self.baud.setCurrentIndex(self.baud.findData(9600))
        self.flow = QComboBox()
        for flow in FLOWS:
            self.flow.addItem(flow, flow)
        self.host = named(QLineEdit(), "printerHost")
        self.tcp_port = QSpinBox()
        self.tcp_port.setRange(1, 65535)
        self.tcp_port.setValue(9100)
        self.folder = named(QLineEdit(str(wizard.home / "prints")), "printerFolder")
        self.profile = named(QComboBox(), "printerProfile")
        self.check = named(QPushButton(), "checkPrinter")
        self.check.clicked.connect(self.ask_status)
        self.test = named(QPushButton(), "testPrint")
        self.test.clicked.connect(self.print_test)
        self.result = named(QLabel(), "printerResult")
        self.result.setWordWrap(True)
        self._build()
        self.file.setChecked(True)
        self.retranslate()

    def _build(self) -> None:
        port_row = QHBoxLayout()
        port_row.addWidget(self.port, 1)
        port_row.addWidget(self.refresh)
        self.serial_form = QFormLayout()
        self.labels = {k: QLabel() for k in ("port", "baud", "flow", "host", "tcp_port", "folder",
                                             "profile")}
        self.serial_form.addRow(self.labels["port"], port_row)
        self.serial_form.addRow(self.labels["baud"], self.baud)
        self.serial_form.addRow(self.labels["flow"], self.flow)
        self.network_form = QFormLayout()
        self.network_form.addRow(self.labels["host"], self.host)
        self.network_form.addRow(self.labels["tcp_port"], self.tcp_port)
        self.file_form = QFormLayout()
        self.file_form.addRow(self.labels["folder"], self.folder)
        common = QFormLayout()
        common.addRow(self.labels["profile"], self.profile)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check)
        buttons.addWidget(self.test)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for kind, form in ((self.serial, self.serial_form), (self.network, self.network_form),
                           (self.file, self.file_form)):
            layout.addWidget(kind)
            layout.addLayout(form)
        layout.addLayout(common)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.message)
        layout.addStretch(1)

    # --- the page's life -----------------------------------------------------------------------
    def initializePage(self) -> None:
        self.list_ports()
        self.owner.ctx.runner.io(printer_setup.printer_profiles, done=self._profiles)

    def list_ports(self) -> None:
        self.refresh.setEnabled(False)
        self.owner.ctx.runner.io(printer_setup.serial_ports, done=self._ports)

    def _ports(self, ports: Any, error: BaseException | None) -> None:
        self.refresh.setEnabled(True)
        if error is not None:
            self.result.setText(error_text(error))
            return
        typed = self.port.currentText()
        self.port.clear()
        for p in ports:
            label = f"{p.device} — {p.description}" if p.description else p.device
            self.port.addItem(label, p.device)
        if typed:
            self.port.setEditText(typed)
        if ports and not self.network.isChecked() and self.file.isChecked():
            self.serial.setChecked(True)  # a counter with a serial port most likely prints there

    def _profiles(self, profiles: Any, error: BaseException | None) -> None:
        if error is not None:
            self.result.setText(error_text(error))
            return
        self.profile.clear()
        for p in profiles:
            self.profile.addItem(p.label, p.name)
        self.profile.setCurrentIndex(max(0, self.profile.findData(DEFAULT_PROFILE)))

    def _kind_changed(self) -> None:
        for kind, form in ((self.serial, self.serial_form), (self.network, self.network_form),
                           (self.file, self.file_form)):
            for i in range(form.rowCount()):
                for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole):
                    item = form.itemAt(i, role)
                    if item is not None:
                        set_enabled(item, kind.isChecked())

    # --- what was chosen -----------------------------------------------------------------------
    def port_device(self) -> str:
        index = self.port.findText(self.port.currentText())
        data = self.port.itemData(index) if index >= 0 else None
        return str(data) if data else self.port.currentText().strip()

    def spec(self) -> str:
        if self.serial.isChecked():
            return printer_setup.serial_spec(self.port_device(), int(self.baud.currentData()),
                                             str(self.flow.currentData()))
        if self.network.isChecked():
            return printer_setup.tcp_spec(self.host.text(), self.tcp_port.value())
        return printer_setup.file_spec(self.folder.text())

    def profile_name(self) -> str:
        return str(self.profile.currentData() or DEFAULT_PROFILE)

    def ask_status(self) -> None:
        self._try(self.tr("Asking the printer…"), printer_setup.ask_status, self._status)

    def print_test(self) -> None:
        self._try(self.tr("Printing a test page…"), printer_setup.print_test_page, self._printed,
                  self.profile_name())

    def _try(self, text: str, fn: Any, done: Any, *extra: Any) -> None:
        try:
            spec = self.spec()
        except DeskError as err:
            self.result.setText(error_text(err))
            return
        self.result.setText(text)
        self.check.setEnabled(False)
        self.test.setEnabled(False)
        self.owner.ctx.runner.io(fn, spec, *extra, done=done)

    def _tried(self) -> None:
        self.check.setEnabled(True)
        self.test.setEnabled(True)

    def _status(self, status: Any, error: BaseException | None) -> None:
        self._tried()
        self.result.setText(error_text(error) if error is not None else self.status_words(status))

    def status_words(self, status: PrinterStatus) -> str:
        if status.state == PAPER_NEAR_END:
            return self.tr("The printer is ready; its paper is running low.")
        if status.can_print:
            return self.tr("The printer is ready.")
        code = status.error_code or "printer.error"
        return error_text(DeskError(code, port=self.port_device() or self.host.text(),
                                    host=self.host.text(), detail=status.detail))

    def _printed(self, size: Any, error: BaseException | None) -> None:
        self._tried()
        if error is not None:
            self.result.setText(error_text(error))
            return
        self.result.setText(self.tr("The test page was sent ({n} bytes). Did it come out "
                                    "readable, Chinese included?").format(n=size))

    # --- finish: the choice saved --------------------------------------------------------------
    def start_work(self) -> None:
        self.run(self.owner.ctx.runner.db, work.set_printer, self.owner.ctx.bus, self.spec(),
                 self.profile_name())

    def inputs_enabled(self, enabled: bool) -> None:
        for w in (self.serial, self.network, self.file, self.check, self.test, self.profile):
            w.setEnabled(enabled)

    def retranslate(self) -> None:
        self.setTitle(self.tr("The printer"))
        self.setSubTitle(self.tr("Choose the receipt printer of this counter. You can check it "
                                 "and print a test page before you finish."))
        self.serial.setText(self.tr("Serial printer (USB or COM port)"))
        self.network.setText(self.tr("Network printer"))
        self.file.setText(self.tr("No printer yet: save receipts as files (a picture of each)"))
        self.refresh.setText(self.tr("Look again"))
        words = {"port": self.tr("Port"), "baud": self.tr("Speed (baud)"),
                 "flow": self.tr("Flow control"), "host": self.tr("Address"),
                 "tcp_port": self.tr("Port"), "folder": self.tr("Folder"),
                 "profile": self.tr("Paper and model")}
        for key, label in self.labels.items():
            label.setText(words[key])
        self.host.setPlaceholderText(self.tr("e.g. 192.168.1.50"))
        self.check.setText(self.tr("Check the printer"))
        self.test.setText(self.tr("Print a test page"))


def set_enabled(item: Any, enabled: bool) -> None:
    """A form row's widget, or every widget of a row that is a layout."""
    if item.widget() is not None:
        item.widget().setEnabled(enabled)
    elif item.layout() is not None:
        layout = item.layout()
        for i in range(layout.count()):
            set_enabled(layout.itemAt(i), enabled)
