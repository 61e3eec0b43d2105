"""`desk bench`: the project's benchmarks against DESIGN.md's budgets, as a table and JSON."""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path

from desk.bench import BenchContext, BenchRow
from desk.platform.errors import DeskError
from desk.platform.paths import data_home

# Core benchmark modules (Qt-free); printing/ and ui/ add theirs via the `desk.bench` group.
CORE_BENCHES = (
    "desk.bench.commit:bench",
    "desk.bench.sync:bench",
    "desk.bench.lookup:bench",
    "desk.bench.returns:bench",
)

Bench = Callable[[BenchContext], list[BenchRow]]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bench", help="run the benchmarks on the large demo database")
    p.add_argument("--quick", action="store_true", help="fewer repetitions")
    p.add_argument("--only", help="run only benchmarks whose name contains this text")
    p.add_argument("--json", dest="json_out", default="bench-results/latest.json")
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
    ctx = BenchContext(home=data_home(args.home), quick=args.quick)
    if not ctx.db_path.exists():
        raise DeskError("value.invalid", field="--home",
                        reason=f"no database in {ctx.home}: build it with "
                               f"'desk --home {ctx.home} demo --size large'")
    rows: list[BenchRow] = []
    for name, bench in all_benches():
        if args.only and args.only not in name:
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        rows += bench(ctx)
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    print(format_table(rows))
    out = Path(args.json_out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": platform.platform(),
        "database": str(ctx.db_path), "quick": ctx.quick,
        "rows": [{**asdict(r), "ok": r.ok} for r in rows],
    }, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"saved {out}")
    return 0 if all(r.ok is not False for r in rows) else 1


def format_table(rows: list[BenchRow]) -> str:
    header = ("what", "measured", "budget", "")
    body = [(r.name, f"{r.value:,.1f} {r.unit}",
             f"≤ {r.budget:,.1f} {r.unit}" if r.budget is not None else "—",
             {True: "ok", False: "OVER", None: ""}[r.ok]) for r in rows]
    widths = [max(len(str(line[i])) for line in [header, *body]) for i in range(4)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True))
             for line in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    details = [f"  {r.name}: {r.detail}" for r in rows if r.detail]
    return "\n".join([*lines, "", *details] if details else lines)
