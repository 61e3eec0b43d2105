"""Benchmark rows for the printed documents: bytes, and the time on the wire at 9600 and 115200
baud (10 bits per byte) per document and profile. DESIGN.md budget: the intake slip with native QR
and no signature stays within 1 500 bytes. No database needed."""

from __future__ import annotations

import io
import math
import time

from PIL import Image, ImageDraw

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
    signed = encode(sample("intake_slip").with_signature(_signature_png()), p80)
    rows.append(BenchRow("intake slip with native QR and a signature", len(signed), "bytes", None,
                         f"{p80.name}; {round(send_ms(len(signed), 9600))} ms at 9600 baud"))
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


def _signature_png() -> bytes:
    """A pad-sized signature (600 x 200 px, a wavy stroke and a cross stroke)."""
    img = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    wave = [(40 + 4 * i, 120 + 40 * math.sin(i / 5)) for i in range(130)]
    draw.line(wave, fill=(16, 28, 84, 255), width=4, joint="curve")
    draw.line([(120, 40), (300, 170)], fill=(16, 28, 84, 255), width=4)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
