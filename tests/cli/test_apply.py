"""`desk apply`: JSON-lines commands, one result per line, refusals change nothing."""

from __future__ import annotations

import json

import pytest

from desk.cli.main import main

INIT = ["init", "--store-id", "S001", "--store-name", "测试百货", "--counter-name", "一号柜台",
        "--admin-id", "A001", "--admin-name", "王管理"]


@pytest.fixture
def home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DESK_ADMIN_PIN", "9999")
    assert main(["--home", str(tmp_path), *INIT]) == 0
    capsys.readouterr()
    return tmp_path


def run_apply(home, capsys, lines: list[str], actor="A001") -> tuple[int, list[dict]]:
    path = home / "cmds.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = main(["--home", str(home), "apply", str(path), "--as", actor])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return status, out


def test_good_commands_print_results(home, capsys):
    status, out = run_apply(home, capsys, [
        json.dumps({"command": "define_category", "category_id": "CLO", "category_name": "服装",
                    "kind": "clothing"}, ensure_ascii=False),
        json.dumps({"command": "register_product", "sku": "P000001", "product_name": "羽绒服",
                    "category_id": "CLO", "price_fen": 129900}, ensure_ascii=False),
        json.dumps({"command": "record_sale", "receipt_no": "R2611200100001",
                    "sold_at": "2026-11-20T10:00:00",
                    "lines": [{"sku": "P000001", "qty": 1, "unit_price_fen": 129900}],
                    "tenders": [{"tender": "alipay", "amount_fen": 129900}]}),
    ])
    assert status == 0
    assert [r["ok"] for r in out] == [True, True, True]
    assert out[2]["result"] == {"paid_fen": 129900, "receipt_no": "R2611200100001"}


def test_bad_lines_are_reported_and_the_rest_applies(home, capsys):
    status, out = run_apply(home, capsys, [
        '{"command": "define_category", "category_id": "A", "category_name": "家电", ',
        '{"command": "launch_rocket"}',
        '["not", "an", "object"]',
        '{"command": "register_customer", "customer_id": "C1"}',
        '{"command": "register_customer", "customer_id": "C1", "customer_name": "甲", "age": 3}',
        '{"command": "register_product", "sku": "P1", "product_name": "x", "category_id": "A",'
        ' "price_fen": "12.00"}',
        '{"command": "register_customer", "customer_id": "C2", "customer_name": "乙"}',
    ])
    assert status == 1
    codes = [r.get("error", {}).get("code") for r in out]
    assert codes == ["command.invalid_json", "command.unknown", "command.malformed",
                     "command.field_missing", "command.field_unknown", "command.field_type",
                     None]
    assert [r["line"] for r in out] == [1, 2, 3, 4, 5, 6, 7]
    assert out[3]["error"]["params"] == {"field": "customer_name"}


def test_refused_command_changes_nothing(home, capsys):
    status, _ = run_apply(home, capsys, [
        '{"command": "register_staff", "staff_id": "1001", "staff_name": "张", "role": "clerk",'
        ' "pin": "12"}'])
    assert status == 1
    main(["--home", str(home), "db", "info"])
    info = json.loads(capsys.readouterr().out)
    assert info["rows"]["staff"] == 1 and info["events"] == 3


def test_unknown_or_system_actor_is_refused(home, capsys):
    line = '{"command": "register_customer", "customer_id": "C1", "customer_name": "甲"}'
    status, out = run_apply(home, capsys, [line], actor="ghost")
    assert status == 1 and out[0]["error"]["code"] == "auth.unknown_staff"
    assert main(["--home", str(home), "apply", "-", "--as", "system"]) == 2


def test_missing_file_is_a_clear_error(home, capsys):
    assert main(["--home", str(home), "apply", str(home / "nope.jsonl"), "--as", "A001"]) == 2
    assert "import.file_unreadable" in capsys.readouterr().err
