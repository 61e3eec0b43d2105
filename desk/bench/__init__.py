"""Benchmark rows and the context benchmarks run in (`desk bench`, `make bench`).

A benchmark is a function `bench(ctx: BenchContext) -> list[BenchRow]`. Core ones are listed in
desk/cli/bench_cmd.py; printing/ and ui/ add theirs through the `desk.bench` entry-point group.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BenchRow:
    name: str  # what was measured, as in DESIGN.md's budget table
    value: float
    unit: str  # "ms", "s", "bytes", "MB"
    budget: float | None = None  # the DESIGN.md budget in the same unit (None: informational)
    detail: str = ""  # e.g. "p95 of 500 lookups"
    at_least: bool = False  # the budget is a floor (a rate), not a ceiling
    # The budget holds on a database of any size (a ratio against a baseline measured in the same
    # run, a correctness count): `desk bench --quick` on the small demo checks only these.
    any_size: bool = False

    @property
    def ok(self) -> bool | None:
        if self.budget is None or self.value != self.value:  # NaN: nothing was measured
            return None if self.budget is None else False
        return self.value >= self.budget if self.at_least else self.value <= self.budget

    def verdict(self, quick: bool) -> bool | None:
        """Pass/fail as this run judges it: a quick run checks only the size-independent rows."""
        return None if quick and not self.any_size else self.ok


@dataclass(frozen=True)
class BenchContext:
    home: Path  # data directory holding the large demo database (desk.sqlite3)
    quick: bool = False  # fewer repetitions (CI smoke run of the benchmark code itself)

    @property
    def db_path(self) -> Path:
        return self.home / "desk.sqlite3"


def p95(samples_ms: list[float]) -> float:
    """95th percentile (inclusive method), the figure DESIGN.md's budgets are stated in."""
    if len(samples_ms) < 2:
        return samples_ms[0] if samples_ms else 0.0
    return statistics.quantiles(samples_ms, n=20, method="inclusive")[18]
