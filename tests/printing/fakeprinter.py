"""A fake ESC/POS printer on a pseudo-terminal (or a TCP port), for the real pyserial code path.

It stores every byte it receives (status queries apart) and answers DLE EOT n = 1..4 like a real
printer, from switchable states: paper near end, paper out, cover open, offline, an error, never
answering, answering garbage; it can also disappear (the port goes away), at once or after a given
number of bytes of a job.

    with FakePrinter() as printer:           # printer.port is e.g. /dev/pts/7
        SerialTransport(printer.port).write(b"...")
        printer.wait_for(n_bytes)             # the reader thread is asynchronous
        printer.data                          # the bytes the paper got
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import time
import tty

DLE, EOT = 0x10, 0x04


class PrinterCore:
    """What the printer does with bytes: store them, answer DLE EOT from its state."""

    def __init__(self) -> None:
        self.paper_out = False
        self.near_end = False
        self.cover_open = False
        self.offline = False
        self.error = False
        self.silent = False  # never answers status queries
        self.garbage = False  # answers bytes that are not valid status replies
        self.vanish_after: int | None = None  # disappear once this many job bytes arrived
        self.queries: list[int] = []
        self._data = bytearray()
        self._tail = b""
        self.lock = threading.Lock()

    @property
    def data(self) -> bytes:
        with self.lock:
            return bytes(self._data) + self._tail

    def clear(self) -> None:
        with self.lock:
            self._data.clear()
            self._tail = b""

    def reply(self, n: int) -> int | None:
        if self.silent:
            return None
        if self.garbage:
            return 0xFF
        stopped = self.paper_out or self.cover_open or self.offline or self.error
        if n == 1:
            return 0x12 | (0x08 if stopped else 0)
        if n == 2:
            return (0x12 | (0x04 if self.cover_open else 0) | (0x20 if self.paper_out else 0)
                    | (0x40 if self.error else 0))
        if n == 3:
            return 0x12 | (0x08 if self.error else 0)
        return 0x12 | (0x0C if self.near_end or self.paper_out else 0) \
            | (0x60 if self.paper_out else 0)

    def feed(self, chunk: bytes) -> bytes:
        """Take bytes off the line; return the replies to send back."""
        out = bytearray()
        with self.lock:
            buf = self._tail + chunk
            self._tail = b""
            i = 0
            while i < len(buf):
                if buf[i] == DLE and i + 2 >= len(buf) and buf[i + 1:i + 2] in (b"", bytes([EOT])):
                    self._tail = buf[i:]  # maybe the start of a query: wait for the rest
                    break
                if buf[i] == DLE and buf[i + 1] == EOT and buf[i + 2] in (1, 2, 3, 4):
                    self.queries.append(buf[i + 2])
                    answer = self.reply(buf[i + 2])
                    if answer is not None:
                        out.append(answer)
                    i += 3
                    continue
                self._data.append(buf[i])
                i += 1
        return bytes(out)

    def job_bytes(self) -> int:
        with self.lock:
            return len(self._data)


class FakePrinter(PrinterCore):
    """The printer behind a pseudo-terminal: `port` is the device to open with pyserial."""

    def __init__(self) -> None:
        super().__init__()
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)
        self.gone = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-printer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set() and not self.gone:
            try:
                ready, _, _ = select.select([self._master], [], [], 0.02)
                if not ready:
                    continue
                chunk = os.read(self._master, 4096)
            except OSError:
                return
            replies = self.feed(chunk)
            if replies:
                with contextlib.suppress(OSError):
                    os.write(self._master, replies)
            if self.vanish_after is not None and self.job_bytes() >= self.vanish_after:
                self.disappear()

    def disappear(self) -> None:
        """Unplugged: the pseudo-terminal goes away under whoever has it open."""
        if self.gone:
            return
        self.gone = True
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def wait_for(self, size: int, timeout: float = 10.0) -> bytes:
        """The stored bytes once at least `size` have arrived (the reader is a thread)."""
        deadline = time.monotonic() + timeout
        while self.job_bytes() < size and time.monotonic() < deadline:
            time.sleep(0.005)
        return self.data

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.disappear()

    def __enter__(self) -> FakePrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FakeNetworkPrinter(PrinterCore):
    """The same printer on a TCP port (one connection at a time), like a LAN printer's 9100."""

    def __init__(self) -> None:
        super().__init__()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)
        self.host, self.port = self._server.getsockname()[:2]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-net-printer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            conn.settimeout(0.05)
            with conn:
                while not self._stop.is_set():
                    try:
                        chunk = conn.recv(4096)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not chunk:
                        break
                    replies = self.feed(chunk)
                    if replies:
                        conn.sendall(replies)

    def wait_for(self, size: int, timeout: float = 10.0) -> bytes:
        deadline = time.monotonic() + timeout
        while self.job_bytes() < size and time.monotonic() < deadline:
            time.sleep(0.005)
        return self.data

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._server.close()

    def __enter__(self) -> FakeNetworkPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
