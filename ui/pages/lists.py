"""The first screens of each area: today's receipts at the counter, open tickets in the workshop,
the staff list for managers. Later capabilities add their own pages beside these."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.platform.changes import Changed
from desk.sales.queries import recent_receipts
from desk.staff.queries import staff_list
from ui.roles import role_name
from ui.table_model import Column
from ui.widgets.list_page import QueryListPage, money

translate = QCoreApplication.translate


def _level(value: str) -> str:
    return {
        "simple": translate("lists", "Simple"),
        "complex": translate("lists", "Complex"),
        "major": translate("lists", "Major"),
    }.get(value, value)


class RecentReceiptsPage(QueryListPage):
    shows = frozenset({Changed.RECEIPTS})
    query = staticmethod(recent_receipts)

    def title(self) -> str:
        return self.tr("Latest receipts")

    def columns(self) -> list[Column]:
        return [
            Column("receipt_no", lambda: translate("lists", "Receipt")),
            Column(
                "sold_at", lambda: translate("lists", "Sold at"), lambda v: str(v).replace("T", " ")
            ),
            Column("customer_name", lambda: translate("lists", "Customer")),
            Column("paid_fen", lambda: translate("lists", "Paid"), money, align_right=True),
        ]


class StaffPage(QueryListPage):
    shows = frozenset({Changed.STAFF})
    query = staticmethod(staff_list)

    def title(self) -> str:
        return self.tr("Staff")

    def columns(self) -> list[Column]:
        return [
            Column("staff_id", lambda: translate("lists", "Staff ID")),
            Column("name", lambda: translate("lists", "Name")),
            Column("role", lambda: translate("lists", "Role"), role_name),
            Column(
                "active",
                lambda: translate("lists", "Active"),
                lambda v: translate("lists", "yes") if v else translate("lists", "no"),
            ),
        ]
