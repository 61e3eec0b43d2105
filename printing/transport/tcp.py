"""Network printers: raw TCP to port 9100, with DLE EOT status on the same connection."""

from __future__ import annotations

import contextlib
import socket

from desk.platform.errors import DeskError
from printing import status as st
from printing.errors import describe
from printing.status import PrinterStatus


class TcpTransport:
    def __init__(self, host: str, port: int = 9100, *, connect_timeout: float = 3.0,
                 write_timeout: float = 10.0, status_timeout: float = st.STATUS_TIMEOUT_S,
                 ask_status: bool = True) -> None:
        if not host or not 0 < port < 65536:
            raise DeskError("printer.bad_settings",
                            detail=f"'{host}:{port}' is not a host and port")
        self.host, self.port = host, port
        self.name = f"{host}:{port}"
        self.connect_timeout = connect_timeout
        self.write_timeout = write_timeout
        self.status_timeout = status_timeout
        self.ask_status = ask_status  # False for printers that never answer DLE EOT
        self._sock: socket.socket | None = None

    def _connect(self) -> socket.socket:
        if self._sock is None:
            try:
                self._sock = socket.create_connection((self.host, self.port), self.connect_timeout)
            except OSError as exc:
                raise DeskError("printer.unreachable", host=self.host, port=self.port,
                                detail=str(exc)) from None
        return self._sock

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()

    def write(self, data: bytes) -> None:
        sock = self._connect()
        try:
            sock.settimeout(self.write_timeout)
            sock.sendall(data)
        except TimeoutError:
            self.close()
            raise DeskError("printer.write_timeout", port=self.name) from None
        except OSError as exc:
            self.close()
            raise DeskError("printer.disconnected", port=self.name, detail=str(exc)) from None

    def status(self) -> PrinterStatus:
        try:
            sock = self._connect()
        except DeskError as exc:
            return PrinterStatus(st.NOT_ANSWERING, describe(exc, "en"))
        if not self.ask_status:
            return PrinterStatus(st.READY, "status queries are off for this printer")
        try:
            return st.probe(lambda q, timeout: self._ask(sock, q, timeout), self.status_timeout)
        except OSError as exc:
            self.close()
            return PrinterStatus(st.DISCONNECTED, str(exc))

    def _ask(self, sock: socket.socket, query: bytes, timeout: float) -> int | None:
        sock.settimeout(0)
        try:  # drop anything stale (an earlier late reply)
            while sock.recv(256):
                pass
        except BlockingIOError:
            pass
        sock.sendall(query)

        def read(left: float) -> bytes:
            sock.settimeout(max(0.001, left))
            try:
                data = sock.recv(1)
            except TimeoutError:
                return b""
            if not data:
                raise ConnectionResetError("the printer closed the connection")
            return data

        return st.read_reply(read, timeout)
