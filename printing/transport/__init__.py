"""Transports: how the finished ESC/POS bytes reach the paper.

Every transport has `write(data)` (all of it, or a DeskError with a `printer.*` code), `status()`
(a printing.status.PrinterStatus, never raises) and `close()`. They are thin and blocking: run
them on an I/O thread (printing/queue_worker.py), never on the GUI thread.

- SerialTransport (pyserial): port, baud, parity, RTS/CTS or XON/XOFF flow control, or paced
  writes at the line speed for printers with neither.
- TcpTransport: a network printer's raw port (9100).
- FileTransport: each job's bytes into a folder (and a PNG of the paper next to it): the preview
  printer of `make run` and of machines without a printer.

`open_transport("serial:/dev/ttyUSB0?baud=9600&flow=rtscts")`, `"tcp:192.168.1.50:9100"`,
`"file:/path/to/folder"` builds one from a settings string.
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import parse_qs

from desk.platform.errors import DeskError
from printing.status import PrinterStatus


class Transport(Protocol):
    name: str

    def write(self, data: bytes) -> None: ...

    def status(self) -> PrinterStatus: ...

    def close(self) -> None: ...


def open_transport(spec: str) -> Transport:
    """Build a transport from `serial:PORT?baud=N&parity=N&flow=rtscts|xonxoff|paced|none`,
    `tcp:HOST[:PORT]` or `file:FOLDER[?dots=576]`; `status=off` (serial, tcp) for a printer that
    does not answer DLE EOT."""
    scheme, _, rest = spec.partition(":")
    target, _, query = rest.partition("?")
    opts = {k: v[-1] for k, v in parse_qs(query).items()}
    if opts.get("status", "on") not in ("on", "off"):
        raise DeskError("printer.bad_settings", detail="status is on or off")
    ask_status = opts.get("status", "on") == "on"
    try:
        if scheme == "serial" and target:
            from printing.transport.serial_port import SerialTransport

            return SerialTransport(target, baud=int(opts.get("baud", "9600")),
                                   parity=opts.get("parity", "N"),
                                   flow=opts.get("flow", "rtscts"), ask_status=ask_status)
        if scheme == "tcp" and target:
            from printing.transport.tcp import TcpTransport

            host, _, port = target.rpartition(":") if ":" in target else (target, "", "9100")
            return TcpTransport(host, int(port), ask_status=ask_status)
        if scheme == "file" and target:
            from printing.transport.file import FileTransport

            return FileTransport(target, dots=int(opts.get("dots", "576")))
    except ValueError as exc:
        raise DeskError("printer.bad_settings", detail=str(exc)) from None
    raise DeskError("printer.bad_settings",
                    detail=f"'{spec}' is not serial:PORT, tcp:HOST[:PORT] or file:FOLDER")
