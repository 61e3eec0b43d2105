"""Detail views: a receipt, a customer, a ticket, a product. Each shows one dataclass of
desk.lookup.detail_types and asks (sig_open) to open what it links to; all reachable by keyboard:
Tab moves between the tables and links, Enter on a row opens it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.lookup.detail_types import (
    CustomerBrief,
    CustomerDetail,
    Detail,
    ProductDetail,
    PromotionApplied,
    ReceiptDetail,
    ReceiptLine,
    TicketDetail,
)
from ui.lookup.words import (
    compensation_name,
    level_name,
    promotion_name,
    status_name,
    step_name,
    tender_name,
    when,
)
from ui.table_model import Column, RowTableModel, cell
from ui.widgets.list_page import money
from ui.widgets.naming import named

translate = QCoreApplication.translate


def _table(columns: Sequence[Column], parent: QWidget,
           stretch: str | None = None) -> tuple[QTableView, RowTableModel]:
    """A read-only, keyboard-friendly table; `stretch` names the column that takes the room."""
    model = RowTableModel(columns, parent)
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table: the next table or link
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    keys = [c.key for c in columns]
    if stretch in keys:
        header.setSectionResizeMode(keys.index(stretch), QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    view.verticalHeader().setDefaultSectionSize(34)
    view.setWordWrap(False)
    return view, model


def _section(text: str) -> QLabel:
    label = named(QLabel(text), "lookupSection")
    return label


class DetailView(QWidget):
    """Base: a title, a grid of facts, then the view's own tables."""

    sig_open = Signal(str, str)  # kind, key: a link inside this view was followed
    sig_return = Signal(str)  # a receipt number: take a return from it (the return page)
    kind = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: Detail | None = None
        self.title = named(QLabel(), "lookupTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(24)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.title)
        self.layout_.addLayout(self.facts)
        self._fact_labels: list[QLabel] = []

    def key(self) -> str:
        return str(getattr(self.data, self._key_field(), "")) if self.data is not None else ""

    def _key_field(self) -> str:
        return {"receipt": "receipt_no", "customer": "customer_id", "ticket": "code",
                "product": "sku"}[self.kind]

    def set_facts(self, facts: list[tuple[str, str]], columns: int = 3,
                  alert: frozenset[int] = frozenset()) -> None:
        """Name/value pairs in a grid; the values at the `alert` positions stand out in red."""
        for label in self._fact_labels:
            self.facts.removeWidget(label)
            label.deleteLater()
        self._fact_labels = []
        for i, (name, value) in enumerate(facts):
            colour = "#b3261e" if i in alert else "inherit"
            label = named(QLabel(f"<span style='color:#666'>{name}</span>&nbsp; "
                                 f"<b style='color:{colour}'>{_esc(value)}</b>"), "lookupFact")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addWidget(label, i // columns, i % columns)
            self._fact_labels.append(label)

    def fill(self, view: QTableView, model: RowTableModel, rows: Sequence[Any],
             max_rows: int = 12, hide_empty: bool = True) -> None:
        """Show rows, the table as tall as its rows (up to max_rows, then it scrolls): the
        detail page scrolls as a whole, so no table is squeezed to nothing."""
        current = view.currentIndex()
        model.set_rows(rows)  # a refresh (new facts) keeps the chosen row where it was
        model.retranslate()
        if current.isValid() and current.row() < len(rows):
            view.setCurrentIndex(model.index(current.row(), current.column()))
        shown = max(1, min(len(rows), max_rows))
        height = (view.horizontalHeader().sizeHint().height()
                  + shown * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth() + 2)
        if len(rows) > max_rows and view.horizontalScrollBar().isVisible():
            height += view.horizontalScrollBar().sizeHint().height()
        view.setFixedHeight(height)
        view.setVisible(bool(rows) or not hide_empty)  # "(0)" in the heading says it all

    def link_rows(self, view: QTableView, model: RowTableModel, kind: str, key: str) -> None:
        view.activated.connect(lambda index: self.sig_open.emit(
            kind, str(cell(model.row_at(index.row()), key))))

    def open_customer(self, customer: CustomerBrief | None) -> None:
        if customer:
            self.sig_open.emit("customer", customer.customer_id)

    def show_customer(self, button: QPushButton, customer: CustomerBrief | None) -> None:
        if customer:
            button.setText(translate("lookup", "Customer: %1  %2  (open)")
                           .replace("%1", customer.name or customer.customer_id)
                           .replace("%2", customer.phone))
            button.show()
        else:
            button.hide()

    def show_data(self, data: Detail) -> None:
        self.data = data
        self.show_detail()

    def show_detail(self) -> None:
        """Fill the view from self.data (again after a language switch). Not `render`: that
        name is QWidget's."""
        raise NotImplementedError

    def first_focus(self) -> QWidget:
        return self

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.data is not None:
            self.show_detail()
        super().changeEvent(event)


def _esc(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _link_button(parent: QWidget, on_click: Callable[[], None]) -> QPushButton:
    button = named(QPushButton(parent), "lookupLink")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.clicked.connect(on_click)
    button.hide()
    return button


class ReceiptView(DetailView):
    kind = "receipt"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_button = _link_button(self, self._open_customer)
        self.return_button = named(QPushButton(self), "lookupReturn")
        self.return_button.clicked.connect(self._take_return)
        self.lines_label = _section("")
        self.lines, self.lines_model = _table([
            Column("line_no", lambda: "#"),
            Column("name", lambda: translate("lookup", "Item")),
            Column("qty", lambda: translate("lookup", "Qty"), align_right=True),
            Column("unit_price_fen", lambda: translate("lookup", "Price"), money, True),
            Column("line_discount_fen", lambda: translate("lookup", "Discount"), money, True),
            Column("net_fen", lambda: translate("lookup", "Line total"), money, True),
            Column("serial", lambda: translate("lookup", "Serial")),
            Column("gift", lambda: translate("lookup", "Gift"), value=_gift_words),
            Column("returned_qty", lambda: translate("lookup", "Returned"), align_right=True),
            Column("returnable_qty", lambda: translate("lookup", "Returnable"), align_right=True),
        ], self, stretch="name")
        self.tenders_label = _section("")
        self.tenders, self.tenders_model = _table([
            Column("tender", lambda: translate("lookup", "Paid by"), tender_name),
            Column("amount_fen", lambda: translate("lookup", "Amount"), money, True),
            Column("reference", lambda: translate("lookup", "Reference")),
        ], self, stretch="reference")
        self.promotions_label = _section("")
        self.promotions, self.promotions_model = _table([
            Column("kind", lambda: translate("lookup", "Promotion"), promotion_name),
            Column("description", lambda: translate("lookup", "Description")),
            Column("amount_fen", lambda: translate("lookup", "Amount"), money, True),
        ], self, stretch="description")
        self.returns_label = _section("")
        self.returns, self.returns_model = _table([
            Column("returned_at", lambda: translate("lookup", "Returned at"), when),
            Column("lines", lambda: translate("lookup", "Lines × units")),
            Column("refund_fen", lambda: translate("lookup", "Refund"), money, True),
            Column("status", lambda: translate("lookup", "Status"), status_name),
            Column("reason", lambda: translate("lookup", "Reason")),
        ], self, stretch="reason")
        self.tickets_label = _section("")
        self.tickets, self.tickets_model = _ticket_table(self)
        self.link_rows(self.tickets, self.tickets_model, "ticket", "code")
        actions = QHBoxLayout()
        actions.addWidget(self.customer_button)
        actions.addWidget(self.return_button)
        actions.addStretch(1)
        self.layout_.addLayout(actions)
        self.layout_.addWidget(self.lines_label)
        self.layout_.addWidget(self.lines)
        row = QHBoxLayout()
        for label, view in ((self.tenders_label, self.tenders),
                            (self.promotions_label, self.promotions)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(view)
            column.addStretch(1)
            row.addLayout(column, 1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.returns_label)
        self.layout_.addWidget(self.returns)
        self.layout_.addWidget(self.tickets_label)
        self.layout_.addWidget(self.tickets)
        self.layout_.addStretch(1)

    def _open_customer(self) -> None:
        if isinstance(self.data, ReceiptDetail):
            self.open_customer(self.data.customer)

    def _take_return(self) -> None:
        if isinstance(self.data, ReceiptDetail):
            self.sig_return.emit(self.data.receipt_no)

    def first_focus(self) -> QWidget:
        return self.lines

    def show_detail(self) -> None:
        d = self.data
        assert isinstance(d, ReceiptDetail)
        self.title.setText(translate("lookup", "Receipt %1").replace("%1", d.receipt_no))
        self.set_facts([
            (translate("lookup", "Sold at"), when(d.sold_at)),
            (translate("lookup", "Paid"), money(d.paid_fen)),
            (translate("lookup", "List price"), money(d.list_total_fen)),
            (translate("lookup", "Discounts"), money(d.discount_fen)),
            (translate("lookup", "Points earned"), str(d.points_earned)),
            (translate("lookup", "Store"), d.store_id),
        ])
        self.show_customer(self.customer_button, d.customer)
        self.return_button.setText(translate("lookup", "Return from this receipt (Ctrl+R)"))
        self.return_button.setEnabled(any(ln.returnable_qty for ln in d.lines))
        self.fill(self.lines, self.lines_model, d.lines, max_rows=20, hide_empty=False)
        self.lines_model.highlight = lambda row: row.returnable_qty == 0
        self.lines_label.setText(translate("lookup", "Lines (in red: nothing left to return)"))
        self.fill(self.tenders, self.tenders_model, d.tenders, max_rows=6)
        self.tenders_label.setText(translate("lookup", "Payments"))
        promotions = [*d.promotions, *(
            PromotionApplied(position=0, kind="gift", description=g.name,
                             amount_fen=g.gift_value_fen) for g in d.gifts)]
        self.fill(self.promotions, self.promotions_model, promotions, max_rows=6)
        self.promotions_label.setText(translate("lookup", "Promotions and gifts (%1)")
                                      .replace("%1", str(len(promotions))))
        self.fill(self.returns, self.returns_model, d.returns, max_rows=6)
        self.returns_label.setText(translate("lookup", "Earlier returns (%1)")
                                   .replace("%1", str(len(d.returns))))
        self.fill(self.tickets, self.tickets_model, d.tickets, max_rows=6)
        self.tickets_label.setText(translate("lookup", "Repair tickets (%1)")
                                   .replace("%1", str(len(d.tickets))))


def _gift_words(line: ReceiptLine) -> str:
    if not line.is_gift:
        return ""
    return translate("lookup", "gift, worth %1").replace("%1", money(line.gift_value_fen))


def _ticket_table(parent: QWidget) -> tuple[QTableView, RowTableModel]:
    return _table([
        Column("code", lambda: translate("lookup", "Ticket")),
        Column("product_name", lambda: translate("lookup", "Product")),
        Column("fault", lambda: translate("lookup", "Fault")),
        Column("status", lambda: translate("lookup", "Status"), status_name),
        Column("step", lambda: translate("lookup", "Step"), lambda v: f"{v} / 9"),
        Column("promised_date", lambda: translate("lookup", "Promised")),
    ], parent, stretch="fault")


class CustomerView(DetailView):
    kind = "customer"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purchases_label = _section("")
        self.purchases, self.purchases_model = _table([
            Column("receipt_no", lambda: translate("lookup", "Receipt")),
            Column("sold_at", lambda: translate("lookup", "Sold at"), when),
            Column("line_count", lambda: translate("lookup", "Lines"), align_right=True),
            Column("discount_fen", lambda: translate("lookup", "Discounts"), money, True),
            Column("paid_fen", lambda: translate("lookup", "Paid"), money, True),
        ], self, stretch="sold_at")
        self.link_rows(self.purchases, self.purchases_model, "receipt", "receipt_no")
        self.return_button = named(QPushButton(self), "lookupReturn")
        self.return_button.clicked.connect(self._take_return)
        self.tickets_label = _section("")
        self.tickets, self.tickets_model = _ticket_table(self)
        self.link_rows(self.tickets, self.tickets_model, "ticket", "code")
        self.returns_label = _section("")
        self.returns, self.returns_model = _table([
            Column("returned_at", lambda: translate("lookup", "Returned at"), when),
            Column("receipt_no", lambda: translate("lookup", "Receipt")),
            Column("refund_fen", lambda: translate("lookup", "Refund"), money, True),
            Column("status", lambda: translate("lookup", "Status"), status_name),
            Column("reason", lambda: translate("lookup", "Reason")),
        ], self, stretch="reason")
        self.link_rows(self.returns, self.returns_model, "receipt", "receipt_no")
        self.compensations_label = _section("")
        self.compensations, self.compensations_model = _table([
            Column("decided_at", lambda: translate("lookup", "Decided at"), when),
            Column("kind", lambda: translate("lookup", "Compensation"), compensation_name),
            Column("amount_fen", lambda: translate("lookup", "Amount"), money, True),
            Column("status", lambda: translate("lookup", "Status"), status_name),
            Column("reason", lambda: translate("lookup", "Reason")),
        ], self, stretch="reason")
        self.layout_.addWidget(self.purchases_label)
        self.layout_.addWidget(self.purchases)
        self.layout_.addWidget(self.return_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(self.tickets_label)
        self.layout_.addWidget(self.tickets)
        self.layout_.addWidget(self.returns_label)
        self.layout_.addWidget(self.returns)
        self.layout_.addWidget(self.compensations_label)
        self.layout_.addWidget(self.compensations)
        self.layout_.addStretch(1)

    def first_focus(self) -> QWidget:
        return self.purchases

    def _take_return(self) -> None:
        """A return from the chosen purchase (the first when none is chosen)."""
        if not isinstance(self.data, CustomerDetail) or not self.data.purchases:
            return
        row = max(0, self.purchases.currentIndex().row())
        self.sig_return.emit(self.data.purchases[min(row, len(self.data.purchases) - 1)]
                             .receipt_no)

    def show_detail(self) -> None:
        d = self.data
        assert isinstance(d, CustomerDetail)
        self.title.setText(translate("lookup", "Customer %1").replace("%1", d.name))
        self.set_facts([
            (translate("lookup", "Phone"), d.phone),
            (translate("lookup", "Member"), d.member_id or "—"),
            (translate("lookup", "Customer number"), d.customer_id),
            (translate("lookup", "Purchases"), str(d.purchase_count)),
            (translate("lookup", "Spent"), money(d.purchase_total_fen)),
            (translate("lookup", "Note"), d.note or "—"),
        ])
        self.fill(self.purchases, self.purchases_model, d.purchases, max_rows=12)
        self.return_button.setText(translate("lookup", "Return from the chosen receipt (Ctrl+R)"))
        self.return_button.setEnabled(bool(d.purchases))
        shown = len(d.purchases)
        label = translate("lookup", "Purchases, newest first (%1)").replace("%1", str(shown))
        if d.purchase_count > shown:
            label += translate("lookup", " — the latest %1 of %2").replace(
                "%1", str(shown)).replace("%2", str(d.purchase_count))
        self.purchases_label.setText(label)
        self.fill(self.tickets, self.tickets_model, d.tickets, max_rows=6)
        self.tickets_label.setText(translate("lookup", "Repair tickets (%1)")
                                   .replace("%1", str(len(d.tickets))))
        self.fill(self.returns, self.returns_model, d.returns, max_rows=6)
        self.returns_label.setText(translate("lookup", "Returns (%1)")
                                   .replace("%1", str(len(d.returns))))
        self.fill(self.compensations, self.compensations_model, d.compensations, max_rows=6)
        self.compensations_label.setText(translate("lookup", "Compensations (%1)")
                                         .replace("%1", str(len(d.compensations))))


class TicketView(DetailView):
    kind = "ticket"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        links = QHBoxLayout()
        self.receipt_button = _link_button(self, self._open_receipt)
        self.customer_button = _link_button(self, self._open_customer)
        links.addWidget(self.receipt_button)
        links.addWidget(self.customer_button)
        links.addStretch(1)
        self.progress_label = _section("")
        self.steps = QGridLayout()
        self.steps.setSpacing(8)
        self._step_labels: list[QLabel] = []
        for n in range(9):
            label = named(QLabel(), "lookupStep")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumHeight(64)
            self.steps.addWidget(label, 0, n)
            self._step_labels.append(label)
        self.layout_.addLayout(links)
        self.layout_.addWidget(self.progress_label)
        self.layout_.addLayout(self.steps)
        self.layout_.addStretch(1)

    def _open_receipt(self) -> None:
        if isinstance(self.data, TicketDetail) and self.data.receipt_no:
            self.sig_open.emit("receipt", self.data.receipt_no)

    def _open_customer(self) -> None:
        if isinstance(self.data, TicketDetail):
            self.open_customer(self.data.customer)

    def first_focus(self) -> QWidget:
        if self.receipt_button.isVisible():
            return self.receipt_button
        return self.customer_button if self.customer_button.isVisible() else self

    def show_detail(self) -> None:
        d = self.data
        assert isinstance(d, TicketDetail)
        self.title.setText(translate("lookup", "Ticket %1").replace("%1", d.code))
        overdue = d.status == "open" and d.promised_date < date.today().isoformat()
        promised = d.promised_date + (translate("lookup", " (overdue)") if overdue else "")
        self.set_facts([
            (translate("lookup", "Product"), d.product_name or d.sku),
            (translate("lookup", "Serial"), d.serial or "—"),
            (translate("lookup", "Fault"), d.fault),
            (translate("lookup", "Service level"), level_name(d.service_level)),
            (translate("lookup", "Status"), status_name(d.status)),
            (translate("lookup", "Opened"), when(d.opened_at)),
            (translate("lookup", "Promised"), promised),
        ], alert=frozenset({6}) if overdue else frozenset())
        if d.receipt_no:
            self.receipt_button.setText(translate("lookup", "Receipt %1 (open)")
                                        .replace("%1", d.receipt_no))
            self.receipt_button.show()
        else:
            self.receipt_button.hide()
        self.show_customer(self.customer_button, d.customer)
        self.progress_label.setText(translate("lookup", "Checklist: %1 of 9 steps done")
                                    .replace("%1", str(d.steps_done)))
        marks = {"done": "✓", "current": "▶", "todo": ""}
        for label, step in zip(self._step_labels, d.checklist, strict=True):
            label.setText(f"{step.step} {marks[step.state]}\n{step_name(step.key)}")
            label.setProperty("state", step.state)
            label.style().unpolish(label)
            label.style().polish(label)


class ProductView(DetailView):
    kind = "product"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sales_label = _section("")
        self.sales, self.sales_model = _table([
            Column("receipt_no", lambda: translate("lookup", "Receipt")),
            Column("sold_at", lambda: translate("lookup", "Sold at"), when),
            Column("qty", lambda: translate("lookup", "Qty"), align_right=True),
            Column("serial", lambda: translate("lookup", "Serial")),
            Column("paid_fen", lambda: translate("lookup", "Receipt paid"), money, True),
        ], self)
        self.link_rows(self.sales, self.sales_model, "receipt", "receipt_no")
        self.layout_.addWidget(self.sales_label)
        self.layout_.addWidget(self.sales)
        self.layout_.addStretch(1)

    def first_focus(self) -> QWidget:
        return self.sales

    def show_detail(self) -> None:
        d = self.data
        assert isinstance(d, ProductDetail)
        self.title.setText(d.name)
        self.set_facts([
            (translate("lookup", "Item number"), d.sku),
            (translate("lookup", "Barcode"), d.barcode or "—"),
            (translate("lookup", "Category"), d.category or d.category_id),
            (translate("lookup", "Price"), money(d.price_fen)),
        ], columns=4)
        self.fill(self.sales, self.sales_model, d.sales, max_rows=14)
        self.sales_label.setText(translate("lookup", "Latest sales (%1)")
                                 .replace("%1", str(len(d.sales))))
