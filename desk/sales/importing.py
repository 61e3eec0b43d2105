"""`desk import sales FILE.csv`: a POS export of sale lines, imported all or nothing.

The format is documented in docs/import.md. Reading the file (encoding, header, the text of each
field) happens here; the sale rules are the ones `RecordSale` uses (`sale_payload` and the domain's
`check_line`), so a sale is refused by the same rules whichever way it arrives. Every bad row is
reported with its line number and reason; when any row is bad nothing of the file is imported: the
`ImportSales` command validates every receipt against the database and records them all in one
unit of work (one transaction) or none.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from desk.catalog.errors import ERRORS as CATALOG_ERRORS
from desk.catalog.queries import customers_by_phone, known_customers
from desk.platform.bus import CommandBus, Context
from desk.platform.commands import Command
from desk.platform.errors import PLATFORM_ERRORS, DeskError, render
from desk.platform.import_files import decode
from desk.platform.money import parse_yuan
from desk.platform.queries import existing_keys
from desk.platform.uow import UnitOfWork
from desk.sales import tables as sales_t
from desk.sales.commands import Promotion, RecordSale, SaleLine, SalesImported, Tender
from desk.sales.errors import ERRORS as SALES_ERRORS
from desk.sales.handlers import catalogue_names, sale_payload
from desk.sales.rules import PROMOTION_KINDS, LineAmounts, check_line, check_sold_at

REQUIRED_COLUMNS = ("receipt_no", "sold_at", "sku", "qty", "unit_price", "tenders")
OPTIONAL_COLUMNS = ("line_discount", "serial", "is_gift", "gift_value", "product_name",
                    "customer_id", "phone", "promotions", "points_earned")
# Given on a receipt's first row; later rows of the receipt leave them empty or repeat them.
RECEIPT_COLUMNS = ("sold_at", "customer_id", "phone", "tenders", "promotions", "points_earned")

_TRUE = frozenset({"1", "true", "yes", "y", "是"})
_FALSE = frozenset({"", "0", "false", "no", "n", "否"})
_INTEGER = re.compile(r"^\s*-?\d{1,12}\s*$")


# A row problem's message is English for the import report: its code may be the catalogue's
# (product.unknown, customer.unknown) or sales' own.
_ENGLISH = {**PLATFORM_ERRORS, **CATALOG_ERRORS, **SALES_ERRORS}


def english(err: DeskError) -> str:
    return render(_ENGLISH, err.code, err.params, "en") or err.message


@dataclass(frozen=True)
class RowProblem:
    """One reason a row is bad: the physical line of the file (the header is line 1)."""

    line: int
    code: str
    message: str
    column: str = ""
    receipt_no: str = ""

    @classmethod
    def of(cls, line: int, err: DeskError, column: str = "", receipt_no: str = "") -> RowProblem:
        return cls(line, err.code, english(err), column, receipt_no)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "code": self.code, "message": self.message}
        if self.column:
            out["column"] = self.column
        if self.receipt_no:
            out["receipt_no"] = self.receipt_no
        return out


@dataclass(frozen=True)
class ImportedSale:
    """One receipt of the file: the sale, the file line of each of its sale lines, the line of
    its first row, and a phone to find the customer by when the file has no customer_id.
    `complete` is false when some of its rows were unreadable: it is then only checked (products,
    duplicates, customer), never recorded."""

    sale: RecordSale
    rows: list[int]
    first_line: int
    phone: str = ""
    complete: bool = True


@dataclass(frozen=True)
class ImportSales(Command):
    """Record many POS sales at once, all or none. `dry_run` validates without recording."""

    name: ClassVar[str] = "import_sales"
    limits: ClassVar[Mapping[str, int]] = {"sales": 200_000}  # receipts of one file
    sales: list[ImportedSale]
    dry_run: bool = False


class ImportRefused(DeskError):
    """Bad rows: nothing was recorded. `problems` says which lines and why."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line, p.column, p.code))
        super().__init__("import.bad_rows", count=len({p.line for p in self.problems}),
                         problems=[p.to_dict() for p in self.problems])


# --- reading the file --------------------------------------------------------------------------

