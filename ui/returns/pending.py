"""The manager's list of cases waiting for head office (returns and compensations above the
manager's limit). They complete when head office's approval arrives through sync."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.platform.changes import Changed
from desk.returns.queries import pending_cases
from ui.table_model import Column
from ui.widgets.list_page import QueryListPage, money

translate = QCoreApplication.translate


def _kind(value: str) -> str:
    return {"return": translate("returns", "Return"),
            "compensation": translate("returns", "Compensation")}.get(value, value)


class PendingCasesPage(QueryListPage):
    shows = frozenset({Changed.RETURNS, Changed.COMPENSATIONS, Changed.APPROVALS})
    query = staticmethod(pending_cases)

    def title(self) -> str:
        return self.tr("Waiting for head office")

    def columns(self) -> list[Column]:
        return [
            Column("case_id", lambda: translate("returns", "Case")),
            Column("case_kind", lambda: translate("returns", "Kind"), _kind),
            Column("at", lambda: translate("returns", "Recorded"),
                   lambda v: str(v).replace("T", " ")),
            Column("receipt_no", lambda: translate("returns", "Receipt")),
            Column("amount_fen", lambda: translate("returns", "Amount"), money),
            Column("actor", lambda: translate("returns", "Clerk")),
        ]
