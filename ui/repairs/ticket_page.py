"""The ticket at the counter: find it (type or scan its code or the slip's QR), its steps, the
quote (parts with serials and labour; proposed, signed by the customer on the pad, or refused)
and pickup (the three demonstrations are the checks of step 7; the customer pays what the core
says is due, by tender — several tenders add up —, signs the completion and the completion
certificate prints). The quote's charge follows the warranty verdict recorded at intake (shown
in words); the screen has no "free" switch.

The documents signed are built by the core (desk.repairs.counter_queries.signable_repair); the
screen only names the signature id in the command. All work on the database worker."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.platform.changes import Changed
from desk.platform.errors import DeskError
from desk.platform.money import format_yuan, parse_yuan
from desk.policies.document import TENDER_KINDS
from desk.repairs.commands import (
    Payment,
    ProposeQuote,
    QuotePart,
    RecordCheck,
    RefuseQuote,
    SignCompletion,
    SignQuote,
)
from desk.repairs.queries import TicketDetail, ticket_detail
from desk.repairs.rules import CHECKLIST_STEPS, EXPLANATION_STEP
from ui.context import AppContext
from ui.errors import error_text
from ui.repairs.late_offer_box import LateOfferBox
from ui.repairs.photo_strip import PhotoStrip, photos_of
from ui.repairs.recurrence_box import RecurrenceBox
from ui.repairs.service_line import ServiceLine
from ui.repairs.words import chinese, step_name

TOUCH = 44
FREE_REASONS = ("", "warranty", "lifetime")  # charged, or why the repair is free


class TicketPage(QWidget):
    shows = frozenset({Changed.TICKETS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.printer: Any = None
        self.signer: Callable[[str, str, Callable[[str | None], None]], None] | None = None
        self.detail: TicketDetail | None = None
        self.parts: list[QuotePart] = []
        self.payments: list[Payment] = []
        layout = QVBoxLayout(self)
        self.code = QLineEdit()
        self.code.setMinimumHeight(TOUCH)
        self.code.returnPressed.connect(lambda: self.load(self.code.text()))
        layout.addWidget(self.code)
        self.header = QLabel()
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.service = ServiceLine(ctx)  # the service level: what stands out, in words
        layout.addWidget(self.service)
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        layout.addWidget(self.steps)
        self.photos = PhotoStrip(ctx)  # fetched from the central server when taken elsewhere
        layout.addWidget(self.photos)
        layout.addWidget(self._quote_box())
        layout.addWidget(self._pickup_box())
        self.late_offer = LateOfferBox(ctx)  # overdue at pickup: the late-repair compensation
        layout.addWidget(self.late_offer)
        self.recurrence = RecurrenceBox(ctx, self.opened_cycle)
        layout.addWidget(self.recurrence)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        ctx.hub.changed.connect(self._changed)
        self.retranslate()

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.code.setPlaceholderText(self.tr("Ticket code (scan the slip)"))
        self.quote_box.setTitle(self.tr("Quote"))
        self.part.setPlaceholderText(self.tr("Part"))
        self.part_serial.setPlaceholderText(self.tr("Serial"))
        self.part_price.setPlaceholderText(self.tr("Price (yuan)"))
        self.add_part.setText(self.tr("Add part"))
        self.labour.setPlaceholderText(self.tr("Labour (yuan)"))
        self.pay_amount.setPlaceholderText(self.tr("Amount (yuan)"))
        self.add_payment.setText(self.tr("Add payment"))
        for i, tender in enumerate(TENDER_KINDS):
            self.tender.setItemText(i, self._tender_text(tender))
        self.propose.setText(self.tr("Propose quote"))
        self.sign_quote.setText(self.tr("Customer signs the quote…"))
        self.refuse.setText(self.tr("Customer refuses"))
        self.pickup_box.setTitle(self.tr("Pickup"))
        self.sign_completion.setText(self.tr("Customer signs the completion…"))
        if self.detail is not None:
            self._show(self.detail)
        else:
            self.quote_words.clear()
        self.message.clear()  # a message in the old language would stay until the next one

    def _quote_box(self) -> QGroupBox:
        box = self.quote_box = QGroupBox()
        v = QVBoxLayout(box)
        row = QHBoxLayout()
        self.part, self.part_serial, self.part_price = QLineEdit(), QLineEdit(), QLineEdit()
        self.add_part = QPushButton()
        inputs: tuple[QWidget, ...] = (self.part, self.part_serial, self.part_price,
                                       self.add_part)
        for w in inputs:
            w.setMinimumHeight(TOUCH)
            row.addWidget(w)
        self.part_price.returnPressed.connect(self.add_part_clicked)
        self.add_part.clicked.connect(self.add_part_clicked)
        v.addLayout(row)
        self.part_list = QListWidget()
        self.part_list.setMaximumHeight(100)
        v.addWidget(self.part_list)
        row2 = QHBoxLayout()
        self.labour = QLineEdit()
        self.free = QLabel()  # the verdict recorded at intake decides what is charged
        self.free.setWordWrap(True)
        self.propose, self.sign_quote, self.refuse = QPushButton(), QPushButton(), QPushButton()
        widgets: tuple[QWidget, ...] = (self.labour, self.free, self.propose, self.sign_quote,
                                        self.refuse)
        for w in widgets:
            w.setMinimumHeight(TOUCH)
            row2.addWidget(w)
        self.propose.clicked.connect(self.propose_clicked)
        self.sign_quote.clicked.connect(self.sign_quote_clicked)
        self.refuse.clicked.connect(self.refuse_clicked)
        v.addLayout(row2)
        self.quote_words = QLabel()
        v.addWidget(self.quote_words)
        return box

    def _pickup_box(self) -> QGroupBox:
        box = self.pickup_box = QGroupBox()
        v = QVBoxLayout(box)
        row = QHBoxLayout()
        self.demos = [QPushButton() for _ in range(3)]
        for n, b in enumerate(self.demos):
            b.setMinimumHeight(TOUCH)
            b.clicked.connect(lambda _c=False, n=n: self.demo_clicked(n))
            row.addWidget(b)
        v.addLayout(row)
        pay = QHBoxLayout()
        self.due = QLabel()
        self.tender = QComboBox()
        for tender in TENDER_KINDS:
            self.tender.addItem(self._tender_text(tender), tender)
        self.pay_amount = QLineEdit()
        self.add_payment = QPushButton()
        self.add_payment.clicked.connect(self.add_payment_clicked)
        self.pay_amount.returnPressed.connect(self.add_payment_clicked)
        for w in (self.due, self.tender, self.pay_amount, self.add_payment):
            w.setMinimumHeight(TOUCH)
            pay.addWidget(w)
        v.addLayout(pay)
        self.payment_words = QLabel()
        v.addWidget(self.payment_words)
        self.sign_completion = QPushButton()
        self.sign_completion.setMinimumHeight(TOUCH)
        self.sign_completion.clicked.connect(self.sign_completion_clicked)
        v.addWidget(self.sign_completion)
        return box

    def _tender_text(self, tender: str) -> str:
        return {"cash": self.tr("Cash"), "bank_card": self.tr("Bank card"),
                "wechat_pay": self.tr("WeChat Pay"), "alipay": self.tr("Alipay"),
                "store_card": self.tr("Store card")}.get(tender, tender)

    # --- reading --------------------------------------------------------------------------------
    def load(self, text: str) -> None:
        code = text.strip().rstrip("/").rsplit("/", 1)[-1]  # a QR's tracking link ends in it
        self.ctx.query(ticket_detail, code, self.ctx.bus.clock.local_now().date(),
                       done=self._shown)

    def _changed(self, changes: Any) -> None:
        if self.detail is not None and changes.touches(self.shows):
            self.load(self.detail.code)

    def _shown(self, detail: TicketDetail | None, error: BaseException | None) -> None:
        if error is not None or detail is None:
            self.message.setText(error_text(error) if error else self.tr("No such ticket."))
            return
        if self.detail is None or self.detail.code != detail.code:
            self.payments = []  # another ticket: nothing added for it yet
        self.detail = detail
        self._show(detail)
        self.recurrence.show_ticket(detail)
        self.late_offer.show_ticket(detail.code)
        self.service.show_ticket(detail.code)

    def _show(self, detail: TicketDetail) -> None:
        due, waived_word = self.tr("Due"), self.tr("waived")  # tr() outside f-strings: lupdate
        self.header.setText(f"<b>{detail.code}</b> {detail.product_name or ''} — {detail.fault}"
                            f"<br>{due} {detail.promised_date}" + self._intake_words(detail)
                            + self._history_words(detail))
        marks = []
        for number, checks in enumerate(detail.steps, start=1):
            done = sum(c.done for c in checks)
            waived = sum(c.waived for c in checks)
            mark = f"{step_name(CHECKLIST_STEPS[number - 1])} {done}/3"
            marks.append(mark + (f" ({waived_word} {waived})" if waived else ""))
        self.steps.setText(" · ".join(marks))
        self.photos.show_photos(photos_of(detail))
        q = detail.quote
        self.quote_words.setText(self.tr("No quote yet.") if q is None else (
            f"#{q['number']} {format_yuan(q['charged_fen'])} · "
            + (self.tr("signed") if detail.quote_signed else self.tr("not signed"))))
        demos = detail.steps[EXPLANATION_STEP - 1] if detail.steps else []
        for button, view in zip(self.demos, demos, strict=False):
            words = view.zh if chinese() else view.en
            button.setText(f"{words} ✓" if view.done else words)
            button.setEnabled(not view.done)
        open_ticket = detail.status == "open"  # archived or returned: the core takes nothing
        self.sign_completion.setEnabled(open_ticket and detail.current_step > EXPLANATION_STEP
                                        and not detail.completion_signed)
        self.quote_box.setEnabled(open_ticket)
        self.pickup_box.setEnabled(open_ticket)
        w = detail.warranty
        if detail.history is not None:
            self.free.setText(self.tr("Imported repair: no warranty verdict of this system"))
        else:
            self.free.setText(self.tr("Warranty not recorded (opened before verdicts)")
                              if w is None else str(w["zh"] if chinese() else w["en"]))
        self._show_payments()

    def _intake_words(self, detail: TicketDetail) -> str:
        """What was handed in and its condition, as the intake recorded them."""
        notes, words = detail.intake, ""
        handed_in, condition = self.tr("Accessories: %1"), self.tr("Condition: %1")
        if notes.accessories:
            words += "<br>" + handed_in.replace("%1", html.escape("、".join(notes.accessories)))
        if notes.condition:
            words += "<br>" + condition.replace("%1", html.escape(notes.condition))
        return words

    def _history_words(self, detail: TicketDetail) -> str:
        """An imported ticket: where it came from, how it ended and what it cost."""
        h = detail.history
        if h is None:
            return ""
        outcome = self.tr("repaired") if h.outcome == "repaired" else self.tr("returned unrepaired")
        words = self.tr("Imported from %1: %2 on %3, charged %4")
        for n, value in enumerate((html.escape(h.source), outcome, h.closed_at.replace("T", " "),
                                   format_yuan(h.charged_fen)), start=1):
            words = words.replace(f"%{n}", value)
        return "<br>" + words

    def _remaining(self) -> int:
        due = self.detail.due_fen if self.detail is not None else 0
        return due - sum(p.amount_fen for p in self.payments)

    def _show_payments(self) -> None:
        due = self.detail.due_fen if self.detail is not None else 0
        self.due.setText(self.tr("Due at pickup: %1").replace("%1", format_yuan(due)))
        self.payment_words.setText(" + ".join(
            f"{self._tender_text(p.tender)} {format_yuan(p.amount_fen)}" for p in self.payments))
        remaining = self._remaining()
        self.pay_amount.setText(f"{remaining // 100}.{remaining % 100:02d}" if remaining > 0
                                else "")
        for w in (self.tender, self.pay_amount, self.add_payment):
            w.setEnabled(due > 0)

    def add_payment_clicked(self) -> None:
        """One tender's part; the rest stays in the amount field for the next tender."""
        try:
            amount = parse_yuan(self.pay_amount.text() or "0")
        except DeskError as err:
            self.message.setText(error_text(err))
            return
        if amount > 0:
            self.payments.append(Payment(str(self.tender.currentData()), amount))
        self._show_payments()

    def opened_cycle(self, code: str) -> None:
        self.code.setText(code)
        self.load(code)

    # --- quote ----------------------------------------------------------------------------------
    def add_part_clicked(self) -> None:
        try:
            price = parse_yuan(self.part_price.text() or "0")
        except DeskError as err:
            self.message.setText(error_text(err))
            return
        part = QuotePart(self.part.text().strip(), self.part_serial.text().strip(), price)
        self.parts.append(part)
        self.part_list.addItem(f"{part.part} {part.serial} {format_yuan(price)}")
        for edit in (self.part, self.part_serial, self.part_price):
            edit.clear()
        self.part.setFocus()

    def _after(self, _value: Any, error: BaseException | None) -> None:
        self.message.setText(error_text(error) if error is not None else self.tr("Saved."))

    def propose_clicked(self) -> None:
        if self.detail is None:
            return
        try:
            labour = parse_yuan(self.labour.text() or "0")
        except DeskError as err:
            self.message.setText(error_text(err))
            return
        self.ctx.run_command(ProposeQuote(ticket_code=self.detail.code, parts=list(self.parts),
                                          labour_fen=labour), self._after)
        self.parts = []
        self.part_list.clear()

    def _signer(self) -> Callable[[str, str, Callable[[str | None], None]], None]:
        if self.signer is None:
            from ui.repairs.signing import repair_signer

            self.signer = repair_signer(self.ctx, self)
        return self.signer

    def sign_quote_clicked(self) -> None:
        if self.detail is None:
            return
        code = self.detail.code

        def signed(signature_id: str | None) -> None:
            if signature_id:
                self.ctx.run_command(SignQuote(ticket_code=code, signature_id=signature_id),
                                     self._after)

        self._signer()(code, "quote", signed)

    def refuse_clicked(self) -> None:
        if self.detail is not None:
            self.ctx.run_command(RefuseQuote(ticket_code=self.detail.code), self._after)

    # --- pickup ---------------------------------------------------------------------------------
    def demo_clicked(self, n: int) -> None:
        if self.detail is None or not self.detail.steps:
            return
        view = self.detail.steps[EXPLANATION_STEP - 1][n]
        self.ctx.run_command(RecordCheck(ticket_code=self.detail.code, step=view.step,
                                         check_id=view.check_id), self._after)

    def sign_completion_clicked(self) -> None:
        if self.detail is None:
            return
        code = self.detail.code
        # the tenders added, and what is left in the amount field in the tender chosen; the core
        # refuses a sum that is not the amount due
        payments = list(self.payments)
        if self._remaining() > 0:
            try:
                rest = parse_yuan(self.pay_amount.text() or "0")
            except DeskError as err:
                self.message.setText(error_text(err))
                return
            if rest > 0:
                payments.append(Payment(str(self.tender.currentData()), rest))

        def recorded(_value: Any, error: BaseException | None) -> None:
            self._after(_value, error)
            if error is None:
                self.payments = []
            if error is None and self.printer is not None:
                self.printer.print_repair("completion", code, self.ctx.session.staff_id)

        def signed(signature_id: str | None) -> None:
            if signature_id:
                self.ctx.run_command(SignCompletion(ticket_code=code, signature_id=signature_id,
                                                    payments=payments), recorded)

        self._signer()(code, "completion", signed)
