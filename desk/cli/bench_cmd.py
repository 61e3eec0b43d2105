"""`desk bench`: the project's benchmarks against DESIGN.md's budgets, as a table and JSON."""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path

from desk.bench import BenchContext, BenchRow
from desk.platform.errors import DeskError
from desk.platform.paths import data_home

# Core benchmark modules (Qt-free); printing/ and ui/ add theirs via the `desk.bench` group.
CORE_BENCHES = (
    "desk.bench.replay:bench",
    "desk.bench.upgrade:bench",
    "desk.bench.commit:bench",
    "desk.bench.sync:bench",
    "desk.bench.lookup:bench",
    "desk.bench.returns:bench",
    "desk.bench.repairs:bench",
    "desk.bench.queue:bench",
    "desk.bench.chain:bench",
)

Bench = Callable[[BenchContext], list[BenchRow]]

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bench", help="run the benchmarks on the large demo database")
    p.add_argument("--quick", action="store_true",
                   help="fewer repetitions on the small demo (built in a temporary folder); "
                        "checks only the budgets that hold at any size")
    p.add_argument("--only", help="run only benchmarks whose name contains this text")
    p.add_argument("--budget", action="append", default=[], metavar="ROW=VALUE",
                   help="replace the budget of the rows whose name contains ROW (tests the guard)")
    p.add_argument("--json", dest="json_out", default="bench-results/latest.json")
    p.add_argument("suite", nargs="?", choices=("chain",),
                   help="chain: only the chain load generator, sized by the options below "
                        "(its own throw-away PostgreSQL; no demo database needed)")
    chain = p.add_argument_group("chain load (desk bench chain)")
    chain.add_argument("--stores", type=int, default=1000)
    chain.add_argument("--counters", type=int, default=10, help="per store")
    chain.add_argument("--events-per-push", type=int, default=5)
    chain.add_argument("--rate", type=float, default=6000.0,
                       help="events/s the whole chain offers (compresses the 30 s rounds)")
    chain.add_argument("--seconds", type=float, default=30.0, help="the measured window")
    chain.add_argument("--workers", type=int, default=16)
    chain.add_argument("--no-pull", dest="pull", action="store_false",
                       help="counters only push (to see the push path alone)")
    p.set_defaults(func=run_bench)


def all_benches() -> list[tuple[str, Bench]]:
    found: list[tuple[str, Bench]] = []
    for path in CORE_BENCHES:
        module, _, name = path.partition(":")
        found.append((path, getattr(import_module(module), name)))
    for entry in entry_points(group="desk.bench"):
        found.append((entry.value, entry.load()))
    return found


def run_bench(args: argparse.Namespace) -> int:
    overrides = parse_budgets(args.budget)
    if args.suite == "chain":
        rows = run_chain(args)
        for key, budget in overrides.items():
            rows = [replace(r, budget=budget) if key in r.name else r for r in rows]
        return report(rows, args, "chain load (throw-away PostgreSQL)")
    if args.quick:
        with tempfile.TemporaryDirectory(prefix="desk-bench-quick-") as folder:
            home = Path(folder)
            build_small_demo(home)
            rows = run_benches(BenchContext(home=home, quick=True), args.only, overrides)
    else:
        ctx = BenchContext(home=data_home(args.home))
        if not ctx.db_path.exists():
            raise DeskError("value.invalid", field="--home",
                            reason=f"no database in {ctx.home}: build it with "
                                   f"'desk --home {ctx.home} demo --size large'")
        rows = run_benches(ctx, args.only, overrides)
    return report(rows, args, "small demo" if args.quick else str(data_home(args.home)))


def run_chain(args: argparse.Namespace) -> list[BenchRow]:
    from desk.bench.chain import ChainLoad, rows, run_on_temp_server

    if min(args.stores, args.counters, args.events_per_push, args.workers) < 1 \
            or args.rate <= 0 or args.seconds <= 0:
        raise DeskError("value.invalid", field="chain", reason="sizes must be positive")
    load = ChainLoad(stores=args.stores, counters=args.counters,
                     events_per_push=args.events_per_push, rate=args.rate,
                     seconds=args.seconds, workers=args.workers, pull=args.pull,
                     chain_sizes=(*(s for s in (10, 100, 1000) if s < args.stores),
                                  args.stores))
    return rows(run_on_temp_server(load))


def report(rows: list[BenchRow], args: argparse.Namespace, database: str) -> int:
    print(format_table(rows, args.quick))
    out = Path(args.json_out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": platform.platform(),
        "database": database, "cpus": os.cpu_count(), "load_average": os.getloadavg()[0],
        "quick": args.quick,
        "rows": [{**asdict(r), "ok": r.verdict(args.quick)} for r in rows],
    }, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"saved {out}")
    return 0 if passed(rows, args.quick) else 1


def passed(rows: list[BenchRow], quick: bool) -> bool:
    """No row that this run checks misses its budget."""
    return all(r.verdict(quick) is not False for r in rows)


def parse_budgets(items: list[str]) -> dict[str, float]:
    found: dict[str, float] = {}
    for item in items:
        name, sep, value = item.rpartition("=")
        try:
            found[name] = float(value)
        except ValueError:
            found[name] = float("nan")
        if not sep or not name or found[name] != found[name]:
            raise DeskError("value.invalid", field="--budget", reason=f"not ROW=NUMBER: {item}")
    return found


def build_small_demo(home: Path) -> None:
    from desk.capabilities import open_database
    from desk.demo import build_demo
    from desk.platform.bus import CommandBus

    db = open_database(home / "desk.sqlite3")
    build_demo(CommandBus(db), "small")
    db.dispose()


def crashed(name: str, exc: BaseException) -> BenchRow:
    """A failing row for a benchmark that raised (the run's exit status says so)."""
    return BenchRow(f"{name} ran to the end", 0, "", budget=1, at_least=True, any_size=True,
                    detail=f"failed: {type(exc).__name__}: {exc}"[:300])


def run_benches(ctx: BenchContext, only: str | None,
                overrides: dict[str, float] | None = None) -> list[BenchRow]:
    rows: list[BenchRow] = []
    for name, bench in all_benches():
        if only and only not in name:
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            rows += bench(ctx)
        except Exception as exc:  # one broken benchmark must not lose the others' figures
            log.exception("benchmark %s failed", name)
            rows.append(crashed(name, exc))
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    for key, budget in (overrides or {}).items():
        rows = [replace(r, budget=budget) if key in r.name else r for r in rows]
    return rows


def format_table(rows: list[BenchRow], quick: bool = False) -> str:
    header = ("what", "measured", "budget", "")
    body = [(r.name, f"{r.value:,.1f} {r.unit}", _budget_text(r),
             _verdict_text(r, quick)) for r in rows]
    widths = [max(len(str(line[i])) for line in [header, *body]) for i in range(4)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True))
             for line in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    details = [f"  {r.name}: {r.detail}" for r in rows if r.detail]
    return "\n".join([*lines, "", *details] if details else lines)


def _budget_text(row: BenchRow) -> str:
    if row.budget is None:
        return "—"
    return f"{'≥' if row.at_least else '≤'} {row.budget:,.1f} {row.unit}"


def _verdict_text(row: BenchRow, quick: bool) -> str:
    verdict = row.verdict(quick)
    if verdict is None:
        return "(large db)" if row.budget is not None else ""
    return "ok" if verdict else "MISSED"
