"""Benchmark rows for the printed documents: bytes, and the time on the wire at 9600 and 115200
baud (10 bits per byte) per document and profile. DESIGN.md budget: the intake slip with native QR
and no signature stays within 1 500 bytes. No database needed."""

from __future__ import annotations

import time

from desk.bench import BenchContext, BenchRow
from printing.cli import send_ms
from printing.documents import KINDS
from printing.escpos import encode
from printing.profiles import get_profile
from printing.samples import sample

PROFILES = ("80mm-cn-qr-cut", "58mm-basic")


def bench(ctx: BenchContext) -> list[BenchRow]:
    rows: list[BenchRow] = []
    p80 = get_profile("80mm-cn-qr-cut")
    slip = encode(sample("intake_slip"), p80)
    rows.append(BenchRow("intake slip with native QR, no signature", len(slip), "bytes", 1500,
                         f"{p80.name}, QR = tracking URL"))
    for name in PROFILES:
        profile = get_profile(name)
        for kind in KINDS:
            start = time.perf_counter()
            data = encode(sample(kind), profile)
            encode_ms = (time.perf_counter() - start) * 1000
            detail = f"{profile.name}; encoded in {encode_ms:.1f} ms"
            rows.append(BenchRow(f"print {kind} ({name}) size", len(data), "bytes", None, detail))
            for baud in (9600, 115200):
                rows.append(BenchRow(f"print {kind} ({name}) at {baud} baud",
                                     round(send_ms(len(data), baud), 1), "ms", None,
                                     "10 bits per byte on the wire"))
    return rows
