"""Serial printers through pyserial: port, baud, parity, flow control or paced writes.

The port opens lazily and is reopened after a failure, so a USB-serial adapter pulled out and put
back is picked up by the next attempt. Flow control: `rtscts` (hardware; the usual choice),
`xonxoff` (software; the printer sends XOFF when its buffer fills), `paced` (neither: bytes are
written no faster than the line carries them, so a printer that cannot hold the line still keeps
up), `none`. pyserial ignores DSR/DTR flow control on Linux, so it is not offered.

Writes go in chunks, each with its own timeout: a printer holding the line (paper out mid-job,
cover opened) ends the job with `printer.write_timeout` instead of hanging the worker; a port that
disappears mid-job (cable, power) ends it with `printer.disconnected`.

`ask_status=False` is for the rare printer that does not implement DLE EOT: it is then taken as
ready whenever its port opens (paper out cannot be seen; the queue cannot hold for it).
"""

from __future__ import annotations

import contextlib
import errno
import time

import serial

try:  # a vanished pseudo-terminal or USB adapter fails tcflush with termios.error (not OSError)
    from termios import error as TermiosError
except ImportError:  # Windows: pyserial raises SerialException there
    TermiosError = OSError  # type: ignore[misc,assignment]

from desk.platform.errors import DeskError
from printing import status as st
from printing.errors import describe
from printing.status import PrinterStatus

# What a port that went away raises, on any platform.
PORT_ERRORS = (serial.SerialException, OSError, TermiosError)

PARITIES = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD,
            "M": serial.PARITY_MARK, "S": serial.PARITY_SPACE}
FLOWS = ("rtscts", "xonxoff", "paced", "none")
BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)
READ_SLICE_S = 0.02  # one read waits at most this long; status queries loop until their timeout
_MISSING = (errno.ENOENT, errno.ENODEV, errno.ENXIO)


class SerialTransport:
    def __init__(self, port: str, baud: int = 9600, parity: str = "N", flow: str = "rtscts", *,
                 chunk: int = 1024, write_timeout: float = 5.0,
                 status_timeout: float = st.STATUS_TIMEOUT_S, ask_status: bool = True) -> None:
        if not port:
            raise DeskError("printer.bad_settings", detail="no serial port given")
        if baud not in BAUDS:
            raise DeskError("printer.bad_settings",
                            detail=f"baud {baud} is not one of {', '.join(map(str, BAUDS))}")
        if parity.upper() not in PARITIES:
            raise DeskError("printer.bad_settings",
                            detail=f"parity '{parity}' is not N, E, O, M, S")
        if flow not in FLOWS:
            raise DeskError("printer.bad_settings",
                            detail=f"flow control '{flow}' is not {', '.join(FLOWS)}")
        self.name = port
        self.port = port
        self.baud = baud
        self.parity = PARITIES[parity.upper()]
        self.flow = flow
        self.chunk = max(16, chunk if flow != "paced" else min(chunk, 64))
        self.write_timeout = write_timeout
        self.status_timeout = status_timeout
        self.ask_status = ask_status  # False for printers that never answer DLE EOT
        self._ser: serial.Serial | None = None

    # --- the port ------------------------------------------------------------------------------
    def _open(self) -> serial.Serial:
        if self._ser is not None:
            return self._ser
        ser = serial.Serial(baudrate=self.baud, bytesize=serial.EIGHTBITS, parity=self.parity,
                            stopbits=serial.STOPBITS_ONE, rtscts=self.flow == "rtscts",
                            xonxoff=self.flow == "xonxoff", timeout=READ_SLICE_S,
                            write_timeout=self.write_timeout)
        ser.port = self.port
        try:
            ser.open()
        except PORT_ERRORS as exc:
            code = getattr(exc, "errno", None)
            text = str(exc)
            if code in _MISSING or "FileNotFoundError" in text or "No such file" in text:
                raise DeskError("printer.port_missing", port=self.port) from None
            raise DeskError("printer.port_busy", port=self.port, detail=text) from None
        self._ser = ser
        return ser

    def _drop(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            with contextlib.suppress(*PORT_ERRORS):
                ser.close()

    def close(self) -> None:
        self._drop()

    # --- printing ------------------------------------------------------------------------------
    def seconds_for(self, size: int) -> float:
        """How long `size` bytes take on the line (start bit, 8 data bits, parity, stop bit)."""
        bits = 10 + (0 if self.parity == serial.PARITY_NONE else 1)
        return size * bits / self.baud

    def write(self, data: bytes) -> None:
        ser = self._open()
        start = time.monotonic()
        sent = 0
        try:
            for i in range(0, len(data), self.chunk):
                piece = data[i:i + self.chunk]
                ser.write(piece)
                sent += len(piece)
                if self.flow == "paced":
                    wait = start + self.seconds_for(sent) - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)  # paced writes: no faster than the line carries them
            self._drain(ser, start + self.seconds_for(len(data)) + self.write_timeout)
        except serial.SerialTimeoutException:
            self._drop()
            raise DeskError("printer.write_timeout", port=self.port) from None
        except PORT_ERRORS as exc:
            self._drop()
            raise DeskError("printer.disconnected", port=self.port, detail=str(exc)) from None

    def _drain(self, ser: serial.Serial, deadline: float) -> None:
        """Wait until the driver has sent everything (never forever: a held line times out)."""
        while ser.out_waiting:
            if time.monotonic() > deadline:
                raise serial.SerialTimeoutException("output not drained")
            time.sleep(0.01)

    # --- status --------------------------------------------------------------------------------
    def status(self) -> PrinterStatus:
        try:
            ser = self._open()
        except DeskError as exc:
            state = st.PORT_MISSING if exc.code == "printer.port_missing" else st.PORT_BUSY
            return PrinterStatus(state, describe(exc, "en"))
        if not self.ask_status:
            return PrinterStatus(st.READY, "status queries are off for this printer")
        try:
            return st.probe(lambda q, timeout: self._ask(ser, q, timeout), self.status_timeout)
        except PORT_ERRORS as exc:
            self._drop()
            return PrinterStatus(st.DISCONNECTED, str(exc))

    def _ask(self, ser: serial.Serial, query: bytes, timeout: float) -> int | None:
        ser.reset_input_buffer()
        ser.write(query)
        return st.read_reply(lambda _left: bytes(ser.read(1)), timeout)
