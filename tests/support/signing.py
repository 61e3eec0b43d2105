"""A customer's signature captured for exactly the document the core builds, as the pad would
give it (strokes and a PNG), for tests of commands that require one."""

from __future__ import annotations

import base64
import io
import itertools
import math
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from PIL import Image

from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.returns.commands import AwardCompensation, RecordReturn
from desk.returns.counter_queries import (
    SignableDocument,
    signable_compensation,
    signable_return,
)
from desk.signatures.commands import CaptureSignature

C = TypeVar("C", RecordReturn, AwardCompensation)
_hands = itertools.count(1)  # each capture a little different, as a real hand is


def strokes(seed: int) -> list[list[list[int]]]:
    wave = [[round(60 + 300 * i / 39), round(110 + 35 * math.sin(i / 3 + seed / 7)), 12 * i, 700]
            for i in range(40)]
    return [wave, [[x + 30, y, t, p] for x, y, t, p in wave[:15]]]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("LA", (120, 50), (0, 0)).save(out, "PNG")
    return out.getvalue()


def capture(bus: CommandBus, document: SignableDocument) -> str:
    """Capture a signature for `document`; returns its id."""
    command = CaptureSignature(document_kind=document.kind, document_ref=document.ref,
                               document_sha256=document.document_sha256,
                               png_base64=base64.b64encode(png()).decode("ascii"),
                               strokes=strokes(next(_hands)))
    return str(bus.dispatch(command, SYSTEM_ACTOR).value.signature_id)


def signed(bus: CommandBus, command: C) -> C:
    """The command with the customer's signature for what the core will record."""
    today = bus.clock.local_now().date()
    with bus.db.engine.connect() as conn:
        if isinstance(command, RecordReturn):
            document = signable_return(conn, command, today)
        else:
            document = signable_compensation(conn, command, today)
    return replace(command, signature_ref=capture(bus, document))


class Pad:
    """Stands in for the signature pad on a screen: the customer signs whatever the screen asks
    for (the core builds the document from the command), and `asked` keeps the commands."""

    def __init__(self, bus: CommandBus) -> None:
        self.bus = bus
        self.asked: list[RecordReturn | AwardCompensation] = []

    def __call__(self, command: RecordReturn | AwardCompensation, done: Callable[[str], None]
                 ) -> None:
        self.asked.append(command)
        done(signed(self.bus, command).signature_ref)


class RepairPad:
    """The pad for the repair screens: the customer signs the document the core builds for the
    ticket (desk.repairs.counter_queries.signable_repair); `asked` keeps (code, kind)."""

    def __init__(self, bus: CommandBus) -> None:
        self.bus = bus
        self.asked: list[tuple[str, str]] = []

    def __call__(self, code: str, kind: str, done: Callable[[str | None], None]) -> None:
        from desk.repairs.counter_queries import signable_repair

        self.asked.append((code, kind))
        with self.bus.db.engine.connect() as conn:
            document = signable_repair(conn, code, kind)
        done(capture(self.bus, SignableDocument(document.kind, document.ref,
                                                document.document_sha256,
                                                document.amount_fen)))
