"""Choosing a printer: the ports listed, settings strings, a status query and a test page through
the real pyserial code path (the fake printer on a pty)."""

from __future__ import annotations

import pytest
from serial.tools import list_ports

from desk.platform.errors import DeskError
from printing import printer_setup as ps
from printing.decode import decode
from tests.printing.fakeprinter import FakePrinter


def test_the_ports_listed_are_pyserial_s() -> None:
    assert [p.device for p in ps.serial_ports()] == sorted(p.device for p in list_ports.comports())


def test_settings_strings_and_bad_input() -> None:
    assert ps.serial_spec("/dev/ttyUSB0", 19200, "xonxoff") == \
        "serial:/dev/ttyUSB0?baud=19200&flow=xonxoff"
    assert ps.tcp_spec(" 192.168.1.50 ", 9100) == "tcp:192.168.1.50:9100"
    assert ps.file_spec("/tmp/prints") == "file:/tmp/prints"
    for bad in (lambda: ps.serial_spec(" "), lambda: ps.tcp_spec(""),
                lambda: ps.tcp_spec("printer", 70000), lambda: ps.file_spec("")):
        with pytest.raises(DeskError) as err:
            bad()
        assert err.value.code == "printer.bad_settings"


def test_status_and_test_page_on_a_serial_printer() -> None:
    with FakePrinter() as printer:
        spec = ps.serial_spec(printer.port)
        assert ps.ask_status(spec).state == "ready"
        printer.paper_out = True
        assert ps.ask_status(spec).state == "paper_out"
        printer.paper_out = False
        size = ps.print_test_page(spec, "80mm-cn-qr-cut")
        paper = decode(printer.wait_for(size))
    assert any("打印测试" in line for line in paper.texts)
    assert len(paper.qr_codes) == 1 and paper.cuts == 1


def test_a_printer_that_does_not_answer_is_a_status_not_an_error() -> None:
    with FakePrinter() as printer:
        printer.silent = True
        assert ps.ask_status(ps.serial_spec(printer.port), timeout=0.1).state == "not_answering"
