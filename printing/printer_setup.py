"""Choosing the counter's printer (the app's first-run wizard, ui/firstrun/printer_page.py): the
serial ports this machine has, the settings string of a serial, network or file printer
(printing.transport.open_transport reads it), a status query and a test page.

All of it blocks (ports, sockets, files): call it from an I/O worker, never the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from desk.platform.errors import DeskError
from printing.escpos import encode
from printing.model import QR, Document, Feed, Pair, Rule, Text
from printing.profiles import Profile, get_profile, load_profiles
from printing.status import STATUS_TIMEOUT_S, PrinterStatus
from printing.transport import open_transport


@dataclass(frozen=True)
class SerialPort:
    device: str  # /dev/ttyUSB0, COM3
    description: str  # what the driver says it is ("USB-Serial Controller"), may be empty


def serial_ports() -> list[SerialPort]:
    """The serial ports the operating system lists (pyserial's list_ports), by device name."""
    from serial.tools import list_ports

    found = [SerialPort(p.device, "" if p.description in (None, "n/a") else str(p.description))
             for p in list_ports.comports()]
    return sorted(found, key=lambda p: p.device)


def serial_spec(port: str, baud: int = 9600, flow: str = "rtscts") -> str:
    if not port.strip():
        raise DeskError("printer.bad_settings", detail="no serial port given")
    return f"serial:{port.strip()}?baud={int(baud)}&flow={quote(flow)}"


def tcp_spec(host: str, port: int = 9100) -> str:
    if not host.strip():
        raise DeskError("printer.bad_settings", detail="no printer address given")
    if not 0 < int(port) < 65536:
        raise DeskError("printer.bad_settings", detail=f"port {port} is not 1-65535")
    return f"tcp:{host.strip()}:{int(port)}"


def file_spec(folder: str) -> str:
    if not folder.strip():
        raise DeskError("printer.bad_settings", detail="no folder given")
    return f"file:{folder.strip()}"


def printer_profiles() -> list[Profile]:
    return sorted(load_profiles().values(), key=lambda p: p.name)


def ask_status(spec: str, timeout: float = STATUS_TIMEOUT_S) -> PrinterStatus:
    """DLE EOT through the printer's own transport (a settings string that does not parse raises
    `printer.bad_settings`; a printer that cannot print is a status, not an exception)."""
    transport = open_transport(spec)
    if hasattr(transport, "status_timeout"):
        transport.status_timeout = timeout
    try:
        return transport.status()
    finally:
        transport.close()


def test_page(profile: Profile, printer: str) -> Document:
    """A short page that shows what matters when setting up: Chinese text, the paper's width
    (a ruler of the profile's columns) and the QR code."""
    ruler = ("1234567890" * 5)[:profile.columns]
    return Document("test_page", printer, (
        Text("打印测试 Printer test", align="center", bold=True, double=True), Rule(),
        Pair("打印机", printer), Pair("纸宽", f"{profile.paper_mm} mm / {profile.columns} 列"),
        Text(ruler), Text("中文：退货维修，顾客满意"), QR("service-desk printer test"), Feed(2),
    ))


def print_test_page(spec: str, profile_name: str) -> int:
    """Send the test page; returns the bytes written (a DeskError `printer.*` when it failed)."""
    profile = get_profile(profile_name)
    transport = open_transport(spec)
    try:
        data = encode(test_page(profile, transport.name), profile)
        transport.write(data)
    finally:
        transport.close()
    return len(data)
