"""Compensation at the counter: choose the rule, give the facts, see the decision with its
explanation, a manager's PIN where the policy asks, confirm. The numbers come from the policy
(desk/returns/compensation.py); this screen only collects the facts and shows the decision."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.platform.errors import DeskError
from desk.platform.money import format_yuan, parse_yuan
from desk.returns.commands import AwardCompensation
from desk.returns.counter_queries import preview_compensation_for
from desk.returns.explain import audit_line, sentences
from ui.context import AppContext
from ui.errors import error_text
from ui.i18n import current_language
from ui.widgets.naming import named

translate = QCoreApplication.translate

KINDS = ("quality", "service_complaint", "late_repair", "fraud", "unsafe_food")



def kind_name(kind: str) -> str:
    return {
        "quality": translate("compensation", "Quality problem / recall"),
        "service_complaint": translate("compensation", "Verified service complaint"),
        "late_repair": translate("compensation", "Late repair"),
        "fraud": translate("compensation", "Fraud (3 × price, statutory)"),
        "unsafe_food": translate("compensation", "Unsafe food (10 × price, statutory)"),
    }.get(kind, kind)


class CompensationPage(QWidget):
    """The compensation screen (ui/main_window.py PAGES: "compensation").

    Keyboard from start to end: the rule has the focus when the screen shows; Tab through the
    facts; Enter in a field shows the decision; the focus goes to the manager's id (when one
    must approve) or to the confirm button, where Enter confirms; the customer signs on the pad;
    the slip prints (the app wires sig_completed to the printer)."""

    sig_completed = Signal(dict)  # the recorded compensation: its slip prints

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # (command, done(signature_id | None)): the pad, wired by the app (ui/signatures/signing)
        self.signature_provider: Callable[[Any, Callable[[str | None], None]], None] | None = None
        self.signs = False
        self.decision: dict[str, Any] | None = None
        self._build()
        self.retranslate()
        self._kind_changed()

    # --- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = named(QLabel(), "pageTitle")
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.receipt = QLineEdit()
        self.line_no = QSpinBox()
        self.line_no.setRange(0, 999)
        self.ticket = QLineEdit()
        self.price = QLineEdit()
        self.loss = QLineEdit()
        self.extra = QLineEdit()
        self.label_only = QCheckBox()
        self.reason = QLineEdit()
        self.approver = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = {name: QLabel() for name in (
            "kind", "receipt", "line", "ticket", "price", "loss", "extra", "reason", "approver",
            "pin")}
        self.form = QFormLayout()
        for name, field in (("kind", self.kind), ("receipt", self.receipt),
                            ("line", self.line_no), ("ticket", self.ticket),
                            ("price", self.price), ("loss", self.loss), ("extra", self.extra)):
            self.form.addRow(self.labels[name], field)
        self.form.addRow("", self.label_only)
        self.form.addRow(self.labels["reason"], self.reason)
        self.review_button = QPushButton()
        self.review_button.setAutoDefault(True)  # Enter on a focused button presses it
        self.amount = named(QLabel(), "pageTitle")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.RichText)
        approval = QHBoxLayout()
        for w in (self.labels["approver"], self.approver, self.labels["pin"], self.pin):
            approval.addWidget(w)
        self.confirm = named(QPushButton(), "primary")
        self.confirm.setAutoDefault(True)
        self.message = named(QLabel(), "hint")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.amount)
        layout.addWidget(self.explain)
        layout.addLayout(approval)
        layout.addWidget(self.confirm, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.review_button.clicked.connect(self.review)
        self.confirm.clicked.connect(self.submit)
        for edit in (self.receipt, self.ticket, self.price, self.loss, self.extra, self.reason):
            edit.returnPressed.connect(self.review)
            edit.textEdited.connect(self._facts_changed)
        self.line_no.valueChanged.connect(self._facts_changed)
        self.label_only.toggled.connect(self._facts_changed)
        self.pin.returnPressed.connect(self.submit)
        self.approver.returnPressed.connect(self.pin.setFocus)
        self._set_reviewed(None)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        shown = {
            "receipt": kind != "late_repair", "line": kind != "late_repair",
            "ticket": kind == "late_repair", "price": kind in ("fraud", "unsafe_food"),
            "loss": kind == "unsafe_food", "extra": kind == "quality",
        }
        fields = {"receipt": self.receipt, "line": self.line_no, "ticket": self.ticket,
                  "price": self.price, "loss": self.loss, "extra": self.extra}
        for name, visible in shown.items():
            self.form.setRowVisible(fields[name], visible)
        self.form.setRowVisible(self.label_only, kind == "unsafe_food")
        self._facts_changed()

    def _facts_changed(self) -> None:
        self._set_reviewed(None)

    def _set_reviewed(self, decision: dict[str, Any] | None) -> None:
        self.decision = decision
        needs = bool((decision or {}).get("needs", {}).get("needed"))  # the core's answer
        signs = bool((decision or {}).get("signature", {}).get("required"))
        for w in (self.labels["approver"], self.approver, self.labels["pin"], self.pin):
            w.setVisible(needs)
        self.signs = signs
        self.confirm.setEnabled(bool(decision) and not (decision or {}).get("refusals"))
        if decision is None:
            self.amount.clear()
            self.explain.clear()

    def start_late_repair(self, ticket_code: str) -> None:
        """Handed over from a ticket picked up late: the late-repair rule, the ticket, the
        decision worked out at once."""
        self.kind.setCurrentIndex(self.kind.findData("late_repair"))
        self.ticket.setText(ticket_code)
        self.review()

    # --- the command ----------------------------------------------------------------------------
    def _fen(self, edit: QLineEdit) -> int:
        text = edit.text().strip()
        return parse_yuan(text) if text else 0

    def command(self) -> AwardCompensation:
        kind = str(self.kind.currentData())
        receipt = self.receipt.text().strip().upper() or None
        return AwardCompensation(
            kind=kind, reason=self.reason.text().strip(),
            receipt_no=receipt if kind != "late_repair" else None,
            line_no=(self.line_no.value() or None) if receipt and kind != "late_repair" else None,
            ticket_code=self.ticket.text().strip().upper() or None
            if kind == "late_repair" else None,
            price_fen=self._fen(self.price), loss_fen=self._fen(self.loss),
            extra_loss_fen=self._fen(self.extra), label_defect_only=self.label_only.isChecked(),
            approver_id=self.approver.text().strip(), approver_pin=self.pin.text(),
            )

    def review(self) -> None:
        try:
            cmd = self.command()
        except DeskError as err:
            self._say(error_text(err), problem=True)
            return
        today = self.ctx.bus.clock.local_now().date()
        self._say(translate("compensation", "Working out the decision…"))
        self.ctx.query(preview_compensation_for, cmd, today, self.ctx.session.role,
                       done=self._reviewed)

    def _reviewed(self, decision: dict[str, Any] | None, error: BaseException | None) -> None:
        if error is not None or decision is None:
            self._set_reviewed(None)
            self._say(error_text(error or RuntimeError()), problem=True)
            return
        self._set_reviewed(decision)
        self.amount.setText(translate("compensation", "Compensation %1").replace(
            "%1", format_yuan(decision["amount_fen"])))
        self.explain.setText(self._explanation(decision))
        if decision["refusals"]:
            first = decision["refusals"][0]
            self._say(error_text(DeskError(first["code"], **first["params"])), problem=True)
            return
        if not self.reason.text().strip():
            self._say(translate("compensation", "Write what happened (it shows on reports)."),
                      problem=True)
            self.reason.setFocus()
            return
        self._say(translate("compensation", "Check the decision, then confirm."))
        (self.approver if self.approver.isVisible() else self.confirm).setFocus()

    def _explanation(self, d: dict[str, Any]) -> str:
        e = html.escape
        level = {
            "clerk": translate("compensation", "within the clerk's authority"),
            "manager": translate("compensation", "a manager approves (staff id and PIN)"),
            "head_office": translate("compensation", "head office approves: it waits as pending"),
        }.get(str(d["approval"]["level"]), str(d["approval"]["level"]))
        parts = [e(kind_name(str(d["kind"]))) + " — " + e(level)]
        if d["statutory"]:
            parts.append(e(translate("compensation", "Statutory payout, on top of the refund.")))
        parts += [e(words) for words in sentences(d["rules"], current_language())]
        audit = " · ".join(e(audit_line(r)) for r in d["rules"])  # for the store, in small print
        policy = translate("compensation", "Policy")
        parts.append(f"<small>{e(policy)} "
                     f"{e(d['policy_version'])} · {audit}</small>")
        return "<br>".join(parts)

    def submit(self) -> None:
        if self.decision is None or not self.confirm.isEnabled():
            return
        if not self.reason.text().strip():
            self._say(translate("compensation", "Write what happened (it shows on reports)."),
                      problem=True)
            self.reason.setFocus()
            return
        command = self.command()
        if not self.signs:
            self._record(command)
            return
        if self.signature_provider is None:
            self._say(translate("compensation", "The customer must sign on the signature pad, and "
                                                "no pad is connected."), problem=True)
            return
        self.confirm.setEnabled(False)
        self.signature_provider(command, lambda ref: self._signed(command, ref))

    def _signed(self, command: AwardCompensation, ref: str | None) -> None:
        if not ref:
            self.confirm.setEnabled(True)
            self._say(translate("compensation", "No signature: nothing was recorded."),
                      problem=True)
            return
        self._record(replace(command, signature_ref=ref))

    def _record(self, command: AwardCompensation) -> None:
        self.confirm.setEnabled(False)
        self.ctx.run_command(command, self._recorded)

    def _recorded(self, result: dict[str, Any] | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            self.confirm.setEnabled(True)
            self.pin.clear()
            self._say(error_text(error or RuntimeError()), problem=True)
            return
        words = (translate("compensation", "Compensation %1 recorded: %2, waits for head "
                                           "office. The slip is printing.")
                 if result["status"] == "pending"
                 else translate("compensation", "Compensation %1 recorded: %2. The slip is "
                                                "printing."))
        self.reset()
        self._say(words.replace("%1", result["compensation_id"])
                  .replace("%2", format_yuan(result["amount_fen"])))
        self.sig_completed.emit(result)

    def reset(self) -> None:
        for edit in (self.receipt, self.ticket, self.price, self.loss, self.extra, self.reason,
                     self.approver, self.pin):
            edit.clear()
        self.line_no.setValue(0)
        self.label_only.setChecked(False)
        self._set_reviewed(None)
        self.kind.setFocus()

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setObjectName("error" if problem else "hint")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.decision is None:
            self.kind.setFocus()  # the first field: a clerk starts typing at once

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(translate("compensation", "Compensation"))
        for i, kind in enumerate(KINDS):
            self.kind.setItemText(i, kind_name(kind))
        words = {
            "kind": translate("compensation", "Rule"),
            "receipt": translate("compensation", "Receipt"),
            "line": translate("compensation", "Line (0 = none)"),
            "ticket": translate("compensation", "Repair ticket"),
            "price": translate("compensation", "Price paid (yuan)"),
            "loss": translate("compensation", "Customer's loss (yuan)"),
            "extra": translate("compensation", "Negotiated extra loss (yuan)"),
            "reason": translate("compensation", "What happened"),
            "approver": translate("compensation", "Manager"),
            "pin": translate("compensation", "PIN"),
        }
        for name, text in words.items():
            self.labels[name].setText(text)
        self.label_only.setText(translate(
            "compensation", "Only a label defect (neither unsafe nor misleading)"))
        self.review_button.setText(translate("compensation", "Show the decision (Enter)"))
        self.confirm.setText(translate("compensation", "Confirm compensation"))
