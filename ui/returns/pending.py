"""The list of cases waiting for head office (returns and compensations above the manager's
limit), with the clerks' and stores' names and the full case number.

On a store's counter it is read-only: the cases complete when head office's decision arrives
through sync. On head office's own counter (desk.staff.head_office.is_head_office) the selected
case is approved or refused here; a refusal needs its reason (the core refuses one without)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desk.catalog.queries import store_names
from desk.platform.changes import Changed
from desk.platform.db import Connection
from desk.returns.commands import DecideHeadOffice
from desk.returns.queries import pending_cases
from desk.staff.head_office import is_head_office
from desk.staff.queries import staff_names
from ui.context import AppContext
from ui.errors import error_text
from ui.table_model import Column
from ui.widgets.list_page import QueryListPage, money
from ui.widgets.naming import named

translate = QCoreApplication.translate
CASE_COLUMN, STORE_COLUMN = 0, 1


def _kind(value: str) -> str:
    return {"return": translate("returns", "Return"),
            "compensation": translate("returns", "Compensation")}.get(value, value)


@dataclass(frozen=True)
class PendingCase:
    case_id: str
    case_kind: str
    at: str
    receipt_no: str
    amount_fen: int
    clerk: str  # the name (the staff id when the name is not known here)
    store: str  # the store's name, likewise


def pending_with_names(conn: Connection) -> list[PendingCase]:
    """On the database worker: the cases, with names instead of ids."""
    cases = pending_cases(conn)
    staff = staff_names(conn, {c["actor"] for c in cases} - {""})
    stores = store_names(conn, {c["store_id"] for c in cases})
    return [PendingCase(c["case_id"], c["case_kind"], str(c["at"]), c["receipt_no"] or "",
                        int(c["amount_fen"]), staff.get(c["actor"], c["actor"]),
                        stores.get(c["store_id"], c["store_id"])) for c in cases]


class PendingCasesPage(QueryListPage):
    shows = frozenset({Changed.RETURNS, Changed.COMPENSATIONS, Changed.APPROVALS})
    query = staticmethod(pending_with_names)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self.head_office = False  # known once asked (on the database worker)
        super().__init__(ctx, parent)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(CASE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setColumnHidden(STORE_COLUMN, True)  # a store's counter: its own cases only
        self.reason = QLineEdit()
        self.approve_button = named(QPushButton(), "primary")
        self.refuse_button = QPushButton()
        self.message = named(QLabel(), "hint")
        self.message.setWordWrap(True)
        self.decision_row = QWidget()
        row = QHBoxLayout(self.decision_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.reason, 1)
        row.addWidget(self.approve_button)
        row.addWidget(self.refuse_button)
        self.column.addWidget(self.decision_row)
        self.column.addWidget(self.message)
        self.decision_row.hide()  # until this counter is known to be head office's
        self.approve_button.clicked.connect(lambda: self.decide("approved"))
        self.refuse_button.clicked.connect(lambda: self.decide("refused"))
        self.reason.returnPressed.connect(lambda: self.decide("refused"))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.enable())
        self.model.modelReset.connect(self.enable)
        self.retranslate()
        ctx.query(is_head_office, done=self._counter_known)

    def _counter_known(self, head_office: Any, error: BaseException | None) -> None:
        self.head_office = bool(head_office) and error is None
        self.decision_row.setVisible(self.head_office)
        self.view.setColumnHidden(STORE_COLUMN, not self.head_office)
        self.enable()

    def selected(self) -> PendingCase | None:
        rows = self.view.selectionModel().selectedRows()
        case: PendingCase | None = self.model.row_at(rows[0].row()) if rows else None
        return case

    def enable(self) -> None:
        chosen = self.head_office and self.selected() is not None
        for widget in (self.reason, self.approve_button, self.refuse_button):
            widget.setEnabled(chosen)

    def decide(self, decision: str) -> None:
        case = self.selected()
        if not self.head_office or case is None:
            return
        reason = self.reason.text().strip()
        if decision == "refused" and not reason:
            self.message.setText(translate("returns", "Write why it is refused: the store and "
                                                      "the customer are told."))
            self.reason.setFocus()
            return
        for widget in (self.approve_button, self.refuse_button):
            widget.setEnabled(False)

        def done(_value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.setText(error_text(error))
                self.enable()
                return
            self.reason.clear()
            words = (translate("returns", "Case %1 approved.") if decision == "approved"
                     else translate("returns", "Case %1 refused."))
            self.message.setText(words.replace("%1", case.case_id))

        self.ctx.run_command(DecideHeadOffice(case_id=case.case_id, decision=decision,
                                              reason=reason), done)

    def title(self) -> str:
        return self.tr("Waiting for head office")

    def columns(self) -> list[Column]:
        return [
            Column("case_id", lambda: translate("returns", "Case")),
            Column("store", lambda: translate("returns", "Store")),
            Column("case_kind", lambda: translate("returns", "Kind"), _kind),
            Column("at", lambda: translate("returns", "Recorded"),
                   lambda v: str(v).replace("T", " ")[:16]),
            Column("receipt_no", lambda: translate("returns", "Receipt or ticket")),
            Column("amount_fen", lambda: translate("returns", "Amount"), money,
                   align_right=True),
            Column("clerk", lambda: translate("returns", "Clerk")),
        ]

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "reason"):
            return  # the base class's first call, before this page's own widgets exist
        self.reason.setPlaceholderText(translate("returns", "Reason (a refusal needs one)"))
        self.approve_button.setText(translate("returns", "Approve"))
        self.refuse_button.setText(translate("returns", "Refuse"))
