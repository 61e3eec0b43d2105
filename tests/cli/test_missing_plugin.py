"""A plug-in command whose package is missing is reported by that command only."""

from __future__ import annotations

import pytest

from desk.cli import main as cli


class BrokenEntry:
    name = "print"

    def load(self) -> object:
        raise ModuleNotFoundError("No module named 'qrcode'", name="qrcode")


@pytest.fixture
def broken_print(monkeypatch: pytest.MonkeyPatch) -> None:
    real = cli.entry_points

    def entries(group: str) -> list[object]:
        kept = [e for e in real(group=group) if e.name != "print"]
        return [*kept, BrokenEntry()] if group == "desk.cli" else kept

    monkeypatch.setattr(cli, "entry_points", entries)


def test_other_commands_still_work(broken_print: None, tmp_path, capsys) -> None:
    assert cli.main(["--home", str(tmp_path), "db", "verify"]) == 0
    assert "qrcode" not in capsys.readouterr().err


def test_the_missing_command_says_what_is_missing(broken_print: None, capsys) -> None:
    assert cli.main(["print", "sample", "return_receipt", "--out", "x.bin"]) == 2
    err = capsys.readouterr().err
    assert "desk print" in err and "'qrcode'" in err and "not installed" in err


def test_a_missing_part_of_an_existing_group_leaves_the_group() -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    cli.add_missing_plugin(sub, "report_closure", ModuleNotFoundError(name="reportlab"))
    assert "report" in sub.choices
    args = parser.parse_args(["report", "x", "--date", "2026-11-20"])
    assert args.func.__module__ == "desk.cli.report_cmds"  # the real one, not the stand-in
