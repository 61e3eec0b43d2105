"""`desk policy`: the project's own case file passes; a mismatch fails; a bad file is named."""

from __future__ import annotations

import json
import shutil

from desk.cli.main import main
from desk.platform.paths import resources_dir

CASES = resources_dir() / "policies" / "cases"
POLICIES = resources_dir() / "policies"


def test_the_project_case_file_passes(capsys):
    assert main(["policy", "test", str(CASES)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("case(s) passed")
    count = len(json.loads((CASES / "default.json").read_text(encoding="utf-8"))["cases"])
    assert count >= 70 and f"{count} of {count}" in out


def test_a_mismatch_fails(tmp_path, capsys):
    data = json.loads((CASES / "default.json").read_text(encoding="utf-8"))
    data["cases"][0]["expect"]["refund_fen"] = 1
    data["cases"] = data["cases"][:3]
    (tmp_path / "c.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["policy", "test", str(tmp_path / "c.json")]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "refund_fen is 19900, expected 1" in out
    assert "2 of 3 case(s) passed, 1 failed" in out


def test_evaluate_prints_the_decision(tmp_path, capsys):
    case = json.loads((CASES / "default.json").read_text(encoding="utf-8"))["cases"][0]["case"]
    (tmp_path / "case.json").write_text(json.dumps(case), encoding="utf-8")
    assert main(["policy", "evaluate", str(tmp_path / "case.json")]) == 0
    decision = json.loads(capsys.readouterr().out)
    assert decision["refund_fen"] == 19900
    assert decision["rules"][0] == {"rule": "return.clothing", "version": "2026.2",
                                    "date_basis": "purchase", "date": "2026-10-01",
                                    "numbers": {"days": 45, "return_days": 45}}


def test_evaluate_refuses_an_amount_with_three_decimals(tmp_path, capsys):
    case = json.loads((CASES / "default.json").read_text(encoding="utf-8"))["cases"][0]["case"]
    case["receipt"]["lines"][0]["price"] = "199.001"
    (tmp_path / "case.json").write_text(json.dumps(case), encoding="utf-8")
    assert main(["policy", "evaluate", str(tmp_path / "case.json")]) == 2
    assert "199.001" in capsys.readouterr().err


def test_check_names_the_file_and_line_of_an_error(tmp_path, capsys):
    for f in POLICIES.glob("*.toml"):
        shutil.copy(f, tmp_path / f.name)
    assert main(["policy", "check", "--policies", str(tmp_path)]) == 0
    assert "2026.2" in capsys.readouterr().out
    bad = tmp_path / "store-2026.2.toml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("max_days = 90", "max_days = \"x\""),
                   encoding="utf-8")
    assert main(["policy", "check", "--policies", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    line = next(i for i, ln in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
                if ln.startswith("max_days"))
    assert f"store-2026.2.toml, line {line}: max_days" in err
