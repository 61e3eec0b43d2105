"""The support log: <home>/logs/desk.log, rotated, set up once, never the reason a program fails."""

from __future__ import annotations

import logging

from desk.cli.main import main
from desk.platform.logs import LOG_FILE, LOG_FOLDER, setup_logging
from desk.platform.migrate import head_revision


def test_the_log_file_appears_and_rotates(tmp_path) -> None:
    path = setup_logging(tmp_path, max_bytes=400, backups=2)
    assert path == tmp_path / LOG_FOLDER / LOG_FILE
    for n in range(60):
        logging.getLogger("desk.test").info("line %d of the support log", n)
    logs = sorted(p.name for p in (tmp_path / LOG_FOLDER).iterdir())
    assert logs == ["desk.log", "desk.log.1", "desk.log.2"]  # never more than `backups` old ones
    assert "line 59 of the support log" in path.read_text(encoding="utf-8")
    assert all(p.stat().st_size <= 400 for p in (tmp_path / LOG_FOLDER).iterdir())


def test_set_up_once(tmp_path) -> None:
    first = setup_logging(tmp_path / "a")
    assert setup_logging(tmp_path / "b") == first
    marked = [h for h in logging.getLogger().handlers if hasattr(h, "_desk_support_log")]
    assert len(marked) == 1
    assert not (tmp_path / "b").exists()


def test_a_home_that_cannot_hold_the_log_falls_back_to_stderr(tmp_path, capsys) -> None:
    (tmp_path / LOG_FOLDER).write_text("a file where the folder should be")
    assert setup_logging(tmp_path) is None
    logging.getLogger("desk.test").error("still said")
    err = capsys.readouterr().err
    assert "cannot write the log" in err and "still said" in err


def test_the_cli_logs_the_command_and_the_database_revision(tmp_path) -> None:
    assert main(["--home", str(tmp_path), "db", "verify"]) == 0
    text = (tmp_path / LOG_FOLDER / LOG_FILE).read_text(encoding="utf-8")
    assert "desk db" in text
    assert f"opened at schema {head_revision()}" in text


def test_the_cli_runs_when_the_log_cannot_be_written(tmp_path, capsys) -> None:
    (tmp_path / LOG_FOLDER).write_text("not a folder")
    assert main(["--home", str(tmp_path), "db", "verify"]) == 0
    assert "cannot write the log" in capsys.readouterr().err
