"""The return counter: scan the receipt, tick what comes back, see the decision, confirm.

Keyboard first. After a scan (the scanner ends with Enter) the lines are shown; a line that is the
only one left to return is already ticked, so a one-line return is Enter (see the decision) and
Enter (confirm) — two keys. Elsewhere:

- lines: Up/Down move, Space ticks (the whole quantity left), + / - or a digit set the quantity,
  Enter shows the decision, Esc goes back to the box;
- decision: the explanation (rules, policy versions, numbers), where the money goes, who
  approves, whether the customer signs. Above the clerk's limit the manager types their staff id
  and PIN here (Enter moves on, Enter in the PIN confirms). A refusal a manager may override asks
  for the reason. Esc goes back to the lines;
- done: the result is shown, the box is empty and has the focus for the next customer.

Text that is not a receipt number (a phone number, a member id) lists that customer's receipts:
a return without the paper receipt (the policy's rules for it apply).

Hooks the app wires: `signature_provider(command, done)` opens the signature pad for the document
the core builds from the command and calls `done(signature_id or None)`; without a pad a return
that needs the customer's signature cannot be confirmed (the core accepts only a signature
captured for exactly that return). `sig_completed(result)` carries the recorded return.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.platform.errors import DeskError
from desk.platform.money import format_yuan
from desk.returns.commands import RecordReturn, ReturnLineInput
from desk.returns.counter_queries import load_receipt, preview
from ui.context import AppContext
from ui.errors import error_text
from ui.returns.words import (
    REASONS,
    explanation,
    overridable,
    reason_text,
)
from ui.widgets.naming import named

log = logging.getLogger(__name__)

STYLE = """
QLineEdit#returnsBox { font-size: 22pt; padding: 8px 12px; border: 2px solid #1f6feb;
                       border-radius: 8px; }
QLabel#returnsHint { font-size: 13pt; color: #555; }
QLabel#returnsHint[problem="true"] { color: #b3261e; font-weight: bold; }
QLabel#returnsTitle { font-size: 16pt; font-weight: bold; }
QTableWidget#returnsLines, QTableWidget#returnsPurchases { font-size: 14pt; }
QLabel#returnsDecision { font-size: 13pt; background: #f6f8fa; border: 1px solid #d0d7de;
                         border-radius: 8px; padding: 10px; }
