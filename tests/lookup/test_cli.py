"""`desk lookup QUERY [--json]` on a real database file."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desk.capabilities import open_database
from desk.cli.main import main
from desk.platform.bus import CommandBus
from desk.platform.ports import FixedClock
from tests.lookup.seed import OTHER_TRACKING, init_counter, seed


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("lookup-home")
    clock = FixedClock(datetime(2026, 11, 20, 10, 0, 0))
    db = open_database(folder / "desk.sqlite3", wall_ms=clock.now_ms)
    bus = CommandBus(db, clock)
    init_counter(bus)
    seed(bus)
    db.dispose()
    return str(folder)


def run(home: str, capsys, *args: str) -> tuple[int, str]:
    status = main(["--home", home, "lookup", *args])
    return status, capsys.readouterr().out


def test_exact_receipt_prints_its_detail(home, capsys) -> None:
    status, out = run(home, capsys, "R261120010001")
    assert status == 0
    assert "羽绒服" in out and "wechat_pay" in out and "满1000减10" in out
    assert "returnable 2" in out and "T2611200002" in out


def test_json_has_hits_open_and_detail(home, capsys) -> None:
    status, out = run(home, capsys, "13812345678", "--json")
    data = json.loads(out)
    assert status == 0
    assert data["kind"] == "phone" and data["open"]["key"] == "C0000001"
    assert data["detail"]["purchases"][0]["receipt_no"] == "R261120010001"
    shown = json.dumps([data["hits"], data["detail"]], ensure_ascii=False)
    assert "13812345678" not in shown  # the phone is masked wherever it is shown


def test_pinyin_lists_ranked_hits(home, capsys) -> None:
    status, out = run(home, capsys, "yrf", "--json")
    data = json.loads(out)
    assert status == 0 and data["open"] is None and data["detail"] is None
    assert [h["key"] for h in data["hits"]] == ["P000001", "P000002"]
    status, text = run(home, capsys, "yu", "rong", "fu")
    assert status == 0 and "羽绒服" in text and "2 hit(s)" in text


@pytest.mark.parametrize(("args", "reason"), [
    (["   "], "lookup.empty"),
    (["x" * 10_000], "lookup.too_long"),
    (["'; DROP TABLE receipts; --"], "lookup.not_found"),
    ([f"{OTHER_TRACKING}/T2611200001"], "lookup.other_store"),
    (["6901234567891"], "lookup.bad_check_digit"),
    (["R26113"], "lookup.incomplete"),
])
def test_bad_input_exits_1_with_a_reason(home, capsys, args, reason) -> None:
    status, out = run(home, capsys, *args, "--json")
    assert status == 1
    assert json.loads(out)["reason"] == reason
    status, text = run(home, capsys, *args)
    assert status == 1 and text.strip() and "Traceback" not in text


def test_other_store_text_names_the_store(home, capsys) -> None:
    _, text = run(home, capsys, f"{OTHER_TRACKING}/T2611200001")
    assert "别家商场" in text and "T2611200001" in text
