"""Lookup benchmarks on the large demo database (`desk bench`, dotted path desk.bench.lookup:bench).

Each row is the p95 of `search()` — classify + every query the kind calls for + ranking — over
distinct real values sampled from the database, on one open connection (as the app's database
worker holds it). Budgets (DESIGN.md, issue 15): exact lookups p95 ≤ 5 ms, name/pinyin
prefix p95 ≤ 10 ms.
Opening the detail of a receipt and of a customer is measured too (informational).
The name and pinyin kinds are also measured on the small (10 000 sale lines) and, in a full run,
the medium (100 000) demo, built in a temporary folder, so the growth with size is visible.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection

from desk.bench import BenchContext, BenchRow, p95
from desk.capabilities import open_database
from desk.catalog import tables as catalog_t
from desk.lookup.details import customer_detail, product_detail, receipt_detail
from desk.lookup.search import search
from desk.repairs import tables as repairs_t
from desk.sales import tables as sales_t

EXACT_BUDGET_MS = 5.0
PREFIX_BUDGET_MS = 10.0


def _sample(conn: Connection, column: Any, n: int, rng: random.Random,
            where: Any = None) -> list[str]:
    """n distinct non-empty values of a column, spread over the table (rowid strides)."""
    table = column.table
    count = conn.execute(select(func.max(text("rowid"))).select_from(table)).scalar() or 0
    if not count:
        return []
    rowids = sorted(rng.sample(range(1, count + 1), min(count, n * 3)))
    stmt = select(column).where(text(f"rowid IN ({','.join(map(str, rowids))})"))
    stmt = stmt.where(column != "")
    if where is not None:
        stmt = stmt.where(where)
    values = list(dict.fromkeys(str(v) for v in conn.execute(stmt).scalars()))
    rng.shuffle(values)
    return values[:n]


def _time(fn: Callable[[str], Any], values: list[str]) -> list[float]:
    samples = []
    for value in values:
        started = time.perf_counter()
        fn(value)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


GROWTH_SIZES = {"small": "10 000", "medium": "100 000"}  # demo size -> its sale lines


def growth(quick: bool, n: int) -> list[BenchRow]:
    """The name/pinyin kinds on smaller demos (informational: the budget is the large one's)."""
    from desk.demo import build_demo
    from desk.platform.bus import CommandBus

    rows: list[BenchRow] = []
    for size, lines in GROWTH_SIZES.items():
        if quick and size != "small":
            continue
        with tempfile.TemporaryDirectory(prefix=f"desk-bench-lookup-{size}-") as folder:
            path = Path(folder) / "desk.sqlite3"
            db = open_database(path)
            build_demo(CommandBus(db), size)
            db.dispose()
            for row in measure(path, n, name_kinds_only=True):
                rows.append(BenchRow(f"{row.name} @ {lines} lines", row.value, row.unit, None,
                                     row.detail))
    return rows


def bench(ctx: BenchContext) -> list[BenchRow]:
    n = 40 if ctx.quick else 400
    return measure(ctx.db_path, n) + growth(ctx.quick, n)


def measure(db_path: Path, n: int, name_kinds_only: bool = False) -> list[BenchRow]:
    rng = random.Random(20261120)
    db = open_database(db_path)
    rows: list[BenchRow] = []
    try:
        with db.engine.connect() as conn:
            c, p = catalog_t.customers.c, catalog_t.products.c
            lines = conn.execute(select(func.count()).select_from(sales_t.receipt_lines)
                                 ).scalar_one()
            names = _sample(conn, c.name, n, rng) + _sample(conn, p.name, n, rng)
            pinyins = _sample(conn, c.name_pinyin, n, rng) + _sample(conn, p.name_pinyin, n, rng)
            initials = (_sample(conn, c.name_initials, n, rng)
                        + _sample(conn, p.name_initials, n, rng))
            serials = (_sample(conn, sales_t.receipt_lines.c.serial, n, rng)
                       + _sample(conn, repairs_t.tickets.c.serial, n // 4, rng))
            tracking = conn.execute(select(catalog_t.stores.c.tracking_url)).scalars().first() or ""
            tickets = _sample(conn, repairs_t.tickets.c.code, n, rng)
            cases: list[tuple[str, list[str], float]] = [
                ("lookup by receipt number", _sample(conn, sales_t.receipts.c.receipt_no, n, rng),
                 EXACT_BUDGET_MS),
                ("lookup by ticket code", tickets, EXACT_BUDGET_MS),
                ("lookup by QR tracking link",
                 [f"{tracking.rstrip('/')}/{code}" for code in tickets], EXACT_BUDGET_MS),
                ("lookup by phone", _sample(conn, c.phone, n, rng), EXACT_BUDGET_MS),
                ("lookup by phone last 4 digits",
                 [v[-4:] for v in _sample(conn, c.phone, n, rng)], EXACT_BUDGET_MS),
                ("lookup by member id", _sample(conn, c.member_id, n, rng), EXACT_BUDGET_MS),
                ("lookup by serial", serials, EXACT_BUDGET_MS),
                ("lookup by barcode", _sample(conn, p.barcode, n, rng), EXACT_BUDGET_MS),
                ("lookup by name prefix (Chinese)",
                 [v[: rng.choice((1, 2))] for v in names], PREFIX_BUDGET_MS),
                ("lookup by pinyin initials prefix",
                 [v[: rng.choice((2, 3))] for v in initials if len(v) >= 2], PREFIX_BUDGET_MS),
                ("lookup by full pinyin prefix",
                 [v[: rng.choice((3, 5, 8))] for v in pinyins if len(v) >= 3],
                 PREFIX_BUDGET_MS),
            ]
            if name_kinds_only:
                cases = [case for case in cases if case[2] == PREFIX_BUDGET_MS]
            search(conn, "warm-up")
            for name, values, budget in cases:
                if not values:
                    rows.append(BenchRow(name, 0.0, "ms", budget, "no sample values found"))
                    continue
                outcomes: list[bool] = []

                def one(value: str, out: list[bool] = outcomes) -> None:
                    out.append(bool(search(conn, value).hits))

                samples = _time(one, values)
                rows.append(BenchRow(name, round(p95(samples), 2), "ms", budget,
                                     f"p95 of {len(samples)} searches ({sum(outcomes)} found "
                                     f"something), max {max(samples):.1f} ms, "
                                     f"{lines:,} sale lines"))
            for name, fn, column in () if name_kinds_only else (
                ("open receipt detail", receipt_detail, sales_t.receipts.c.receipt_no),
                ("open customer detail", customer_detail, c.customer_id),
                ("open product detail", product_detail, p.sku),
            ):
                values = _sample(conn, column, n // 2, rng)
                if values:
                    samples = _time(lambda v, fn=fn: fn(conn, v), values)  # type: ignore[misc]
                    rows.append(BenchRow(name, round(p95(samples), 2), "ms", None,
                                         f"p95 of {len(samples)}"))
    finally:
        db.dispose()
    return rows
