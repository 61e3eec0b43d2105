"""Printer status over DLE EOT (real-time status transmission), told apart and validated.

A transport asks `DLE EOT n` and reads one byte back within a short timeout. ESC/POS replies all
match the bit pattern `0xx1xx10` (bit 7 = 0, bit 4 = 1, bit 1 = 1, bit 0 = 0); anything else (an
XON/XOFF byte, line noise, an automatic status block) is skipped, and no valid reply in time
means the printer is not answering.

    n = 1 printer status      bit 3: offline
    n = 2 offline cause       bit 2: cover open; bit 5: stopped at paper end; bit 6: error
    n = 4 roll paper sensor   bits 2-3: paper near end; bits 5-6: paper end

States (the words the status bar uses, ui/printing/status_label.py): ready, paper_near_end (can
still print), paper_out, cover_open, offline, error, not_answering, port_missing, disconnected.
Every state that cannot print has an error code `printer.<state>` (desk/platform/errors.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

DLE_EOT = b"\x10\x04"
STATUS_TIMEOUT_S = 0.5  # a printer answers DLE EOT within milliseconds; 0.5 s is generous

READY = "ready"
PAPER_NEAR_END = "paper_near_end"
PAPER_OUT = "paper_out"
COVER_OPEN = "cover_open"
OFFLINE = "offline"
ERROR = "error"
NOT_ANSWERING = "not_answering"
PORT_MISSING = "port_missing"
DISCONNECTED = "disconnected"
PORT_BUSY = "port_busy"  # the port exists but cannot be opened (in use, no permission)

CAN_PRINT = frozenset({READY, PAPER_NEAR_END})


def query(n: int) -> bytes:
    """The status request `DLE EOT n`."""
    if n not in (1, 2, 3, 4):
        raise ValueError(f"DLE EOT n must be 1..4, not {n}")
    return DLE_EOT + bytes([n])


def valid_reply(byte: int) -> bool:
    """`0xx1xx10`: the fixed bits of every DLE EOT reply."""
    return byte & 0b1001_0011 == 0b0001_0010


@dataclass(frozen=True)
class PrinterStatus:
    state: str
    detail: str = ""
    replies: tuple[int | None, ...] = ()  # raw bytes for n = 1, 2, 4 (None: no reply)

    @property
    def can_print(self) -> bool:
        return self.state in CAN_PRINT

    @property
    def error_code(self) -> str | None:
        """The DeskError code when the printer cannot print, else None."""
        return None if self.can_print else f"printer.{self.state}"


def classify(printer: int, offline_cause: int, paper: int) -> PrinterStatus:
    """The state from three valid replies (n = 1, 2, 4); the most specific cause wins."""
    replies: tuple[int | None, ...] = (printer, offline_cause, paper)
    if offline_cause & 0x04:
        return PrinterStatus(COVER_OPEN, "", replies)
    if paper & 0x60 or offline_cause & 0x20:
        return PrinterStatus(PAPER_OUT, "", replies)
    if offline_cause & 0x40:
        return PrinterStatus(ERROR, "", replies)
    if printer & 0x08:
        return PrinterStatus(OFFLINE, "", replies)
    if paper & 0x0C:
        return PrinterStatus(PAPER_NEAR_END, "", replies)
    return PrinterStatus(READY, "", replies)


Ask = Callable[[bytes, float], int | None]
"""Send a query and return the first valid reply byte within the timeout, or None."""


def probe(ask: Ask, timeout: float = STATUS_TIMEOUT_S) -> PrinterStatus:
    """Ask n = 1, 2 and 4 and tell the state apart. Stops at the first query left unanswered."""
    got: list[int] = []
    for n in (1, 2, 4):
        reply = ask(query(n), timeout)
        if reply is None:
            answered: tuple[int | None, ...] = (*got, None)
            return PrinterStatus(NOT_ANSWERING,
                                 f"no valid reply to DLE EOT {n} within {int(timeout * 1000)} ms",
                                 answered)
        got.append(reply)
    return classify(*got)


def read_reply(read_byte: Callable[[float], bytes], timeout: float) -> int | None:
    """Read bytes until a valid reply arrives or the timeout passes; invalid bytes are skipped."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        data = read_byte(left)
        if data and valid_reply(data[0]):
            return data[0]