@dataclass
class ParsedFile:
    sales: list[ImportedSale] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0


def parse_sales_csv(data: bytes) -> ParsedFile:
    """Read a POS export into sales, collecting every problem that needs no database."""
    parsed = ParsedFile()
    try:
        text = decode(data)
    except DeskError as err:
        parsed.problems.append(RowProblem.of(int(err.params["line"]), err))
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        parsed.problems.append(RowProblem.of(1, DeskError("import.empty")))
        return parsed
    columns = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if missing:
        parsed.problems.append(RowProblem.of(1, DeskError("import.bad_header",
                                                          missing=", ".join(missing))))
    if unknown or duplicated:
        parsed.problems.append(RowProblem.of(1, DeskError(
            "import.unknown_columns", unknown=", ".join(unknown + [f"{c} (twice)"
                                                                  for c in duplicated]))))
    if parsed.problems:
        return parsed

    groups: list[_Group] = []
    seen: dict[str, int] = {}  # receipt_no -> first line
    last_line = reader.line_num
    for fields in reader:
        line, last_line = last_line + 1, reader.line_num
        if not any(f.strip() for f in fields):
            continue  # blank line
        parsed.rows += 1
        if len(fields) != len(columns):
            parsed.problems.append(RowProblem(
                line, "import.bad_value",
                f"expected {len(columns)} fields, found {len(fields)}", "", ""))
            continue
        row = {c: f.strip() for c, f in zip(columns, fields, strict=True)}
        no = row["receipt_no"]
        if not no:
            parsed.problems.append(RowProblem.of(line, DeskError("value.required",
                                                                 field="receipt_no"),
                                                 "receipt_no"))
            continue
        if groups and groups[-1].receipt_no == no:
            groups[-1].add(line, row)
        elif no in seen:
            parsed.problems.append(RowProblem.of(line, DeskError(
                "import.receipt_split", receipt_no=no, first_line=seen[no]), "receipt_no", no))
        else:
            seen[no] = line
            groups.append(_Group(no, line, row))
            groups[-1].add(line, row)
    for group in groups:
        parsed.sales.append(group.build())
        parsed.problems.extend(group.problems)
    return parsed


