"""Close a day the way the app does: preview (the count entered), both sign, close."""

from __future__ import annotations

import base64
import io
import itertools
import math
from typing import Any

from PIL import Image

from desk.closure.commands import CloseDay
from desk.closure.queries import closure_preview
from desk.platform.bus import CommandBus
from desk.signatures.commands import CaptureSignature
from tests.returns.seed import CLERK, CLERK_PIN, MANAGER

COUNT = {10000: 3, 5000: 1, 100: 5}  # 355 yuan


def wave(x0: int) -> list[list[int]]:
    return [[x0 + 8 * i, round(110 + 30 * math.sin(i / 3)), 12 * i, 700] for i in range(40)]


def png() -> str:
    out = io.BytesIO()
    Image.new("LA", (120, 50), (0, 0)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")


_SEQ = itertools.count()


def sign(bus: CommandBus, sha: str, signer: str, x0: int) -> str:
    x0 += next(_SEQ) % 50  # the same ink twice is the same signature (refused): vary it
    cmd = CaptureSignature(document_kind="closure", document_ref="closure", document_sha256=sha,
                           png_base64=png(), strokes=[wave(x0), wave(x0 + 5)], signer=signer)
    return str(bus.dispatch(cmd, MANAGER).value.signature_id)


def close(bus: CommandBus, day: str, *, counted: dict[int, int] | None = None,
          opening: int = 300000, device_id: str = "", second: str = CLERK,
          second_pin: str = CLERK_PIN, note: str = "", confirm: bool = True,
          actor: str = MANAGER) -> Any:
    counted = COUNT if counted is None else counted
    with bus.db.engine.connect() as conn:
        preview = closure_preview(conn, day, device_id or None, counted, opening, note=note,
                                  second_counter=second)
    cmd = CloseDay(business_date=day, counted=counted, opening_float_fen=opening,
                   device_id=device_id, second_counter_id=second, second_counter_pin=second_pin,
                   variance_note=note, manager_signature_id=sign(bus, preview.fingerprint,
                                                                 "manager", 40),
                   second_signature_id=sign(bus, preview.fingerprint, "second", 90),
                   confirm_unsynced=confirm)
    return bus.dispatch(cmd, actor)
