"""A year of the demo store's POS sales, made as `ImportSales` commands (a POS export's
batches), and the sold lines a repair ticket could later be opened for.

`SalesMaker` draws everything from the builder's random generator, so the same seed gives the
same sales. (Making them in a process of their own while the builder imports was tried: the
commands cost the builder as much to receive as to make, and the figures did not move.)
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate

from desk.demo import data as d
from desk.demo.ids import SERIAL_ALPHABET, receipt_no
from desk.demo.sizes import DemoSize
from desk.platform.money import split_largest_remainder
from desk.sales.commands import Promotion, RecordSale, SaleLine, Tender
from desk.sales.importing import ImportedSale, ImportSales


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    kind: str
    category_id: str
    price_fen: int
    qty_max: int

    @property
    def serialised(self) -> bool:
        return self.kind in ("appliance", "electronics")


# --- the shape of a year of sales --------------------------------------------------------------

# basket kinds: (name, weight, fewest items, most items, chance of a gift line, categories)
_BASKETS: tuple[tuple[str, int, int, int, float, tuple[str, ...]], ...] = (
    ("fresh", 40, 3, 12, 0.0, ("F01", "F02", "F03")),
    ("clothing", 22, 1, 4, 0.0, ("C01", "C02", "C04")),
    ("down_jacket", 8, 1, 2, 0.25, ("C03",)),
    ("appliance", 12, 1, 2, 0.55, ("A01", "A02", "A03")),
    ("electronics", 12, 1, 3, 0.35, ("E01", "E02", "E03")),
    ("jewelry", 6, 1, 2, 0.45, ("J01", "J02")),
)
_MAX_ITEMS = 15
OPEN_MINUTE, CLOSE_MINUTE = 9 * 60 + 30, 22 * 60  # the store opens 09:30-22:00


def _day_weight(day: date) -> float:
    weight = 1.6 if day.weekday() >= 5 else 1.0
    md = (day.month, day.day)
    if md == (11, 11):
        weight *= 3.0  # 双十一
    elif md in ((6, 18), (12, 12)) or (10, 1) <= md <= (10, 7) or (5, 1) <= md <= (5, 5):
        weight *= 1.8  # 618, 双十二, 国庆, 五一
    elif (1, 20) <= md <= (2, 10):
        weight *= 1.4  # 年货 before the Spring Festival
    return weight


def _receipts_per_day(now: datetime, receipts: int) -> list[tuple[date, int]]:
    """Split the receipts over the 365 days ending today, today only up to the clock's time."""
    today = now.date()
    days = [today - timedelta(days=n) for n in range(364, -1, -1)]
    weights = [_day_weight(day) for day in days]
    minute_now = now.hour * 60 + now.minute
    elapsed = min(max(minute_now - OPEN_MINUTE, 0), CLOSE_MINUTE - OPEN_MINUTE)
    weights[-1] *= elapsed / (CLOSE_MINUTE - OPEN_MINUTE)
    counts = split_largest_remainder(receipts, [int(w * 1000) for w in weights])
    return list(zip(days, counts, strict=True))


def _plan_baskets(rng: random.Random, size: DemoSize) -> tuple[bytes, bytes, bytes]:
    """Per receipt: basket kind, item count and whether a gift line is added, such that the lines
    (items + gifts) add up to exactly `size.lines`."""
    kinds, items, gifts = bytearray(), bytearray(), bytearray()
    weights = [b[1] for b in _BASKETS]
    for _ in range(size.receipts):
        k = rng.choices(range(len(_BASKETS)), weights)[0]
        _, _, low, high, gift_chance, _ = _BASKETS[k]
        kinds.append(k)
        items.append(rng.randint(low, high))
        gifts.append(1 if rng.random() < gift_chance else 0)
    diff = size.lines - sum(items) - sum(gifts)
    # Bigger or smaller baskets (fresh food first) until the total is exact.
    order = list(range(size.receipts))
    rng.shuffle(order)
    order.sort(key=lambda i: kinds[i] != 0)
    step = 1 if diff > 0 else -1
    while diff:
        moved = False
        for i in order:
            if diff == 0:
                break
            if 1 <= items[i] + step <= _MAX_ITEMS:
                items[i] += step
                diff -= step
                moved = True
        if not moved:
            raise ValueError("cannot fit the requested number of lines into the receipts")
    return bytes(kinds), bytes(items), bytes(gifts)