class _Group:
    """The rows of one receipt while they are read."""

    def __init__(self, receipt_no: str, first_line: int, first_row: dict[str, str]) -> None:
        self.receipt_no = receipt_no
        self.first_line = first_line
        self.head = first_row
        self.lines: list[SaleLine] = []
        self.rows: list[int] = []  # the file line of each readable sale line
        self.problems: list[RowProblem] = []

    def bad(self, line: int, err: DeskError, column: str = "") -> None:
        self.problems.append(RowProblem.of(line, err, column, self.receipt_no))

    def add(self, line: int, row: dict[str, str]) -> None:
        if line != self.first_line:
            for column in RECEIPT_COLUMNS:
                value = row.get(column, "")
                if value and value != self.head.get(column, ""):
                    self.bad(line, DeskError("import.receipt_conflict", column=column,
                                             receipt_no=self.receipt_no,
                                             first_line=self.first_line), column)
        before = len(self.problems)
        qty = self._integer(line, row, "qty", required=True)
        unit = self._yuan(line, row, "unit_price", required=True)
        discount = self._yuan(line, row, "line_discount")
        gift_value = self._yuan(line, row, "gift_value")
        is_gift = self._flag(line, row, "is_gift")
        if not row["sku"]:
            self.bad(line, DeskError("value.required", field="sku"), "sku")
        if len(self.problems) > before:
            return
        sale_line = SaleLine(sku=row["sku"], qty=qty, unit_price_fen=unit,
                             line_discount_fen=discount, serial=row.get("serial", ""),
                             is_gift=is_gift, gift_value_fen=gift_value,
                             product_name=row.get("product_name", ""))
        try:  # the domain's rules for a line (quantity, discounts, gifts)
            check_line(LineAmounts(len(self.lines) + 1, qty, unit, discount, is_gift, gift_value))
        except DeskError as err:
            self.bad(line, DeskError("import.bad_value", column="line",
                                     reason=str(err.params.get("reason", english(err)))))
            return
        self.lines.append(sale_line)
        self.rows.append(line)

    def build(self) -> ImportedSale:
        head, line = self.head, self.first_line
        sold_at = head["sold_at"].replace(" ", "T", 1)
        try:
            check_sold_at(sold_at)
        except DeskError:
            self.bad(line, DeskError("import.bad_value", column="sold_at",
                                     reason=f"'{head['sold_at']}' is not YYYY-MM-DD HH:MM:SS"),
                     "sold_at")
        tenders = self._tenders(line, head["tenders"])
        promotions = self._promotions(line, head.get("promotions", ""))
        points = self._integer(line, head, "points_earned")
        sale = RecordSale(receipt_no=self.receipt_no, sold_at=sold_at, lines=self.lines,
                          tenders=tenders, promotions=promotions,
                          customer_id=head.get("customer_id") or None, points_earned=points)
        return ImportedSale(sale, self.rows, line, head.get("phone", ""),
                            complete=not self.problems)

    # field readers: each reports its own problem and returns a neutral value

    def _integer(self, line: int, row: dict[str, str], column: str,
                 required: bool = False) -> int:
        text = row.get(column, "")
        if not text and not required:
            return 0
        if not _INTEGER.match(text):
            self.bad(line, DeskError("import.bad_value", column=column,
                                     reason=f"'{text}' is not a whole number"), column)
            return 0
        return int(text)

    def _yuan(self, line: int, row: dict[str, str], column: str, required: bool = False) -> int:
        text = row.get(column, "")
        if not text and not required:
            return 0
        try:
            return parse_yuan(text)
        except DeskError as err:
            self.bad(line, DeskError("import.bad_value", column=column, reason=english(err)),
                     column)
            return 0

    def _flag(self, line: int, row: dict[str, str], column: str) -> bool:
        text = row.get(column, "").lower()
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.bad(line, DeskError("import.bad_value", column=column,
                                     reason=f"'{text}' is not 1/0, true/false or yes/no"), column)
        return False

    def _tenders(self, line: int, text: str) -> list[Tender]:
        """'wechat_pay:120.00;cash:30.50' (an optional third part is the payment reference)."""
        tenders = []
        for part in filter(None, (p.strip() for p in text.split(";"))):
            pieces = [p.strip() for p in part.split(":", 2)]
            if len(pieces) < 2 or not pieces[0]:
                self.bad(line, DeskError("import.bad_value", column="tenders",
                                         reason=f"'{part}' is not tender:amount"), "tenders")
                continue
            try:
                amount = parse_yuan(pieces[1])
            except DeskError as err:
                self.bad(line, DeskError("import.bad_value", column="tenders",
                                         reason=english(err)), "tenders")
                continue
            tenders.append(Tender(pieces[0], amount, pieces[2] if len(pieces) > 2 else ""))
        if not tenders and not text:
            self.bad(line, DeskError("value.required", field="tenders"), "tenders")
        return tenders

    def _promotions(self, line: int, text: str) -> list[Promotion]:
        """'full_reduction:满300减50:50.00;coupon:会员券:20.00'."""
        promotions = []
        for part in filter(None, (p.strip() for p in text.split(";"))):
            head, _, amount_text = part.rpartition(":")
            kind, _, description = head.partition(":")
            kind = kind.strip()
            if not head or kind not in PROMOTION_KINDS:
                self.bad(line, DeskError("import.bad_value", column="promotions", reason=(
                    f"'{part}' is not kind:description:amount with kind one of "
                    f"{', '.join(PROMOTION_KINDS)}")), "promotions")
                continue
            try:
                amount = parse_yuan(amount_text)
            except DeskError as err:
                self.bad(line, DeskError("import.bad_value", column="promotions",
                                         reason=english(err)), "promotions")
                continue
            promotions.append(Promotion(kind, description.strip() or kind, amount))
        return promotions


# --- the command: every check against the database, then all or nothing ------------------------