QLabel#returnsRefund { font-size: 26pt; font-weight: bold; color: #1a7f37; }
QLabel#returnsRefund[refused="true"] { font-size: 18pt; color: #b3261e; }
QLabel#returnsRefund[pending="true"] { font-size: 18pt; color: #9a6700; }
QLabel#returnsDone { font-size: 16pt; color: #1a7f37; font-weight: bold; }
QPushButton#returnsConfirm { font-size: 15pt; padding: 8px 24px; }
"""

SignatureProvider = Callable[[Any, Callable[[str | None], None]], None]  # (command, done)
COL_TICK, COL_NO, COL_NAME, COL_SOLD, COL_LEFT, COL_QTY, COL_PAID = range(7)
PICK_RECEIPT, PICK_DATE, PICK_PAID, PICK_CUSTOMER = range(4)


class _Keys(QObject):
    """Page keys on the lines table and the decision fields."""

    def __init__(self, page: ReturnPage) -> None:
        super().__init__(page)
        self.page = page

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        return self.page.handle_key(obj, event)


class ReturnPage(QWidget):
    sig_completed = Signal(object)  # the recorded return (handler result): print it
    sig_state = Signal(str)  # scan, select, review, busy, done (tests, status bar)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signature_provider: SignatureProvider | None = None
        self.state = "scan"
        self.receipt: dict[str, Any] | None = None
        self.decision: dict[str, Any] | None = None
        self.found_by = "receipt"
        self.customer_id: str | None = None
        self.picking: list[dict[str, Any]] = []
        self.handed_over = ""  # the repair intake's reason for a 三包 exchange or return
        self.setStyleSheet(STYLE)
        self._keys = _Keys(self)

        self.box = named(QLineEdit(), "returnsBox")
        self.box.returnPressed.connect(self.load)
        self.hint = named(QLabel(), "returnsHint")
        self.hint.setWordWrap(True)
        self.title = named(QLabel(), "returnsTitle")

        self.table = named(QTableWidget(0, 7), "returnsLines")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self._keys)
        self.table.cellDoubleClicked.connect(lambda row, _c: self._toggle(row))
        self.purchases = self._purchases_table()

        self.reason = QComboBox()
        for code in REASONS:
            self.reason.addItem(reason_text(code), code)
        self.reason.installEventFilter(self._keys)

        self.refund = named(QLabel(), "returnsRefund")
        self.explain = named(QLabel(), "returnsDecision")
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.RichText)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.override = QLineEdit()
        self.approver = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.cash_back = QCheckBox()
        self.buyer = QCheckBox()
        for w in (self.override, self.approver, self.pin, self.cash_back, self.buyer):
            w.installEventFilter(self._keys)
        self.cash_back.toggled.connect(lambda _on: self.review())
        self.buyer.toggled.connect(lambda _on: self.review())
        self.back = QPushButton()
        self.back.clicked.connect(self.go_back)
        self.confirm = named(QPushButton(), "returnsConfirm")
        self.confirm.clicked.connect(self.submit)
        self.confirm.installEventFilter(self._keys)
        self.done_label = named(QLabel(), "returnsDone")
        self.done_label.setWordWrap(True)

        form = QFormLayout()
        for field in (self.reason, self.override, self.approver, self.pin):
            form.addRow(QLabel(), field)
        self.form = form
        checks = QHBoxLayout()
        checks.addWidget(self.cash_back)
        checks.addWidget(self.buyer)
        checks.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.confirm)

        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.hint)
        layout.addWidget(self.done_label)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.purchases, 3)
        layout.addWidget(self.refund)
        layout.addWidget(self.explain, 2)
        layout.addLayout(form)
        layout.addLayout(checks)
        layout.addLayout(buttons)
        layout.addStretch(0)
        self._hint: Callable[[], str] = lambda: ""  # said again on a language change
        self._title: Callable[[], str] = lambda: ""
        self._done: Callable[[], str] = lambda: ""
        self.retranslate()
        self._set_state("scan")

    def _purchases_table(self) -> QTableWidget:
        """A customer's receipts (found by phone, member number or the phone's last 4): their own
        list, apart from a receipt's lines."""
        table = named(QTableWidget(0, 4), "returnsPurchases")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PICK_CUSTOMER, QHeaderView.ResizeMode.Stretch)
        table.installEventFilter(self._keys)
        table.cellDoubleClicked.connect(lambda row, _c: self._pick(row))
        return table

    # --- words ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.box.setPlaceholderText(self.tr("Scan or type the receipt number (or the customer's "
                                            "phone, its last 4 digits, or the member number)"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Return"), self.tr("Line"), self.tr("Item"), self.tr("Bought"),
            self.tr("Left"), self.tr("Qty back"), self.tr("Paid")])
        self.purchases.setHorizontalHeaderLabels([
            self.tr("Receipt"), self.tr("Bought on"), self.tr("Paid"), self.tr("Customer")])
        for i, code in enumerate(REASONS):
            self.reason.setItemText(i, reason_text(code))
        self.override.setPlaceholderText(self.tr("Manager's reason for the override"))
        self.approver.setPlaceholderText(self.tr("Manager's staff id"))
        self.pin.setPlaceholderText(self.tr("Manager's PIN"))
        self.cash_back.setText(self.tr("Cash back (manager, with a reason)"))
        self.buyer.setText(self.tr("I checked that this is the buyer on the receipt "
                                   "(member card or ID)"))
        self.back.setText(self.tr("Back (Esc)"))
        for field, words in ((self.reason, self.tr("Reason (optional)")),
                             (self.override, self.tr("Override reason")),
                             (self.approver, self.tr("Approved by")), (self.pin, self.tr("PIN"))):
            label = self.form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(words)
        self._say_words(self._hint, bool(self.hint.property("problem")))
        self.title.setText(self._title())
        self.done_label.setText(self._done())
        if self.decision is not None:
            self._show_decision(self.decision)
        else:
            self.confirm.setText(self.tr("Confirm refund (Enter)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- states -----------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self.state = state
        reviewing = state in ("review", "busy")
        self.table.setVisible(state in ("select", "review", "busy"))
        self.purchases.setVisible(state == "pick")
        self.title.setVisible(state != "scan" and state != "done")
        needs = self._needs()
        for w in (self.refund, self.explain, self.back):
            w.setVisible(reviewing)
        self.confirm.setVisible(reviewing and needs["can_confirm"])  # never offer the impossible
        self._show_row(self.reason, state in ("select", "review", "busy"))
        self._show_row(self.override, reviewing and needs["override"])
        self._show_row(self.approver, reviewing and needs["approver"])
        self._show_row(self.pin, reviewing and needs["approver"])
        self.cash_back.setVisible(reviewing and needs["non_cash"])
        self.done_label.setVisible(state == "done")
        self.buyer.setVisible(reviewing and needs["buyer"])
        layout = self.layout()
        if isinstance(layout, QBoxLayout):  # the page's own column (built in __init__)
            listing = self.table.isVisibleTo(self) or self.purchases.isVisibleTo(self)
            layout.setStretch(layout.count() - 1, 0 if listing else 1)
        self.confirm.setEnabled(state == "review" and needs["can_confirm"])
        self.sig_state.emit(state)

    def _show_row(self, field: QWidget, visible: bool) -> None:
        field.setVisible(visible)
        label = self.form.labelForField(field)
        if label is not None:
            label.setVisible(visible)

    def _needs(self) -> dict[str, bool]:
        d = self.decision or {}
        refusals = d.get("refusals", [])
        can_override = overridable(d)
        override = can_override or self.cash_back.isChecked()
        approver = bool(d.get("needs", {}).get("needed"))  # the core's answer for this role
        tenders = (self.receipt or {}).get("tenders", [])
        codes = {r["code"] for r in refusals}
        return {
            "buyer": "return.not_buyer" in codes or self.buyer.isChecked(),
            "override": override, "approver": approver,
            "signature": bool(d.get("signature", {}).get("required")),
            "non_cash": any(td["tender"] != "cash" for td in tenders),
            "can_confirm": bool(d) and (not refusals or can_override),
        }

    def _say(self, words: str | Callable[[], str], problem: bool = False) -> None:
        """The hint under the box; given as a function of the language it is said again in the
        other language when the clerk switches."""
        self._say_words(words if callable(words) else (lambda: words), problem)

    def _say_words(self, words: Callable[[], str], problem: bool) -> None:
        self._hint = words
        self.hint.setText(words())
        self.hint.setProperty("problem", problem)
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)

    def _fail(self, error: BaseException) -> None:
        if not isinstance(error, DeskError):
            log.error("return screen: unexpected failure", exc_info=error)
        self._say(lambda: error_text(error), problem=True)

    def focus_box(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def scan_box(self) -> QWidget:
        """Where the window's scanner routes scans while this page is shown."""
        return self.box

    def take_scan(self, text: str) -> None:
        """A scan on this page, from whatever had the focus: a new receipt (a case on screen is
        put aside, its approval with it)."""
        self.clear_approval()
        self.box.setText(text.strip())
        self.focus_box()
        self.load()

    def start_from_repair(self, receipt_no: str, why: str) -> None:
        """The repair intake hands over a 三包 exchange-or-return: the receipt is looked up as
        if scanned, and the reason a manager's override needs (past the exchange window) is
        the core's verdict, already filled in."""
        if self.state != "busy":
            self._set_state("scan")
        self.handed_over = why
        self.box.setText(receipt_no)
        self.load()

    # --- scan -> lines ----------------------------------------------------------------------

    def load(self) -> None:
        text = self.box.text().strip()
        if not text:
            return
        self._say(lambda: self.tr("Looking up %1 ...").replace("%1", text))
        self.clear_approval()
        self.found_by, self.customer_id = "receipt", None
        self.ctx.query(load_receipt, text, done=self._loaded)

    def _loaded(self, data: dict[str, Any] | None, error: BaseException | None) -> None:
        if error is not None or data is None:
            self._fail(error or RuntimeError("nothing"))
            self.focus_box()
            return
        if data["kind"] == "purchases":
            self._show_purchases(data)
            return
        self.receipt = data
        self.decision = None
        self.done_label.clear()
        for w in (self.override, self.approver, self.pin):
            w.clear()
        for box in (self.cash_back, self.buyer):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.reason.setCurrentIndex(0)
        if self.handed_over:  # from the repair intake: a quality problem, the core's words
            self.override.setText(self.handed_over)
            self.reason.setCurrentIndex(max(0, self.reason.findData("quality")))
            self.handed_over = ""
        who = data.get("customer")
        self._title = lambda: self.tr("Receipt %1 · %2 · paid %3").replace(
            "%1", data["receipt_no"]).replace("%2", data["sold_at"].replace("T", " ")).replace(
            "%3", format_yuan(data["paid_fen"])) + (f" · {who['name']}" if who else "")
        self.title.setText(self._title())
        self._fill_lines(data["lines"])
        if not data["store_ok"]:
            self._say(lambda: self.tr("This receipt is from another store: it is returned there."),
                      problem=True)
        elif not any(ln["returnable"] for ln in data["lines"]):
            self._say(lambda: self.tr("Everything on this receipt has been returned already."),
                      problem=True)
        else:
            self._say(lambda: self.tr("Space ticks a line, + / - or a digit sets the quantity, "
                                      "Enter shows the decision."))
        self._set_state("select")
        self.table.setFocus()

    def _show_purchases(self, data: dict[str, Any]) -> None:
        """A customer found by phone, last 4 or member number: choose the receipt (no-receipt
        return), in a list of its own."""
        self.found_by, self.customer_id = data["found_by"], data["customer_id"]
        self.picking = data["receipts"]
        self.receipt = None
        self.decision = None
        name = data["name"]
        self._title = (lambda: self.tr("%1's receipts: choose one (Enter)").replace("%1", name)) \
            if name else (lambda: self.tr("Receipts of the customers with this number: ask "
                                          "which is theirs, choose one (Enter)"))
        self.title.setText(self._title())
        self.purchases.setRowCount(0)
        for r in self.picking:
            row = self.purchases.rowCount()
            self.purchases.insertRow(row)
            for col, text in ((PICK_RECEIPT, r["receipt_no"]),
                              (PICK_DATE, r["sold_at"].replace("T", " ")[:16]),
                              (PICK_PAID, format_yuan(r["paid_fen"])),
                              (PICK_CUSTOMER, f"{r['customer_name']}  {r['phone']}")):
                self.purchases.setItem(row, col, QTableWidgetItem(text))
        by_member = self.found_by == "member"
        self._say(lambda: self.tr("Return without the receipt: found by %1.").replace(
            "%1", self.tr("member number") if by_member else self.tr("phone")))
        self._set_state("pick")
        if self.picking:
            self.purchases.selectRow(0)
        self.purchases.setFocus()

    def _fill_lines(self, lines: list[dict[str, Any]]) -> None:
        self.picking = []
        self.table.setRowCount(0)
        open_lines = [ln for ln in lines if ln["returnable"] and not ln["is_gift"]]
        for ln in lines:
            row = self.table.rowCount()
            self.table.insertRow(row)
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            only = len(open_lines) == 1 and ln is open_lines[0]
            tick.setCheckState(Qt.CheckState.Checked if only else Qt.CheckState.Unchecked)
            self.table.setItem(row, COL_TICK, tick)
            name = ln["name"] + (self.tr(" (gift)") if ln["is_gift"] else "")
            for col, text in ((COL_NO, str(ln["line_no"])), (COL_NAME, name),
                              (COL_SOLD, str(ln["qty"])), (COL_LEFT, str(ln["returnable"])),
                              (COL_QTY, str(ln["returnable"] if only else 0)),
                              (COL_PAID, format_yuan(ln["paid_fen"]))):
                item = QTableWidgetItem(text)
                if not ln["returnable"]:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, col, item)
        first = next((i for i, ln in enumerate(lines) if ln["returnable"]), 0)
        if lines:
            self.table.selectRow(first)

    def _row_line(self, row: int) -> dict[str, Any] | None:
        if self.receipt is None or not 0 <= row < len(self.receipt["lines"]):
            return None
        line: dict[str, Any] = self.receipt["lines"][row]
        return line

    def _qty(self, row: int) -> int:
        item = self.table.item(row, COL_QTY)
        return int(item.text()) if item and item.text().isdigit() else 0

    def _set_qty(self, row: int, qty: int) -> None:
        line = self._row_line(row)
        if line is None:
            return
        left = int(line["returnable"])
        if qty > left:  # say why the quantity stays where it is
            self._say(lambda: self.tr("Nothing is left to return on this line.") if not left
                      else self.tr("Only %n left to return on this line.", "", left),
                      problem=True)
        qty = max(0, min(qty, left))
        qty_item, tick_item = self.table.item(row, COL_QTY), self.table.item(row, COL_TICK)
        if qty_item is None or tick_item is None:
            return
        qty_item.setText(str(qty))
        tick_item.setCheckState(Qt.CheckState.Checked if qty else Qt.CheckState.Unchecked)
        if self.state == "review":
            self._set_state("select")

    def _toggle(self, row: int) -> None:
        if self.receipt is None:
            return
        line = self._row_line(row)
        if line is None:
            return
        self._set_qty(row, 0 if self._qty(row) else line["returnable"])

    def _pick(self, row: int) -> None:
        if 0 <= row < len(self.picking):
            self.box.setText(self.picking[row]["receipt_no"])
            found_by, customer = self.found_by, self.picking[row]["customer_id"]
            self.ctx.query(load_receipt, self.picking[row]["receipt_no"],
                           done=lambda data, error: self._picked(data, error, found_by,
                                                                 customer))

    def _picked(self, data: Any, error: BaseException | None, found_by: str,
                customer: str | None) -> None:
        self.found_by, self.customer_id = found_by, customer
        self._loaded(data, error)

    def selected_lines(self) -> list[ReturnLineInput]:
        if self.receipt is None:
            return []
        out = []
        for row, ln in enumerate(self.receipt["lines"]):
            qty = self._qty(row)
            if qty:
                out.append(ReturnLineInput(line_no=ln["line_no"], qty=qty))
        return out

    # --- decision -----------------------------------------------------------------------------

    def command(self) -> RecordReturn:
        assert self.receipt is not None
        # the receipt's customer stands for the person at the counter only when the clerk says
        # so (jewelry goes back only with its buyer) or the purchase was found by their phone
        customer = self.customer_id
        if customer is None and self.buyer.isChecked():
            customer = (self.receipt.get("customer") or {}).get("customer_id")
        return RecordReturn(
            receipt_no=self.receipt["receipt_no"], lines=self.selected_lines(),
            reason=str(self.reason.currentData() or ""), found_by=self.found_by,
            customer_id=customer, cash_back=self.cash_back.isChecked(),
            override_reason=self.override.text().strip(),
            approver_id=self.approver.text().strip(), approver_pin=self.pin.text())

    def review(self) -> None:
        if self.receipt is None or self.state not in ("select", "review"):
            return
        if not self.selected_lines():
            self._say(lambda: self.tr("Tick at least one line (Space)."), problem=True)
            return
        cmd = self.command()
        if cmd.cash_back and not cmd.override_reason:
            cmd = replace(cmd, override_reason="-")  # the preview only: the reason comes later
        today = self.ctx.bus.clock.local_now().date()
        self.ctx.query(preview, cmd, today, self.ctx.session.role, done=self._reviewed)

    def _reviewed(self, decision: dict[str, Any] | None, error: BaseException | None) -> None:
        if error is not None or decision is None:
            self._fail(error or RuntimeError("no decision"))
            return
        self.decision = decision
        self._show_decision(decision)
        self._set_state("review")
        needs = self._needs()
        if decision["refusals"]:
            first = decision["refusals"][0]
            self._say(lambda: error_text(DeskError(first["code"], **first["params"])),
                      problem=True)
        else:
            self._say(lambda: self.tr("Enter confirms the refund; Esc goes back to the lines."))
        if needs["buyer"] and not self.buyer.isChecked():
            self.buyer.setFocus()
        elif needs["override"] and not self.override.text().strip():
            self.override.setFocus()
        elif needs["approver"] and not self.approver.text().strip():
            self.approver.setFocus()
        else:
            self.confirm.setFocus()

    def _show_decision(self, decision: dict[str, Any]) -> None:
        """The amount, what the confirm button does (never one that cannot be done) and the
        explanation, in the language shown."""
        refused = bool(decision["refusals"])
        pending = decision["approval"]["level"] == "head_office"
        amount = format_yuan(decision["refund_fen"])
        if refused:
            text = self.tr("Not returnable by the policy (%1)").replace("%1", amount)
        elif pending:
            text = self.tr("%1 asked: waits for head office, nothing is refunded now").replace(
                "%1", amount)
        else:
            text = self.tr("Refund %1").replace("%1", amount)
        self.refund.setText(text)
        self.refund.setProperty("refused", refused)
        self.refund.setProperty("pending", pending)
        self.refund.style().unpolish(self.refund)
        self.refund.style().polish(self.refund)
        self.confirm.setText(self.tr("Override and confirm (Enter)") if refused
                             else self.tr("Confirm refund (Enter)"))
        self.explain.setText(explanation(decision))

    # --- confirm --------------------------------------------------------------------------------

    def submit(self) -> None:
        if self.state != "review" or not self._needs()["can_confirm"]:
            return
        needs = self._needs()
        if needs["override"] and not self.override.text().strip():
            self._say(lambda: self.tr("The manager's reason for the override is needed."),
                      problem=True)
            self.override.setFocus()
            return
        if needs["approver"] and not (self.approver.text().strip() and self.pin.text()):
            self._say(lambda: self.tr("A manager approves: staff id and PIN."), problem=True)
            (self.pin if self.approver.text().strip() else self.approver).setFocus()
            return
        cmd = self.command()
        if needs["signature"]:
            if self.signature_provider is None:
                self._say(lambda: self.tr("The customer must sign on the signature pad, and no "
                                          "pad is connected: the return cannot be confirmed."),
                          problem=True)
                return
            self.signature_provider(cmd, lambda ref: self._signed(cmd, ref))
            return
        self._dispatch(cmd)

    def _signed(self, cmd: RecordReturn, ref: str | None) -> None:
        if not ref:
            self.clear_approval()  # a new try asks the manager again
            self._say(lambda: self.tr("No signature: nothing was recorded. The manager approves "
                                      "again."), problem=True)
            return
        self._dispatch(replace(cmd, signature_ref=ref))

    def _dispatch(self, cmd: RecordReturn) -> None:
        self._set_state("busy")
        self.ctx.run_command(cmd, self._recorded)

    def _recorded(self, result: dict[str, Any] | None, error: BaseException | None) -> None:
        self.pin.clear()
        if error is not None or result is None:
            self._set_state("review")
            self._fail(error or RuntimeError("nothing recorded"))
            if isinstance(error, DeskError) and error.code.startswith("auth."):
                self.pin.setFocus()
            return
        self._done = lambda: self._done_words(result)
        self.done_label.setText(self._done())
        self.sig_completed.emit(result)
        self.receipt = None
        self.decision = None
        self.found_by, self.customer_id = "receipt", None
        self.table.setRowCount(0)
        self.box.clear()
        self._say(lambda: self.tr("Ready for the next customer: scan a receipt."))
        self._set_state("done")
        self.focus_box()

    def _done_words(self, result: dict[str, Any]) -> str:
        money = format_yuan(result["refund_fen"])
        if result["status"] == "pending":
            text = self.tr("Case %1 recorded: %2 waits for head office's approval; nothing was "
                           "refunded yet. The customer gets the pending slip.")
        else:
            text = self.tr("Return %1 done: %2 refunded.")
        return text.replace("%1", result["return_id"]).replace("%2", money)

    # --- keys -------------------------------------------------------------------------------------

    def go_back(self) -> None:
        self.clear_approval()
        if self.state == "review":
            self._set_state("select")
            self.table.setFocus()
        elif self.state in ("select", "pick"):
            self._set_state("scan")
            self.focus_box()

    def clear_approval(self) -> None:
        """A manager's id and PIN never outlive the decision they were typed for: cleared on
        every way out (back, a new scan, a cancelled signature, leaving the page, locking)."""
        self.approver.clear()
        self.pin.clear()
        self.override.clear()

    def case_in_progress(self) -> bool:
        """A return is on screen and not recorded: closing the window asks first."""
        return self.state in ("select", "review", "busy") and self.receipt is not None

    def hideEvent(self, event: Any) -> None:
        self.clear_approval()
        super().hideEvent(event)

    def handle_key(self, obj: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if key == Qt.Key.Key_Escape:
            self.go_back()
            return True
        if obj is self.purchases:
            if enter:
                self._pick(self.purchases.currentRow())
                return True
            return False
        if obj is self.table:
            row = self.table.currentRow()
            if enter:
                if self.state == "review":
                    self.submit()
                else:
                    self.review()
                return True
            if key == Qt.Key.Key_Space:
                self._toggle(row)
                return True
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self._set_qty(row, self._qty(row) + 1)
                return True
            if key == Qt.Key.Key_Minus:
                self._set_qty(row, self._qty(row) - 1)
                return True
            if event.text().isdigit() and self.receipt is not None:
                self._set_qty(row, int(event.text()))
                return True
            return False
        if obj is self.reason and enter:
            self.review()
            return True
        if enter and obj is self.override:
            (self.approver if self._needs()["approver"] else self.confirm).setFocus()
            if not self._needs()["approver"]:
                self.submit()
            return True
        if enter and obj is self.approver:
            self.pin.setFocus()
            return True
        if enter and obj in (self.pin, self.confirm, self.cash_back, self.buyer):
            self.submit()
            return True
        return False
