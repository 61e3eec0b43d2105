"""`desk print ...`: sample documents to a file (bytes + PNG preview) or to a serial printer.

    desk print sample KIND --profile P --out FILE      bytes in FILE, the paper in FILE.png
    desk print sample KIND --profile P --port DEV [--baud N] [--flow rtscts|xonxoff|paced|none]
    desk print profiles                                the printer profiles (resources/printers)

KIND: return_receipt, return_receipt_store, intake_slip, quote, completion, closure.
`--copy` prints it as a reprint (COPY), `--signature PNG` adds a signature image.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desk.platform.errors import DeskError
from printing.documents import KINDS
from printing.escpos import encode
from printing.preview import render_png
from printing.profiles import get_profile, load_profiles
from printing.samples import sample

DEFAULT_PROFILE = "80mm-cn-qr-cut"


def send_ms(n_bytes: int, baud: int) -> float:
    """Time on the wire: 10 bits per byte (start, 8 data, stop)."""
    return n_bytes * 10 / baud * 1000


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("print", help="print sample documents; list printer profiles")
    inner = parser.add_subparsers(dest="print_command", metavar="WHAT")
    inner.required = True
    s = inner.add_parser("sample", help="encode a sample document to a file or a serial printer")
    s.add_argument("kind", choices=KINDS)
    s.add_argument("--profile", default=DEFAULT_PROFILE,
                   help="printer profile (desk print profiles)")
    where = s.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="write the ESC/POS bytes here and a PNG preview beside it")
    where.add_argument("--port", help="serial port of the printer (e.g. /dev/ttyUSB0, COM3)")
    s.add_argument("--baud", type=int, default=9600)
    s.add_argument("--flow", default="rtscts", choices=("rtscts", "xonxoff", "paced", "none"),
                   help="flow control (paced: writes at the line speed, for printers with none)")
    s.add_argument("--copy", action="store_true", help="print as a reprint (COPY)")
    s.add_argument("--signature", help="a PNG to print as the customer's signature")
    s.set_defaults(func=_sample)
    p = inner.add_parser("profiles", help="list the printer profiles")
    p.set_defaults(func=_profiles)


def _sample(args: argparse.Namespace) -> int:
    profile = get_profile(args.profile)
    doc = sample(args.kind)
    if args.signature:
        try:
            doc = doc.with_signature(Path(args.signature).read_bytes())
        except OSError as err:
            raise DeskError("value.invalid", field="--signature", reason=str(err)) from None
    if args.copy:
        doc = doc.as_copy()
    data = encode(doc, profile)
    summary: dict[str, Any] = {
        "ok": True, "kind": args.kind, "profile": profile.name, "bytes": len(data),
        "send_ms_9600": round(send_ms(len(data), 9600), 1),
        "send_ms_115200": round(send_ms(len(data), 115200), 1),
        "content_sha256": doc.content_sha256(),
    }
    if args.out:
        out = Path(args.out)
        png = out.with_name(out.name + ".png")
        try:
            out.write_bytes(data)
            png.write_bytes(render_png(data, profile.dots))
        except OSError as err:
            raise DeskError("value.invalid", field="--out", reason=str(err)) from None
        summary.update(out=str(out), png=str(png))
    else:
        summary.update(_send_serial(args.port, args.baud, args.flow, data))
    sys.stdout.write(json.dumps(summary, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


def _send_serial(port: str, baud: int, flow: str, data: bytes) -> dict[str, Any]:
    """Through printing/transport's SerialTransport: the same code path as the app's queue."""
    from printing.transport.serial_port import SerialTransport

    transport = SerialTransport(port, baud=baud, flow=flow)
    try:
        status = transport.status()
        if not status.can_print:
            raise DeskError(status.error_code or "printer.error", port=port, host=port,
                            detail=status.detail or status.state)
        started = time.perf_counter()
        transport.write(data)
        elapsed_ms = (time.perf_counter() - started) * 1000
    finally:
        transport.close()
    return {"port": port, "baud": baud, "flow": flow, "status": status.state,
            "sent_ms": round(elapsed_ms, 1)}


def _profiles(args: argparse.Namespace) -> int:
    for profile in load_profiles().values():
        sys.stdout.write(json.dumps(asdict(profile), ensure_ascii=False, sort_keys=True) + "\n")
    return 0