def import_sales(cmd: ImportSales, uow: UnitOfWork, ctx: Context) -> SalesImported:
    for item in cmd.sales:  # the command may come from `desk apply`, not only from read_file
        if len(item.rows) != len(item.sale.lines):
            raise DeskError("value.invalid", field="rows", reason="one file line per sale line")
    skus = {ln.sku for s in cmd.sales for ln in s.sale.lines}
    names = catalogue_names(uow, skus)
    present = existing_keys(uow.conn, sales_t.receipts.c.receipt_no,
                            {s.sale.receipt_no for s in cmd.sales})
    customers = known_customers(uow.conn,
                           {s.sale.customer_id for s in cmd.sales if s.sale.customer_id})
    by_phone = customers_by_phone(uow.conn, {s.phone for s in cmd.sales
                                         if s.phone and not s.sale.customer_id})
    problems: list[RowProblem] = []
    payloads: list[dict[str, Any]] = []
    for item in cmd.sales:
        sale, first, no = item.sale, item.first_line, item.sale.receipt_no
        found: list[RowProblem] = []
        for line_no, ln in zip(item.rows, sale.lines, strict=True):
            if ln.sku not in names:
                found.append(RowProblem.of(line_no, DeskError("product.unknown", sku=ln.sku),
                                           "sku", no))
        if no in present:
            found.append(RowProblem.of(first, DeskError("receipt.exists", receipt_no=no),
                                       "receipt_no", no))
        if sale.customer_id and sale.customer_id not in customers:
            found.append(RowProblem.of(first, DeskError("customer.unknown",
                                                        customer_id=sale.customer_id),
                                       "customer_id", no))
        if not sale.customer_id and item.phone:
            if item.phone in by_phone:
                sale = dataclasses.replace(sale, customer_id=by_phone[item.phone])
            else:
                found.append(RowProblem.of(first, DeskError("import.phone_unknown",
                                                            phone=item.phone), "phone", no))
        if not found and item.complete:
            try:
                payloads.append(sale_payload(sale, names))
            except DeskError as err:
                line_no = first
                if err.code == "receipt.line_invalid":
                    line_no = item.rows[int(err.params["line_no"]) - 1]
                found.append(RowProblem.of(line_no, err, "", no))
        problems.extend(found)
    if problems:
        raise ImportRefused(problems)
    recorded = not cmd.dry_run and all(item.complete for item in cmd.sales)
    if recorded:
        with uow.projected_together():  # every receipt was checked above
            for payload in payloads:
                uow.record("sale.recorded", payload["receipt_no"], payload)
    return SalesImported(receipts=len(payloads),
                         lines=sum(len(p["lines"]) for p in payloads),
                         paid_fen=sum(p["paid_fen"] for p in payloads),
                         recorded=len(payloads) if recorded else 0)


def import_sales_file(bus: CommandBus, data: bytes, actor: str,
                      check_only: bool = False) -> dict[str, Any]:
    """Parse and import a POS export; returns the summary `desk import sales` prints.

    Nothing is recorded when any row is bad: the file's problems (all of them, sorted by line)
    are in the summary with ok=false.
    """
    started = time.monotonic()
    parsed = parse_sales_csv(data)
    problems = list(parsed.problems)
    result = SalesImported(receipts=0, lines=0, paid_fen=0, recorded=0)
    dry_run = check_only or bool(problems)
    if parsed.sales:
        try:
            result = bus.dispatch(ImportSales(sales=parsed.sales, dry_run=dry_run), actor).value
        except ImportRefused as refused:
            problems.extend(refused.problems)
    problems.sort(key=lambda p: (p.line, p.column, p.code))
    summary: dict[str, Any] = {
        "ok": not problems, "rows": parsed.rows,
        "receipts": len({s.sale.receipt_no for s in parsed.sales}) if not problems else None,
        "imported": 0 if problems or dry_run else result.recorded,
        "bad_rows": len({p.line for p in problems}),
        "seconds": round(time.monotonic() - started, 3),
    }
    if problems:
        summary["problems"] = [p.to_dict() for p in problems]
        summary.pop("receipts")
    else:
        summary["lines"] = result.lines
        summary["paid_fen"] = result.paid_fen
        summary["checked_only"] = check_only
    return summary
