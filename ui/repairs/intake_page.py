"""Repair intake at the counter: find the purchase (a receipt number, a serial, a customer's phone
— or type the product for a customer without a receipt), the customer's answers ("what happens
and since when", the usage environment, the time window and contact), accessories and condition,
the service level and the promised date. Open: the ticket is opened, the booking checks are
recorded with those answers, the customer signs the intake on the pad, and the intake slip with
its QR prints at once. Enter moves on; Ctrl+Return opens the ticket.

The warranty is the core's (desk.repairs.warranty_queries.intake_warranty): as soon as the
product, serial and fault kind are known the screen shows its verdict in words and, when the
core says a repeat of the same fault within 三包 offers an exchange or a return, the offer and a
button that hands the receipt over to the return counter (`sig_return_offered`; the main window
switches to the returns page). The screen decides nothing itself.

Everything runs on the database worker (ctx.query / ctx.run_command)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.lookup.detail_types import CustomerDetail, ReceiptDetail
from desk.lookup.details import detail
from desk.lookup.search import search
from desk.platform.db import Connection
from desk.repairs.commands import OpenTicket, RecordCheck
from desk.repairs.counter_queries import next_ticket_code
from desk.repairs.evidence import evidence_root, store_photo_file
from desk.repairs.intake import split_accessories
from desk.repairs.rules import INTAKE_NOTES, INTAKE_SIGNATURE, INTAKE_TICK
from desk.repairs.warranty import FAULT_KINDS
from desk.repairs.warranty_queries import IntakeWarranty, intake_warranty
from ui.context import AppContext
from ui.errors import error_text
from ui.repairs.words import chinese

TOUCH = 44
LEVELS = ("simple", "complex", "major")


def find_for_intake(conn: Connection, text: str) -> Any:
    """The receipt or customer the search box opens for `text` (None when not one exact hit)."""
    opened = search(conn, text, limit=5).open
    if opened is None or opened.kind not in ("receipt", "customer"):
        return None
    return detail(conn, opened.kind, opened.key)


class IntakePage(QWidget):
    sig_opened = Signal(str)  # the ticket code, once signed and printed
    # the customer takes the exchange or return the core offers: (receipt number, why in words)
    sig_return_offered = Signal(str, str)
    shows: frozenset[Any] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.printer: Any = None  # ui.printing.service.PrinterService (wired by the app)
        self.signer: Callable[[str, str, Callable[[str | None], None]], None] | None = None
        self.receipt_no: str | None = None
        self.customer_id: str | None = None
        self.warranty: IntakeWarranty | None = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.search_box = QLineEdit()
        self.search_box.returnPressed.connect(self.look_up)
        self.found = QLabel()
        self.lines = QComboBox()
        self.lines.currentIndexChanged.connect(self._line_picked)
        self.sku, self.serial = QLineEdit(), QLineEdit()
        self.fault, self.environment, self.contact = QLineEdit(), QLineEdit(), QLineEdit()
        self.fault_kind = QComboBox()
        self.fault_kind.addItem("", "")
        for code, (en, zh) in FAULT_KINDS.items():  # the core's words, in the screen's language
            self.fault_kind.addItem(zh if chinese() else en, code)
        self.fault_kind.currentIndexChanged.connect(lambda _i: self.check_warranty())
        self.warranty_words = QLabel()
        self.warranty_words.setWordWrap(True)
        self.offer_words = QLabel()
        self.offer_words.setWordWrap(True)
        self.offer_button = QPushButton()
        self.offer_button.setMinimumHeight(TOUCH)
        self.offer_button.clicked.connect(self.take_offer)
        self.offer_words.hide()
        self.offer_button.hide()
        self.accessories, self.condition = QLineEdit(), QLineEdit()
        self.condition_photos: list[str] = []  # SHA-256 of the photos stored for this intake
        self.photo_button = QPushButton()
        self.photo_button.clicked.connect(self.choose_photo)
        self.level = QComboBox()
        for code in LEVELS:
            self.level.addItem("", code)
        self.promised = QDateEdit()
        self.promised.setCalendarPopup(True)
        self.promised.setDisplayFormat("yyyy-MM-dd")
        today = ctx.bus.clock.local_now().date() + timedelta(days=3)
        self.promised.setDate(QDate(today.year, today.month, today.day))
        self.rows: list[tuple[str, QWidget]] = [
            ("search", self.search_box), ("", self.found), ("line", self.lines),
            ("sku", self.sku), ("serial", self.serial), ("fault", self.fault),
            ("fault_kind", self.fault_kind), ("warranty", self.warranty_words),
            ("", self.offer_words), ("", self.offer_button),
            ("environment", self.environment), ("contact", self.contact),
            ("accessories", self.accessories), ("condition", self.condition),
            ("", self.photo_button), ("level", self.level), ("promised", self.promised)]
        for _name, widget in self.rows:
            widget.setMinimumHeight(TOUCH)
            self.form.addRow(QLabel(), widget)
        for edit in (self.sku, self.serial, self.fault, self.environment, self.contact,
                     self.accessories, self.condition):
            edit.returnPressed.connect(self.focusNextChild)
        for edit in (self.sku, self.serial):
            edit.editingFinished.connect(self.check_warranty)
        self.open_button = QPushButton()
        self.open_button.setMinimumHeight(TOUCH)
        self.open_button.clicked.connect(self.open_ticket)
        layout.addWidget(self.open_button)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.open_ticket)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.retranslate()

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(
            self.tr("Receipt no, serial or phone (scan or type)"))
        self.fault.setPlaceholderText(self.tr("What happens, and since when"))
        self.accessories.setPlaceholderText(self.tr("Handed in with it, e.g. charger, box"))
        self.condition.setPlaceholderText(self.tr("Scratches, dents, marks …"))
        levels = {"simple": self.tr("Simple (answer in 5 min)"),
                  "complex": self.tr("Complex (plan in 30 min)"),
                  "major": self.tr("Major (plan in 2 h)")}
        for i, code in enumerate(LEVELS):
            self.level.setItemText(i, levels[code])
        words = {"search": self.tr("Find the purchase"), "": "",
                 "line": self.tr("Receipt line"), "sku": self.tr("Product (SKU)"),
                 "serial": self.tr("Serial"), "fault": self.tr("Fault"),
                 "fault_kind": self.tr("Kind of fault"), "warranty": self.tr("Warranty"),
                 "environment": self.tr("Usage environment"),
                 "contact": self.tr("Time window and contact"),
                 "accessories": self.tr("Accessories"), "condition": self.tr("Condition"),
                 "level": self.tr("Service level"), "promised": self.tr("Promised date")}
        for name, widget in self.rows:
            label = self.form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(words[name])
        self.open_button.setText(self.tr("Open ticket, sign and print"))
        self.fault_kind.setItemText(0, self.tr("(choose the kind of fault)"))
        for i, (en, zh) in enumerate(FAULT_KINDS.values(), start=1):
            self.fault_kind.setItemText(i, zh if chinese() else en)
        self.offer_button.setText(self.tr("Exchange or return instead…"))
        self._photo_words()

    def _photo_words(self) -> None:
        count = len(self.condition_photos)
        self.photo_button.setText(self.tr("Condition photos: %1").replace("%1", str(count))
                                  if count else self.tr("Condition photo…"))

    # --- photos of the condition (stored on the I/O worker) ---------------------------------------
    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a photo"), "",
                                              self.tr("Photos (*.png *.jpg *.jpeg)"))
        if path:
            self.attach_photo(Path(path))

    def attach_photo(self, path: Path) -> None:
        def stored(photo: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.setText(error_text(error))
                return
            if photo.sha256 not in self.condition_photos:
                self.condition_photos.append(photo.sha256)
            self._photo_words()

        self.ctx.runner.io(store_photo_file, evidence_root(self.ctx.db.path), path, done=stored)

    # --- finding the purchase -------------------------------------------------------------------
    def look_up(self) -> None:
        self.ctx.query(find_for_intake, self.search_box.text().strip(), done=self._found)

    def _found(self, found: Any, error: BaseException | None) -> None:
        self.lines.blockSignals(True)
        self.lines.clear()
        self.receipt_no = self.customer_id = None
        if error is not None or found is None:
            self.found.setText(error_text(error) if error
                               else self.tr("Not found: type the product"))
        elif isinstance(found, ReceiptDetail):
            self.receipt_no = found.receipt_no
            self.customer_id = found.customer.customer_id if found.customer else None
            self.found.setText(self.tr("Receipt %1").replace("%1", found.receipt_no))
            scanned = self.search_box.text().strip()
            for line in found.lines:
                self.lines.addItem(f"{line.name} {line.serial}".strip(), (line.sku, line.serial))
                if scanned and line.serial == scanned:
                    self.lines.setCurrentIndex(self.lines.count() - 1)
        elif isinstance(found, CustomerDetail):
            self.customer_id = found.customer_id
            self.found.setText(self.tr("Customer %1").replace("%1", found.name))
        self.lines.blockSignals(False)
        self._line_picked(self.lines.currentIndex())
        self.fault.setFocus()

    def _line_picked(self, index: int) -> None:
        data = self.lines.itemData(index) if index >= 0 else None
        if data:
            self.sku.setText(data[0])
            self.serial.setText(data[1])
        self.check_warranty()

    # --- the warranty (the core's verdict; the screen only shows it) ----------------------------
    def check_warranty(self) -> None:
        sku = self.sku.text().strip()
        if not sku:
            self._warranty(None, None)
            return
        self.ctx.query(intake_warranty, sku, self.serial.text(), self.receipt_no,
                       str(self.fault_kind.currentData() or ""),
                       self.ctx.bus.clock.local_now().date(), done=self._warranty)

    def _warranty(self, found: IntakeWarranty | None, error: BaseException | None) -> None:
        self.warranty = found if error is None else None
        if error is not None:
            self.warranty_words.setText(error_text(error))
        elif found is None:
            self.warranty_words.clear()
        else:
            self.warranty_words.setText(found.verdict.zh if chinese() else found.verdict.en)
        offer = self.warranty is not None and self.warranty.offer
        if offer and self.warranty is not None:
            self.offer_words.setText(
                self.tr("Same fault again within the statutory warranty: the customer may take "
                        "an exchange or a return of receipt %1 instead of another repair.")
                .replace("%1", self.warranty.receipt_no))
        self.offer_words.setVisible(offer)
        self.offer_button.setVisible(offer)

    def take_offer(self) -> None:
        """Hand the receipt over to the return counter, with the core's words as the reason."""
        found = self.warranty
        if found is None or not found.offer:
            return
        self.sig_return_offered.emit(found.receipt_no, found.verdict.zh)

    # --- opening, signing, printing -------------------------------------------------------------
    def open_ticket(self) -> None:
        self.open_button.setEnabled(False)
        self.ctx.query(next_ticket_code, self.ctx.bus.clock.local_now().date(),
                       done=self._coded)

    def _fail(self, error: BaseException | None) -> None:
        self.message.setText(error_text(error) if error else self.tr("Cancelled."))
        self.open_button.setEnabled(True)

    def _coded(self, code: Any, error: BaseException | None) -> None:
        if error is not None:
            self._fail(error)
            return
        command = OpenTicket(
            code=str(code), sku=self.sku.text().strip(), fault=self.fault.text(),
            promised_date=self.promised.date().toString("yyyy-MM-dd"),
            service_level=str(self.level.currentData()), serial=self.serial.text(),
            receipt_no=self.receipt_no, customer_id=self.customer_id,
            fault_kind=str(self.fault_kind.currentData() or ""),
            accessories=split_accessories(self.accessories.text()),
            condition=self.condition.text(), condition_photos=list(self.condition_photos))
        self.ctx.run_command(command, lambda v, e: self._opened(str(code), e))

    def _opened(self, code: str, error: BaseException | None) -> None:
        if error is not None:
            self._fail(error)
            return
        answers = {"fault": self.fault.text(),
                   "environment": self.environment.text() + "；" + self.contact.text()}
        checks = [RecordCheck(ticket_code=code, step=1, check_id=check_id,
                              note=answers[field]) for check_id, field in INTAKE_NOTES.items()]
        checks.append(RecordCheck(ticket_code=code, step=1, check_id=INTAKE_TICK))
        self._run_all(code, checks)

    def _run_all(self, code: str, commands: list[RecordCheck]) -> None:
        if not commands:
            self._sign(code)
            return

        def next_one(_value: Any, error: BaseException | None) -> None:
            if error is not None:
                self._fail(error)
            else:
                self._run_all(code, commands[1:])

        self.ctx.run_command(commands[0], next_one)

    def _sign(self, code: str) -> None:
        if self.signer is None:
            from ui.repairs.signing import repair_signer

            self.signer = repair_signer(self.ctx, self)

        def signed(signature_id: str | None) -> None:
            if not signature_id:
                self.message.setText(self.tr("Ticket %1 opened; the intake is not signed yet.")
                                     .replace("%1", code))
                self.open_button.setEnabled(True)
                return
            self.ctx.run_command(RecordCheck(ticket_code=code, step=2,
                                             check_id=INTAKE_SIGNATURE,
                                             signature_id=signature_id),
                                 lambda v, e: self._signed(code, e))

        self.signer(code, "intake", signed)

    def _signed(self, code: str, error: BaseException | None) -> None:
        if error is not None:
            self._fail(error)
            return
        if self.printer is not None:
            # accessories and condition are on the ticket now: the slip reads them there
            self.printer.print_repair("intake_slip", code, self.ctx.session.staff_id)
        self.message.setText(self.tr("Ticket %1 opened, signed and sent to the printer.")
                             .replace("%1", code))
        self.open_button.setEnabled(True)
        for edit in (self.search_box, self.sku, self.serial, self.fault, self.environment,
                     self.contact, self.accessories, self.condition):
            edit.clear()
        self.fault_kind.setCurrentIndex(0)
        self.condition_photos = []
        self._photo_words()
        self._warranty(None, None)
        self.sig_opened.emit(code)