def serial_number(rng: random.Random) -> str:
    return "SN" + "".join(rng.choices(SERIAL_ALPHABET, k=10))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choices("0123456789", k=n))


_TENDER_WEIGHTS = (("wechat_pay", 35), ("alipay", 25), ("bank_card", 20), ("cash", 12),
                   ("store_card", 8))


def _reference(rng: random.Random, tender: str, day: date) -> str:
    if tender == "wechat_pay":
        return "4200" + _digits(rng, 24)
    if tender == "alipay":
        return f"{day:%Y%m%d}2200" + _digits(rng, 16)
    if tender == "bank_card":
        return f"6222****{_digits(rng, 4)}"
    if tender == "store_card":
        return "SC" + _digits(rng, 10)
    return ""


_TENDER_NAMES = tuple(n for n, _ in _TENDER_WEIGHTS)
# what rng.choices(names, weights) computes at every call: the same draws, the same picks
_TENDER_CUM_WEIGHTS = tuple(accumulate(w for _, w in _TENDER_WEIGHTS))
_OTHER_TENDERS = {first: [n for n in _TENDER_NAMES if n != first] for first in _TENDER_NAMES}


def _tenders(rng: random.Random, paid: int, day: date) -> list[Tender]:
    first = rng.choices(_TENDER_NAMES, cum_weights=_TENDER_CUM_WEIGHTS)[0]
    if paid >= 500_000 and rng.random() < 0.5:
        first = "bank_card"
    if paid >= 2_000 and rng.random() < 0.12:  # split payment, e.g. store card + WeChat
        second = rng.choice(_OTHER_TENDERS[first])
        part = max(100, min(paid - 100, paid * rng.randint(20, 80) // 100 // 100 * 100))
        return [Tender(first, part, _reference(rng, first, day)),
                Tender(second, paid - part, _reference(rng, second, day))]
    return [Tender(first, paid, _reference(rng, first, day))]


@dataclass
class Candidate:
    """A sold line a repair ticket could be opened for."""

    receipt_no: str
    sku: str
    serial: str
    customer_id: str | None
    sold_at: datetime
    kind: str


# --- the sales, made in order ---------------------------------------------------------------------

class SalesMaker:
    """The year's sales from `rng`, as `ImportSales` batches of `size.batch` receipts; the sold
    lines a ticket could be opened for gather in `candidates` as they are made."""

    def __init__(self, rng: random.Random, size: DemoSize, now: datetime) -> None:
        self.rng = rng
        self.size = size
        self.now = now
        self.candidates: list[Candidate] = []

    def imports(self, products: list[Product], member_ids: list[str]) -> Iterator[ImportSales]:
        """The POS's sales as a POS export brings them: `ImportSales` commands of `batch`
        receipts (each checked by the sale rules, all of them against the database at once,
        then projected together), one to a transaction."""
        line = 2  # as in a file: the header is line 1
        chunk: list[ImportedSale] = []
        for command in self._sales(products, member_ids):
            rows = list(range(line, line + len(command.lines)))
            chunk.append(ImportedSale(command, rows, line))
            line += len(rows)
            if len(chunk) >= self.size.batch:
                yield ImportSales(chunk)
                chunk = []
        if chunk:
            yield ImportSales(chunk)

    def _sales(self, products: list[Product], member_ids: list[str]) -> Iterator[RecordSale]:
        rng = self.rng
        candidates = self.candidates
        size = self.size
        by_category: dict[str, list[Product]] = {}
        for p in products:
            by_category.setdefault(p.category_id, []).append(p)
        gifts = {p.name: p for p in by_category[d.GIFT_CATEGORY.category_id]}
        kinds, items, gift_flags = _plan_baskets(rng, size)
        index = 0
        for day, count in _receipts_per_day(self.now, size.receipts):
            if not count:
                continue
            last_minute = CLOSE_MINUTE if day < self.now.date() else (
                self.now.hour * 60 + self.now.minute)
            seconds = sorted(rng.randrange(OPEN_MINUTE * 60, last_minute * 60)
                             for _ in range(count))
            sequences = array("H", [0] * (size.pos_counters + 1))
            for second in seconds:
                sold_at = datetime.combine(day, datetime.min.time()) + timedelta(seconds=second)
                till = rng.randint(1, size.pos_counters)
                sequences[till] += 1
                no = receipt_no(day, till, sequences[till])
                basket = _BASKETS[kinds[index]]
                yield self._sale(no, sold_at, basket, items[index], bool(gift_flags[index]),
                                 by_category, gifts, member_ids, candidates)
                index += 1

    def _sale(self, no: str, sold_at: datetime,
              basket: tuple[str, int, int, int, float, tuple[str, ...]], n_items: int,
              with_gift: bool, by_category: dict[str, list[Product]],
              gifts: dict[str, Product], member_ids: list[str],
              candidates: list[Candidate]) -> RecordSale:
        rng = self.rng
        kind, _, _, _, _, category_ids = basket
        member_chance = 0.55 if kind in ("fresh", "clothing") else 0.8
        customer_id = None
        if rng.random() < member_chance:
            # loyal customers come back more often: a skewed pick
            customer_id = member_ids[int(len(member_ids) * rng.random() ** 2)]
        lines: list[SaleLine] = []
        for _ in range(n_items):
            product = rng.choice(by_category[rng.choice(category_ids)])
            qty = rng.randint(1, product.qty_max) if product.qty_max > 1 else 1
            list_fen = qty * product.price_fen
            discount = 0
            if product.kind != "fresh_food" and rng.random() < 0.15:
                discount = list_fen - list_fen * rng.choice((90, 95, 88)) // 100  # 9折, 95折
            serial = serial_number(rng) if product.serialised else ""
            lines.append(SaleLine(product.sku, qty, product.price_fen, discount, serial))
            if kind in ("appliance", "electronics", "down_jacket", "jewelry", "clothing"):
                candidates.append(Candidate(no, product.sku, serial, customer_id, sold_at,
                                             product.kind))
        if with_gift:
            gift = gifts[rng.choice(d.GIFTS_BY_KIND.get(kind, ("品牌帆布袋",)))]
            lines.append(SaleLine(gift.sku, 1, 0, 0, "", True, gift.price_fen))
        after_lines = sum(ln.qty * ln.unit_price_fen - ln.line_discount_fen for ln in lines)
        promotions: list[Promotion] = []
        if rng.random() < 0.35:
            for threshold, off in reversed(d.PROMOTIONS):
                if after_lines >= threshold * 100:
                    promotions.append(Promotion("full_reduction", f"满{threshold}减{off}",
                                                off * 100))
                    break
        if customer_id and rng.random() < 0.15:
            off, description = rng.choice(d.COUPONS)
            if after_lines - sum(p.amount_fen for p in promotions) >= off * 100 * 5:
                promotions.append(Promotion("coupon", description, off * 100))
        paid = after_lines - sum(p.amount_fen for p in promotions)
        if paid <= 0:  # a basket of nothing but gifts cannot happen; keep the invariant anyway
            promotions = []
            paid = after_lines
        tenders = _tenders(rng, paid, sold_at.date())
        points = paid // 100 if customer_id else 0
        return RecordSale(receipt_no=no, sold_at=sold_at.isoformat(timespec="seconds"),
                          lines=lines, tenders=tenders, promotions=promotions,
                          customer_id=customer_id, points_earned=points)
