"""One search box over receipts, tickets, customers and products, ranked.

`search(conn, text)` classifies the text (desk.lookup.classify), runs the few indexed queries that
kind calls for, and ranks the hits: exact identifiers first, then names, then pinyin, then
"contains" matches; recent before old. One exact hit is marked `open` (the screen opens it
directly). Nothing found, or input that cannot be searched, comes back with a `reason` code and
parameters — never an exception for bad input.

Every query is short and uses an index (see docs/lookup.md); the "contains" steps (by index
ranges over the name suffixes) run only when the prefix searches found fewer than `limit` hits.
A `cancel` token (anything with `is_set()`) is checked between queries so a superseded search
stops early.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from desk.catalog import tables as catalog_t
from desk.lookup import classify as k
from desk.lookup.classify import Query, classify, same_site, shorten
from desk.lookup.keys import INITIALS as INITIALS_SUFFIX
from desk.lookup.keys import NAME as NAME_SUFFIX
from desk.lookup.keys import PINYIN as PINYIN_SUFFIX
from desk.platform.settings import get_setting
from desk.platform.values import mask_phone
from desk.repairs import tables as repairs_t
from desk.sales import tables as sales_t

DEFAULT_LIMIT = 50
PER_SOURCE = 25  # at most this many rows from any one query

# Why it matched -> rank (higher first). The UI shows the reason in words.
SCORES: dict[str, int] = {
    "receipt_no": 100, "ticket_code": 100, "tracking_url": 100, "customer_id": 100, "sku": 100,
    "phone": 95, "member_id": 95, "barcode": 90, "serial": 90,
    "name": 80, "pinyin": 75, "pinyin_initials": 74,
    "phone_last4": 70,
    "name_prefix": 60, "pinyin_prefix": 55, "initials_prefix": 54,
    "receipt_prefix": 50, "ticket_prefix": 50, "member_prefix": 50, "serial_prefix": 50,
    "phone_prefix": 45, "barcode_prefix": 45,
    "name_contains": 30, "pinyin_contains": 25, "initials_contains": 24,
}
EXACT_MATCHES = frozenset({"receipt_no", "ticket_code", "tracking_url", "customer_id", "sku",
                           "phone", "member_id", "barcode", "serial", "name"})


# Which match a row of a merged query is, from its (name_pinyin, name_initials).
MatchOf = Callable[[str, str], str]


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class Hit:
    kind: str  # receipt, ticket, customer, product
    key: str  # receipt_no, ticket code, customer_id or sku
    title: str  # what the row says first: the number, or the name
    match: str  # why it matched: a key of SCORES
    matched: str  # the value that matched (phones masked)
    date: str = ""  # receipt sold_at, ticket opened_at, a customer's last purchase
    amount_fen: int | None = None  # receipt paid, product price
    detail: str = ""  # second line: customer of a receipt, product of a ticket, ...

    @property
    def score(self) -> int:
        return SCORES.get(self.match, 0)

    @property
    def exact(self) -> bool:
        return self.match in EXACT_MATCHES

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "score": self.score, "exact": self.exact}


@dataclass
class Outcome:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    reason: str | None = None  # lookup.* code when there is nothing to show
    params: dict[str, Any] = field(default_factory=dict)
    more: bool = False  # there were more hits than `limit`
    cancelled: bool = False

    @property
    def open(self) -> Hit | None:
        """The one hit to open directly: a single exact match."""
        if len(self.hits) == 1 and self.hits[0].exact:
            return self.hits[0]
        return None

    def to_dict(self) -> dict[str, Any]:
        opened = self.open
        return {
            "query": self.query.text, "kind": self.query.kind,
            "hits": [h.to_dict() for h in self.hits], "more": self.more,
            "open": opened.to_dict() if opened else None,
            "reason": self.reason, "params": self.params,
        }



def _prefix(column: Any, value: str) -> ColumnElement[bool]:
    """column starts with value, as an index range (no LIKE: no wildcards, no case folding)."""
    upper = value[:-1] + chr(ord(value[-1]) + 1)
    return and_(column >= value, column < upper)


def _suffix_starts(kind: str, fields: tuple[str, ...], value: str) -> Any:
    """The keys of `kind` with a suffix row (desk.lookup.keys.name_suffixes) of these fields
    starting with value: "contains" as an index range over the suffixes, not a scan."""
    s = catalog_t.name_suffixes.c
    return select(s.key).where(s.kind == kind, s.field.in_(fields), _prefix(s.suffix, value))


def _name_contains(column: Any, key: Any, kind: str, words: list[str]) -> ColumnElement[bool]:
    """Every word somewhere in the name: the candidates are the names where the longest word
    starts at the first or a later character (an index range each), checked for all words."""
    longest = max(words, key=len)
    return and_(or_(key.in_(_suffix_starts(kind, (NAME_SUFFIX,), longest)),
                    _prefix(column, longest)),
                *(func.instr(column, w) > 0 for w in words))


class _Searcher:
    def __init__(self, conn: Connection, query: Query, limit: int,
                 cancel: CancelToken | None) -> None:
        self.conn = conn
        self.query = query
        self.limit = limit
        self.cancel = cancel
        self.hits: dict[tuple[str, str], Hit] = {}
        self.more = False

    # --- plumbing ---------------------------------------------------------------------------
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def add(self, hits: Iterable[Hit]) -> None:
        for hit in hits:
            key = (hit.kind, hit.key)
            old = self.hits.get(key)
            if old is None or hit.score > old.score:
                self.hits[key] = hit

    def enough(self) -> bool:
        return len(self.hits) >= self.limit or self.cancelled()

    # --- sources ----------------------------------------------------------------------------
    def receipts(self, where: ColumnElement[bool], match: str, matched: str | None = None,
                 limit: int = PER_SOURCE) -> list[Hit]:
        r, c = sales_t.receipts.c, catalog_t.customers.c
        rows = self.conn.execute(
            select(r.receipt_no, r.sold_at, r.paid_fen, c.name.label("customer_name"))
            .select_from(
                sales_t.receipts.outerjoin(catalog_t.customers, c.customer_id == r.customer_id)
            )
            .where(where)
            .order_by(r.receipt_no.desc())
            .limit(limit + 1)
        ).all()
        if len(rows) > limit:
            self.more = True
        return [
            Hit(
                "receipt",
                row.receipt_no,
                row.receipt_no,
                match,
                matched if matched is not None else row.receipt_no,
                row.sold_at,
                row.paid_fen,
                row.customer_name or "",
            )
            for row in rows[:limit]
        ]

    def tickets(
        self,
        where: ColumnElement[bool],
        match: str,
        matched: str | None = None,
        limit: int = PER_SOURCE,
    ) -> list[Hit]:
        tk, p = repairs_t.tickets.c, catalog_t.products.c
        rows = self.conn.execute(
            select(tk.code, tk.opened_at, tk.status, tk.step, p.name.label("product_name"))
            .select_from(repairs_t.tickets.outerjoin(catalog_t.products, p.sku == tk.sku))
            .where(where)
            .order_by(tk.code.desc())
            .limit(limit + 1)
        ).all()
        if len(rows) > limit:
            self.more = True
        return [
            Hit(
                "ticket",
                row.code,
                row.code,
                match,
                matched if matched is not None else row.code,
                row.opened_at,
                None,
                row.product_name or "",
            )
            for row in rows[:limit]
        ]

    def customers(
        self, where: ColumnElement[bool], match: str | MatchOf, how: str = "",
        limit: int = PER_SOURCE, by_name: bool = False,
    ) -> list[Hit]:
        """`by_name`: the first `limit` in name order (a name prefix: the index's own order, so
        the range stops after them instead of sorting every 王 of a large store)."""
        c, r = catalog_t.customers.c, sales_t.receipts.c
        last = (
            select(func.max(r.sold_at))
            .where(r.customer_id == c.customer_id)
            .correlate(catalog_t.customers)
            .scalar_subquery()
        )
        rows = self.conn.execute(
            select(
                c.customer_id,
                c.name,
                c.phone,
                c.member_id,
                c.name_pinyin,
                c.name_initials,
                last.label("last_purchase"),
            )
            # the last purchase only of the rows shown: SQLite computes a correlated column for
            # every row it sorts (hundreds of 王 on a large store), so choose them first
            .where(c.customer_id.in_(
                select(c.customer_id).where(where)
                .order_by(*((c.name, c.customer_id) if by_name else (c.customer_id,)))
                .limit(limit + 1)))
            .order_by(c.customer_id)
        ).all()
        if len(rows) > limit:
            self.more = True
        hits = []
        for row in rows[:limit]:
            why = match if isinstance(match, str) else match(row.name_pinyin, row.name_initials)
            matched = {
                "phone": mask_phone(row.phone),
                "phone_last4": mask_phone(row.phone),
                "phone_prefix": mask_phone(row.phone),
                "member_id": row.member_id,
                "member_prefix": row.member_id,
                "customer_id": row.customer_id,
                "pinyin": row.name_pinyin,
                "pinyin_prefix": row.name_pinyin,
                "pinyin_contains": row.name_pinyin,
                "pinyin_initials": row.name_initials,
                "initials_prefix": row.name_initials,
                "initials_contains": row.name_initials,
            }.get(why, row.name)
            detail = " · ".join(x for x in (mask_phone(row.phone), row.member_id) if x)
            hits.append(
                Hit(
                    "customer",
                    row.customer_id,
                    row.name,
                    why,
                    matched,
                    row.last_purchase or "",
                    None,
                    detail,
                )
            )
        return hits

    def products(
        self, where: ColumnElement[bool], match: str | MatchOf, limit: int = PER_SOURCE
    ) -> list[Hit]:
        p, cat = catalog_t.products.c, catalog_t.categories.c
        rows = self.conn.execute(
            select(
                p.sku,
                p.name,
                p.barcode,
                p.price_fen,
                p.name_pinyin,
                p.name_initials,
                cat.name.label("category"),
            )
            .select_from(
                catalog_t.products.outerjoin(catalog_t.categories, cat.category_id == p.category_id)
            )
            .where(where)
            .order_by(p.sku)
            .limit(limit + 1)
        ).all()
        if len(rows) > limit:
            self.more = True
        hits = []
        for row in rows[:limit]:
            why = match if isinstance(match, str) else match(row.name_pinyin, row.name_initials)
            matched = {
                "barcode": row.barcode,
                "barcode_prefix": row.barcode,
                "sku": row.sku,
                "pinyin": row.name_pinyin,
                "pinyin_prefix": row.name_pinyin,
                "pinyin_contains": row.name_pinyin,
                "pinyin_initials": row.name_initials,
                "initials_prefix": row.name_initials,
                "initials_contains": row.name_initials,
            }.get(why, row.name)
            hits.append(
                Hit(
                    "product",
                    row.sku,
                    row.name,
                    why,
                    matched,
                    "",
                    row.price_fen,
                    " · ".join(x for x in (row.category or "", row.barcode) if x),
                )
            )
        return hits

    # --- by kind ----------------------------------------------------------------------------
    def run(self) -> None:
        q = self.query
        v = q.value
        r, tk, c, p = (
            sales_t.receipts.c,
            repairs_t.tickets.c,
            catalog_t.customers.c,
            catalog_t.products.c,
        )
        kind = q.kind
        if kind == k.RECEIPT:
            self.add(self.receipts(r.receipt_no == v, "receipt_no"))
            if not self.hits and not self.cancelled():  # a longer number it is the start of
                self.add(self.receipts(_prefix(r.receipt_no, v), "receipt_prefix"))
        elif kind == k.RECEIPT_PREFIX:
            self.add(self.receipts(_prefix(r.receipt_no, v), "receipt_prefix"))
        elif kind in (k.TICKET, k.TRACKING_URL):
            self.add(self.tickets(tk.code == v, kind))
        elif kind == k.TICKET_PREFIX:
            self.add(self.tickets(_prefix(tk.code, v), "ticket_prefix"))
        elif kind == k.PHONE:
            self.add(self.customers(c.phone == v, "phone"))
        elif kind == k.PHONE_LAST4:
            self.add(self.customers(c.phone_last4 == v, "phone_last4"))
        elif kind == k.PHONE_PREFIX:
            self.add(self.customers(_prefix(c.phone, v), "phone_prefix"))
        elif kind == k.MEMBER:
            self.add(self.customers(c.member_id == v, "member_id"))
        elif kind == k.MEMBER_PREFIX:
            self.add(self.customers(_prefix(c.member_id, v), "member_prefix"))
        elif kind == k.CUSTOMER_ID:
            self.add(self.customers(c.customer_id == v, "customer_id"))
        elif kind == k.SKU:
            self.add(self.products(p.sku == v, "sku"))
        elif kind == k.BARCODE:
            self.add(self.products(p.barcode == v, "barcode"))
        elif kind == k.DIGITS:
            self.add(self.products(_prefix(p.barcode, v), "barcode_prefix"))
        elif kind in (k.SERIAL, k.SERIAL_PREFIX):
            self.by_serial(v, exact=kind == k.SERIAL)
        elif kind == k.PINYIN:
            self.by_pinyin(v)
        elif kind == k.NAME:
            self.by_name(q.text)

    def by_serial(self, value: str, exact: bool) -> None:
        """Receipts that sold it and tickets that repair it; the serial shows as the match."""
        ln, tk = sales_t.receipt_lines.c, repairs_t.tickets.c
        match = "serial" if exact else "serial_prefix"
        on_line = ln.serial == value if exact else _prefix(ln.serial, value)
        sold = {
            row.receipt_no: row.serial
            for row in self.conn.execute(
                select(ln.receipt_no, ln.serial).where(on_line).limit(PER_SOURCE)
            )
        }
        if sold and not self.cancelled():
            found = self.receipts(sales_t.receipts.c.receipt_no.in_(sorted(sold)), match)
            self.add(replace(h, matched=sold.get(h.key, value)) for h in found)
        if self.cancelled():
            return
        on_ticket = tk.serial == value if exact else _prefix(tk.serial, value)
        repaired = {
            row.code: row.serial
            for row in self.conn.execute(
                select(tk.code, tk.serial).where(on_ticket).limit(PER_SOURCE)
            )
        }
        if repaired:
            found = self.tickets(tk.code.in_(sorted(repaired)), match)
            self.add(replace(h, matched=repaired.get(h.key, value)) for h in found)

    def by_name(self, text: str) -> None:
        c, p = catalog_t.customers.c, catalog_t.products.c
        words = [w for w in text.split(" ") if w] or [text]  # "羽绒服 L": every word, anywhere
        steps: list[tuple[str, Any, Any]] = [
            ("name", c.name == text, p.name == text),
            ("name_prefix", _prefix(c.name, text), _prefix(p.name, text)),
            ("name_contains", _name_contains(c.name, c.customer_id, "customer", words),
             _name_contains(p.name, p.sku, "product", words)),
        ]
        for match, on_customer, on_product in steps:
            if self.enough():
                return
            self.add(self.customers(on_customer, match, by_name=match == "name_prefix"))
            if self.enough():
                return
            self.add(self.products(on_product, match))

    def by_pinyin(self, value: str) -> None:
        """Initials and full pinyin: exact, then starts with, then contains. Each step asks both
        keys in ONE query per table (an OR of two indexed conditions) and tells the two apart per
        row, so a search costs 6 queries, not 12; the "contains" step is the only scan, so
        scanning each table once instead of twice halves the cost that grows with the tables.
        "Contains" matches from the start of a later syllable ("rongfu", "rf" find 羽绒服), by an
        index range over the name suffixes (revision 0011), so no step scans a table."""
        c, p = catalog_t.customers.c, catalog_t.products.c

        def exact(pinyin: str, initials: str) -> str:
            return "pinyin" if pinyin == value else "pinyin_initials"

        def starts(pinyin: str, initials: str) -> str:
            return "pinyin_prefix" if pinyin.startswith(value) else "initials_prefix"

        def inside(pinyin: str, initials: str) -> str:
            return "pinyin_contains" if value in pinyin else "initials_contains"

        steps: list[tuple[MatchOf, Any, Any]] = [
            (exact, or_(c.name_initials == value, c.name_pinyin == value),
             or_(p.name_initials == value, p.name_pinyin == value)),
            (starts, or_(_prefix(c.name_initials, value), _prefix(c.name_pinyin, value)),
             or_(_prefix(p.name_initials, value), _prefix(p.name_pinyin, value))),
        ]
        if len(value) >= 2:  # "contains" on one letter would match nearly everything
            fields = (PINYIN_SUFFIX, INITIALS_SUFFIX)
            steps.append((
                inside,
                c.customer_id.in_(_suffix_starts("customer", fields, value)),
                p.sku.in_(_suffix_starts("product", fields, value)),
            ))
        both = 2 * PER_SOURCE  # room for what the two separate queries returned together
        for match, on_customer, on_product in steps:
            if self.enough():
                return
            # products first: "yrf" at a counter is far more often a product than a person
            self.add(self.products(on_product, match, limit=both))
            if self.enough():
                return
            self.add(self.customers(on_customer, match, limit=both))


def _rank(hits: Iterable[Hit]) -> list[Hit]:
    # best match first; then most recent; then by key for a stable order
    ordered = sorted(hits, key=lambda h: h.key)
    ordered.sort(key=lambda h: h.date, reverse=True)
    ordered.sort(key=lambda h: h.score, reverse=True)
    return ordered


def store_tracking_urls(conn: Connection) -> tuple[str, dict[str, str]]:
    """This counter's tracking_url, and the other known stores' {tracking_url: name}."""
    own_id = get_setting(conn, "store_id")
    own = ""
    others: dict[str, str] = {}
    for row in conn.execute(
        select(
            catalog_t.stores.c.store_id, catalog_t.stores.c.name, catalog_t.stores.c.tracking_url
        )
    ):
        if row.store_id == own_id:
            own = row.tracking_url
        elif row.tracking_url:
            others[row.tracking_url] = row.name
    return own, others


def search(
    conn: Connection, text: str, *, limit: int = DEFAULT_LIMIT, cancel: CancelToken | None = None
) -> Outcome:
    query = classify(text)
    outcome = Outcome(query, reason=query.reason, params=dict(query.params))
    if not query.searchable:
        return outcome
    if query.kind == k.TRACKING_URL:
        own, others = store_tracking_urls(conn)
        if own and not same_site(query.url_base, own):
            store = next(
                (name for url, name in others.items() if same_site(query.url_base, url)), ""
            )
            outcome.reason = "lookup.other_store"
            where = store or str(query.params.get("host", ""))  # its name, else its address
            outcome.params = {**query.params, "store": store, "where": where}
            return outcome
    if query.kind == k.BARCODE_BAD:
        outcome.reason = "lookup.bad_check_digit"
        return outcome
    searcher = _Searcher(conn, query, limit, cancel)
    searcher.run()
    if searcher.cancelled():
        outcome.cancelled = True
        return outcome
    ranked = _rank(searcher.hits.values())
    outcome.hits = ranked[:limit]
    outcome.more = searcher.more or len(ranked) > limit
    if not outcome.hits:
        outcome.reason, outcome.params = _nothing_found(query)
    return outcome


_INCOMPLETE = {
    k.RECEIPT_PREFIX: "receipt",
    k.TICKET_PREFIX: "ticket",
    k.MEMBER_PREFIX: "member",
    k.SERIAL_PREFIX: "serial",
    k.PHONE_PREFIX: "phone",
    k.DIGITS: "barcode",
}


def _nothing_found(query: Query) -> tuple[str, dict[str, Any]]:
    if query.kind in _INCOMPLETE:
        return "lookup.incomplete", {"text": shorten(query.text), "what": _INCOMPLETE[query.kind]}
    if query.kind == k.TRACKING_URL:
        return "lookup.ticket_not_here", dict(query.params)
    return "lookup.not_found", {"text": shorten(query.text), "kind": query.kind}
