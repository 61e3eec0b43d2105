"""Transports through the real pyserial code path to a fake printer on a pseudo-terminal, TCP to a
fake network printer, the file/preview printer; DLE EOT status told apart; bad ports and printers
that never answer or disappear mid-job give clear codes."""

from __future__ import annotations

import os
import socket
import time

import pytest

from desk.platform.errors import DeskError
from printing import status as st
from printing.decode import decode
from printing.errors import describe
from printing.escpos import encode
from printing.profiles import get_profile
from printing.samples import sample
from printing.status import PrinterStatus, classify, valid_reply
from printing.transport import open_transport
from printing.transport.file import FileTransport
from printing.transport.serial_port import SerialTransport
from printing.transport.tcp import TcpTransport
from tests.printing.fakeprinter import FakeNetworkPrinter, FakePrinter

FAST = 0.15  # status timeout in tests: the fake answers within a millisecond


@pytest.fixture
def printer():
    with FakePrinter() as p:
        yield p


def slip() -> bytes:
    return encode(sample("intake_slip"), get_profile("80mm-cn-qr-cut"))


# --- DLE EOT replies ---------------------------------------------------------------------------

def test_reply_pattern_0xx1xx10():
    valid = [b for b in range(256) if valid_reply(b)]
    assert len(valid) == 16 and 0x12 in valid and 0x7E in valid
    for bad in (0x00, 0x11, 0x13, 0x92, 0x13, 0xFF, 0x10, 0x02):
        assert not valid_reply(bad)


@pytest.mark.parametrize(("replies", "state"), [
    ((0x12, 0x12, 0x12), st.READY),
    ((0x12, 0x12, 0x1E), st.PAPER_NEAR_END),
    ((0x1A, 0x32, 0x7E), st.PAPER_OUT),
    ((0x1A, 0x16, 0x12), st.COVER_OPEN),
    ((0x1A, 0x36, 0x7E), st.COVER_OPEN),  # both: the cover is what to fix first
    ((0x1A, 0x12, 0x12), st.OFFLINE),
    ((0x1A, 0x52, 0x12), st.ERROR),
])
def test_states_are_told_apart(replies, state):
    found = classify(*replies)
    assert found.state == state
    assert found.can_print == (state in (st.READY, st.PAPER_NEAR_END))
    assert found.error_code == (None if found.can_print else f"printer.{state}")


# --- serial through pyserial to the pty printer ------------------------------------------------

def test_a_document_prints_through_pyserial_and_decodes(printer):
    data = slip()
    port = SerialTransport(printer.port, 115200, flow="rtscts", status_timeout=FAST)
    try:
        assert port.status().state == st.READY
        port.write(data)
        got = printer.wait_for(len(data))
    finally:
        port.close()
    assert got == data
    paper = decode(got)
    assert paper.qr_codes and paper.qr_codes[0].data.endswith("T2611200007")
    assert paper.cuts == 1
    assert printer.queries == [1, 2, 4]  # asked before the job, not stored as paper


@pytest.mark.parametrize("flow", ["xonxoff", "paced", "none"])
def test_every_flow_control_delivers_the_same_bytes(printer, flow):
    data = slip()
    port = SerialTransport(printer.port, 115200, parity="E", flow=flow, status_timeout=FAST)
    started = time.monotonic()
    try:
        port.write(data)
    finally:
        port.close()
    if flow == "paced":  # no faster than the line: 11 bits per byte at 115200 baud
        assert time.monotonic() - started >= port.seconds_for(len(data)) * 0.9
    assert printer.wait_for(len(data)) == data


@pytest.mark.parametrize(("switch", "state"), [
    ("near_end", st.PAPER_NEAR_END),
    ("paper_out", st.PAPER_OUT),
    ("cover_open", st.COVER_OPEN),
    ("offline", st.OFFLINE),
    ("error", st.ERROR),
    ("silent", st.NOT_ANSWERING),
    ("garbage", st.NOT_ANSWERING),
])
def test_status_from_the_pty_printer(printer, switch, state):
    setattr(printer, switch, True)
    port = SerialTransport(printer.port, 9600, status_timeout=FAST)
    try:
        started = time.monotonic()
        found = port.status()
        took = time.monotonic() - started
    finally:
        port.close()
    assert found.state == state
    if state == st.NOT_ANSWERING:
        assert "DLE EOT 1" in found.detail and took < FAST * 3  # a short timeout, not a hang
        assert found.error_code == "printer.not_answering"


def test_the_printer_comes_back_after_paper_is_loaded(printer):
    port = SerialTransport(printer.port, 9600, status_timeout=FAST)
    try:
        printer.paper_out = True
        assert port.status().state == st.PAPER_OUT
        printer.paper_out = False
        assert port.status().state == st.READY
    finally:
        port.close()


def test_a_port_that_does_not_exist():
    port = SerialTransport("/dev/ttyDOES-NOT-EXIST", 9600, status_timeout=FAST)
    found = port.status()
    assert found.state == st.PORT_MISSING and "/dev/ttyDOES-NOT-EXIST" in found.detail
    with pytest.raises(DeskError) as e:
        port.write(b"\x1b@hello")
    assert e.value.code == "printer.port_missing"
    assert "does not exist" in describe(e.value, "en")


