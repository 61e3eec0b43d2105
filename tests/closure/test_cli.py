"""`desk report x`, `desk report closure --out FILE.pdf` and `desk close-day`, through
desk.cli.main.main (the printing command through the desk.cli entry point group)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.cli.main import main
from desk.platform.bus import CommandBus
from desk.platform.paths import database_path
from desk.platform.ports import FixedClock
from tests.closure.day import DAY, expected, generate
from tests.closure.pdftext import shows, text_of
from tests.closure.signing import sign
from tests.returns.seed import CLERK_PIN, MANAGER, seed


@pytest.fixture
def home(tmp_path):
    db = open_database(database_path(tmp_path))
    bus = CommandBus(db, FixedClock(datetime(2026, 11, 20, 10, 0)))
    initialise_counter(bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999")
    seed(bus)
    generate(bus)
    db.dispose()
    return tmp_path


def run(home, capsys, *argv):
    status = main(["--home", str(home), *argv])
    captured = capsys.readouterr()
    return status, (json.loads(captured.out) if captured.out.strip() else None), captured.err


def test_report_x_prints_the_numbers(home, capsys):
    status, out, _ = run(home, capsys, "report", "x", "--date", DAY)
    db = open_database(database_path(home))
    want = expected(db)
    db.dispose()
    assert status == 0 and out["report"] == "X"
    assert out["numbers"]["returns"]["refund_fen"] == want["refund"]


def test_close_day_then_the_pdf(home, capsys, tmp_path, monkeypatch):
    count = "10000=3,5000=1,100=5"
    status, preview, _ = run(home, capsys, "report", "x", "--date", DAY, "--count", count,
                             "--float", "3000", "--second", "1001", "--note", "差额已登记")
    assert status == 0 and preview["numbers"]["cash"]["counted_fen"] == 35500
    db = open_database(database_path(home))
    bus = CommandBus(db)
    sigs = [sign(bus, preview["fingerprint"], who, x) for who, x in (("manager", 40),
                                                                     ("second", 90))]
    db.dispose()
    monkeypatch.setenv("DESK_SECOND_PIN", CLERK_PIN)
    status, closed, err = run(home, capsys, "close-day", "--date", DAY, "--as", MANAGER,
                              "--count", count, "--float", "3000", "--second", "1001",
                              "--manager-signature", sigs[0], "--second-signature", sigs[1],
                              "--note", "差额已登记", "--confirm-unsynced")
    assert status == 0, err
    assert closed["z_number"] == 1 and closed["fingerprint"] == preview["fingerprint"]
    status, _, err = run(home, capsys, "close-day", "--date", DAY, "--as", MANAGER, "--count",
                         count, "--second", "1001", "--manager-signature", sigs[0],
                         "--second-signature", sigs[1])
    assert status == 2 and "closure.already_closed" in err
    pdf = tmp_path / "z1.pdf"
    status, info, _ = run(home, capsys, "report", "closure", "--date", DAY, "--out", str(pdf))
    assert status == 0 and info["z_number"] == 1 and info["fingerprint"] == closed["fingerprint"]
    assert shows(text_of(pdf), "实点现金", "¥355.00")


@pytest.mark.parametrize(("count", "code"), [("100=-1", "closure.count_invalid"),
                                             ("100=ten", "closure.count_invalid"),
                                             ("100", "value.invalid")])
def test_bad_counts_are_clear_errors(home, capsys, count, code):
    status, _, err = run(home, capsys, "report", "x", "--date", DAY, "--count", count)
    assert status == 2 and code in err


def test_a_future_date_cannot_be_closed(home, capsys):
    status, _, err = run(home, capsys, "close-day", "--date", "2999-01-01", "--as", MANAGER,
                         "--count", "100=1", "--second", "1001", "--manager-signature", "x",
                         "--second-signature", "y")
    assert status == 2 and "closure.future_date" in err
