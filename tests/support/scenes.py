"""States of the pages a clerk sees most, put there by keyboard as a clerk would: the page walk
photographs each page as it opens and then in these states."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import text


def one(app: Any, sql: str) -> Any:
    with app.ctx.db.engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def type_and_enter(qtbot: Any, box: Any, words: str) -> None:
    box.setFocus()
    box.clear()
    qtbot.keyClicks(box, words)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def settle(qtbot: Any, app: Any) -> None:
    qtbot.waitUntil(lambda: app.runner.pending == 0, timeout=20_000)


def lookup_results(qtbot: Any, app: Any, page: Any) -> None:
    initials = one(app, "SELECT name_initials FROM customers ORDER BY customer_id LIMIT 1")
    type_and_enter(qtbot, page.box, initials)  # a clerk types the name's pinyin initials


def lookup_receipt(qtbot: Any, app: Any, page: Any) -> None:
    receipt = one(app, "SELECT receipt_no FROM receipts ORDER BY sold_at DESC LIMIT 1")
    type_and_enter(qtbot, page.box, receipt)


def return_lines(qtbot: Any, app: Any, page: Any) -> None:
    receipt = one(app, "SELECT r.receipt_no FROM receipts r JOIN receipt_lines l"
                       " ON l.receipt_no = r.receipt_no GROUP BY r.receipt_no"
                       " HAVING COUNT(*) >= 3 ORDER BY r.sold_at DESC LIMIT 1")
    type_and_enter(qtbot, page.box, receipt)


def return_decision(qtbot: Any, app: Any, page: Any) -> None:
    settle(qtbot, app)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)


def return_by_phone(qtbot: Any, app: Any, page: Any) -> None:
    phone = one(app, "SELECT c.phone FROM customers c JOIN receipts r"
                     " ON r.customer_id = c.customer_id GROUP BY c.customer_id"
                     " HAVING COUNT(*) >= 2 LIMIT 1")
    type_and_enter(qtbot, page.box, phone)


def open_ticket(qtbot: Any, app: Any, page: Any) -> None:
    code = one(app, "SELECT code FROM tickets WHERE status = 'open' ORDER BY step DESC LIMIT 1")
    page.load(code)


Scene = Callable[[Any, Any, Any], None]
SCENES: dict[str, list[tuple[str, Scene | None]]] = {
    "lookup": [("", None), ("results", lookup_results), ("receipt", lookup_receipt)],
    "returns": [("", None), ("lines", return_lines), ("decision", return_decision),
                ("phone", return_by_phone)],
    "repair_ticket": [("", None), ("ticket", open_ticket)],
    "tickets": [("", None), ("ticket", open_ticket)],
}