def test_a_printer_that_disappears_mid_job(printer):
    data = os.urandom(48_000).replace(b"\x10", b"\x11")  # a big raster job; no DLE in it
    printer.vanish_after = 2_000
    port = SerialTransport(printer.port, 115200, status_timeout=FAST, write_timeout=3)
    with pytest.raises(DeskError) as e:
        port.write(data)
    assert e.value.code in ("printer.disconnected", "printer.write_timeout")
    assert port.status().state in (st.PORT_MISSING, st.DISCONNECTED, st.PORT_BUSY,
                                   st.NOT_ANSWERING)
    port.close()


def test_a_printer_that_disappears_between_jobs(printer):
    port = SerialTransport(printer.port, 115200, status_timeout=FAST)
    try:
        assert port.status().state == st.READY
        printer.disappear()
        assert port.status().state in (st.DISCONNECTED, st.NOT_ANSWERING)
        with pytest.raises(DeskError) as e:
            port.write(b"\x1b@after")
        assert e.value.code in ("printer.disconnected", "printer.port_missing",
                                "printer.port_busy")
    finally:
        port.close()


@pytest.mark.parametrize(("kwargs", "word"), [
    ({"baud": 1234}, "baud"), ({"parity": "X"}, "parity"), ({"flow": "dsrdtr"}, "flow"),
])
def test_bad_serial_settings(kwargs, word):
    with pytest.raises(DeskError) as e:
        SerialTransport("/dev/ttyS0", **kwargs)
    assert e.value.code == "printer.bad_settings" and word in describe(e.value, "en")


# --- TCP 9100 ---------------------------------------------------------------------------------

def test_tcp_printer_prints_and_answers_status():
    with FakeNetworkPrinter() as net:
        port = TcpTransport(net.host, net.port, status_timeout=FAST)
        try:
            assert port.status().state == st.READY
            data = slip()
            port.write(data)
            assert net.wait_for(len(data)) == data
            net.cover_open = True
            assert port.status().state == st.COVER_OPEN
        finally:
            port.close()


def test_tcp_printer_that_cannot_be_reached():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]  # nothing listens here once closed
    port = TcpTransport("127.0.0.1", free, connect_timeout=1, status_timeout=FAST)
    assert port.status().state == st.NOT_ANSWERING
    with pytest.raises(DeskError) as e:
        port.write(b"x")
    assert e.value.code == "printer.unreachable"


# --- the file / preview printer ----------------------------------------------------------------

def test_file_printer_writes_the_bytes_and_a_png(tmp_path):
    out = FileTransport(tmp_path / "paper", dots=576)
    assert out.status() == PrinterStatus(st.READY)
    data = slip()
    out.write(data)
    out.write(data)
    bins = sorted((tmp_path / "paper").glob("*.bin"))
    pngs = sorted((tmp_path / "paper").glob("*.png"))
    assert len(bins) == 2 and all(b.read_bytes() == data for b in bins)
    assert len(pngs) == 2 and pngs[0].read_bytes().startswith(b"\x89PNG")
    assert out.preview_error == ""
    assert not list((tmp_path / "paper").glob("*.part"))


def test_file_printer_in_a_place_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    out = FileTransport(blocker / "paper")
    assert out.status().state == st.PORT_MISSING
    with pytest.raises(DeskError) as e:
        out.write(b"x")
    assert e.value.code == "printer.port_busy"


def test_open_transport_from_settings(tmp_path, printer):
    serial_port = open_transport(f"serial:{printer.port}?baud=19200&flow=xonxoff&parity=O")
    assert isinstance(serial_port, SerialTransport)
    assert (serial_port.baud, serial_port.flow) == (19200, "xonxoff")
    tcp = open_transport("tcp:192.168.1.50")
    assert isinstance(tcp, TcpTransport) and tcp.port == 9100
    assert isinstance(open_transport(f"file:{tmp_path}?dots=384"), FileTransport)
    for bad in ("lpt:1", "serial:", "serial:/dev/x?baud=abc", "tcp:host:port"):
        with pytest.raises(DeskError) as e:
            open_transport(bad)
        assert e.value.code == "printer.bad_settings"


def test_status_queries_off_for_a_printer_without_dle_eot(printer):
    printer.silent = True  # this model never answers DLE EOT
    port = open_transport(f"serial:{printer.port}?baud=115200&status=off")
    try:
        assert port.status().state == st.READY
        port.write(b"\x1b@ok")
        assert printer.wait_for(4) == b"\x1b@ok"
        assert printer.queries == []
    finally:
        port.close()
    missing = open_transport("serial:/dev/ttyNOPE3?status=off")
    assert missing.status().state == st.PORT_MISSING  # a missing port is still seen
    with pytest.raises(DeskError):
        open_transport("serial:/dev/x?status=maybe")


def test_a_port_whose_line_vanished_mid_query_is_disconnected(printer, monkeypatch):
    """A pseudo-terminal or USB adapter that goes away makes tcflush fail with termios.error,
    which is not an OSError: the status says "disconnected", it never raises."""
    termios = pytest.importorskip("termios")  # POSIX only: Windows ports raise SerialException
    port = SerialTransport(printer.port, 115200, status_timeout=FAST)
    try:
        assert port.status().state == st.READY

        def vanished(_self):
            raise termios.error(5, "Input/output error")

        monkeypatch.setattr("serial.Serial.reset_input_buffer", vanished)
        assert port.status().state == st.DISCONNECTED
        monkeypatch.undo()
        assert port.status().state == st.READY  # reopened on the next query
    finally:
        port.close()
