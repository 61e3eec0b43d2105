"""`desk import repairs FILE.csv`: the previous repair system's export, all or nothing, every bad
row reported by its file line (the header is line 1)."""

from __future__ import annotations

import json
import sqlite3

from desk.cli.main import main
from desk.repairs.history_file import import_history_file, parse_history_csv
from tests.repairs.helpers import events, ticket_row
from tests.returns.seed import MANAGER

HEADER = "code,sku,fault,opened_at,closed_at,outcome,serial,fault_kind,charged\n"
GOOD = ("H-1001,P000003,不加热,2026-10-02 10:15:00,2026-10-06 16:40:00,repaired,SN-9,no_heat,35\n"
        'H-1002,P000003,"外壳裂开,\n不肯修",2026-10-03T09:00:00,2026-10-03T11:00:00,unrepaired,,,\n')


def test_a_good_file_is_imported_whole(store):
    summary = import_history_file(store, (HEADER + GOOD).encode(), MANAGER, "旧维修系统")
    assert summary == {"ok": True, "rows": 2, "imported": 2, "checked_only": False,
                       "repaired": 1, "unrepaired": 1}
    first, second = ticket_row(store, "H-1001"), ticket_row(store, "H-1002")
    assert (first.status, first.opened_at, first.fault_kind) == (
        "archived", "2026-10-02T10:15:00", "no_heat")
    assert (second.status, second.fault) == ("returned", "外壳裂开,\n不肯修")


def test_check_only_imports_nothing(store):
    before = events(store)
    summary = import_history_file(store, (HEADER + GOOD).encode(), MANAGER, "旧维修系统",
                                  check_only=True)
    assert summary["ok"] and summary["imported"] == 0 and events(store) == before


def test_every_bad_row_is_reported_by_its_line_and_nothing_is_imported(store):
    bad = (HEADER + GOOD  # lines 2 and 3-4 (a quoted field spans two lines)
           + "H-1003,P999999,不加热,2026-10-02 10:15:00,2026-10-06 16:40:00,,,,\n"  # 5
           + "H-1004,P000003,不加热,2026-10-02 10:15:00,2026-10-06 16:40:00,,,,3.999\n"  # 6
           + "H-1001,P000003,不加热,2026-10-02 10:15:00,2026-10-01 16:40:00,,,,\n")  # 7
    before = events(store)
    summary = import_history_file(store, bad.encode(), MANAGER, "旧维修系统")
    assert not summary["ok"] and summary["imported"] == 0 and events(store) == before
    assert [(p["line"], p["code"]) for p in summary["problems"]] == [
        (5, "product.unknown"), (6, "import.bad_value"),
        (7, "repair.history_closed_before_opened"), (7, "ticket.exists")]


def test_a_file_without_its_columns_or_in_another_encoding_is_refused():
    missing = parse_history_csv(b"code,sku,fault,opened_at,colour\n")
    assert [(p["line"], p["code"]) for p in missing.problems] == [
        (1, "import.bad_header"), (1, "import.unknown_columns")]
    assert missing.problems[0]["params"] == {"missing": "closed_at"}
    gbk = parse_history_csv((HEADER + GOOD).encode("gbk"))
    assert [(p["line"], p["code"]) for p in gbk.problems] == [(2, "import.not_utf8")]


def test_the_cli_prints_each_problem_in_words_and_exits_1(tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["--home", str(home), "demo", "--seed", "2"]) == 0
    capsys.readouterr()
    with sqlite3.connect(home / "desk.sqlite3") as conn:
        (sku,) = conn.execute("select sku from products order by sku limit 1").fetchone()
        manager = conn.execute("select staff_id from staff where role = 'manager'").fetchone()[0]
    good = tmp_path / "history.csv"
    good.write_text(HEADER + f"H-1,{sku},不加热,2026-10-02 10:15:00,2026-10-06 16:40:00,,,,\n",
                    encoding="utf-8")
    args = ["--home", str(home), "import", "repairs", str(good), "--as", manager,
            "--source", "旧维修系统"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 1
    assert main(args) == 1  # the same code again
    out = json.loads(capsys.readouterr().out)
    assert out["problems"] == [{"line": 2, "code": "ticket.exists", "params": {"code": "H-1"},
                                "message": "ticket 'H-1' already exists"}]
