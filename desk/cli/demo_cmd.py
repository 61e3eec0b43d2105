"""`desk demo [--size small|large] [--seed N] [--if-missing]`: build the demo store.

Progress (stage, percent, rate) goes to stderr; one JSON summary goes to stdout at the end.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from desk.cli.common import open_bus, print_json
from desk.demo import SIZES, build_demo, demo_state, has_store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="build the demo store (a year of sales, tickets, staff)")
    p.add_argument("--size", choices=sorted(SIZES), default="small",
                   help="small: ~2 000 receipts (make run); large: the benchmark database")
    p.add_argument("--seed", type=int, default=1, help="the same seed builds the same store")
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing when the database already has a store")
    p.set_defaults(func=run_demo)


class ProgressPrinter:
    """Writes 'demo large: sales  45% 90000/200000 2310/s' lines, at most about once a second."""

    def __init__(self, label: str, stream: TextIO | None = None, every_s: float = 1.0) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.every_s = every_s
        self.tty = self.stream.isatty()
        self._stage = ""
        self._stage_started = 0.0
        self._last_print = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != self._stage:
            self._stage, self._stage_started, self._last_print = stage, now, 0.0
        finished = done >= total
        if not finished and now - self._last_print < self.every_s:
            return
        self._last_print = now
        elapsed = max(now - self._stage_started, 1e-6)
        percent = 100 * done // total if total else 100
        text = (f"{self.label}: {stage:<9} {percent:3d}% {done}/{total} "
                f"{done / elapsed:,.0f}/s")
        end = "\n" if finished or not self.tty else ""
        self.stream.write(("\r" if self.tty else "") + text + end)
        self.stream.flush()


def run_demo(args: argparse.Namespace) -> int:
    bus = open_bus(args)
    if args.if_missing and has_store(bus.db) and demo_state(bus.db) != "building":
        print_json({"ok": True, "skipped": True, "reason": "the database already has a store",
                    "store_id": bus.db.store_id()})
        return 0
    summary = build_demo(bus, args.size, args.seed, ProgressPrinter(f"demo {args.size}"))
    bus.db.dispose()  # the last connection closing checkpoints the WAL into the file
    if bus.db.path is not None:
        summary["db_bytes"] = sum(
            p.stat().st_size for p in bus.db.path.parent.glob(bus.db.path.name + "*"))
        summary["path"] = str(bus.db.path)
    print_json(summary)
    return 0
