"""`desk doctor`: one line per check, exit 1 when something is wrong, the problem in words."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from desk.capabilities import open_database
from desk.cli import doctor_cmd
from desk.cli.main import main
from desk.platform.settings import set_setting
from desk.platform.upgrade import disk_free


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo")
    assert main(["--home", str(home), "demo", "--size", "small"]) == 0
    return home


@pytest.fixture
def home(demo_home, tmp_path):
    copy = tmp_path / "home"
    shutil.copytree(demo_home, copy, ignore=shutil.ignore_patterns("logs", "*.lock"))
    return copy


def lines(capsys) -> dict[str, str]:
    out = capsys.readouterr().out.splitlines()
    return {line.split()[1].rstrip(":"): line for line in out}


def test_a_healthy_demo_home(home, capsys) -> None:
    assert main(["--home", str(home), "doctor"]) == 0
    found = lines(capsys)
    assert list(found) == ["database", "schema", "fonts", "printer", "central", "disk"]
    for check in ("database", "schema", "fonts", "printer", "disk"):
        assert found[check].startswith("ok "), found[check]
    assert found["central"].startswith("skipped ") and "not set up" in found["central"]
    assert "hash chain is intact" in found["database"]


def test_the_doctor_changes_nothing(home, capsys) -> None:
    database = home / "desk.sqlite3"
    before = database.read_bytes()
    main(["--home", str(home), "doctor"])
    assert database.read_bytes() == before  # opened read-only (SQLite's -wal/-shm aside)


def test_a_tampered_journal_names_the_event(home, capsys) -> None:
    conn = sqlite3.connect(home / "desk.sqlite3")
    event_id, device_seq = conn.execute(
        "SELECT event_id, device_seq FROM journal WHERE seq = 100").fetchone()
    conn.execute("UPDATE journal SET entity_id = 'tampered' WHERE seq = 100")
    conn.commit()
    conn.close()
    assert main(["--home", str(home), "doctor"]) == 1
    found = lines(capsys)
    assert found["database"].startswith("problem ")
    assert event_id in found["database"] and f"sequence {device_seq}" in found["database"]
    assert "altered" in found["database"]


def test_a_missing_printer_port_is_a_problem_line(home, capsys) -> None:
    db = open_database(home / "desk.sqlite3")
    with db.writing() as conn:
        set_setting(conn, "printer_spec", "serial:/dev/ttyDESKDOCTOR0?baud=9600")
    db.dispose()
    assert main(["--home", str(home), "doctor"]) == 1
    found = lines(capsys)
    assert found["printer"].startswith("problem ")
    assert "/dev/ttyDESKDOCTOR0 does not exist" in found["printer"]
    assert found["database"].startswith("ok ")


def test_low_disk_space_is_a_problem(home) -> None:
    findings = doctor_cmd.diagnose(home, {}, free_space=lambda _folder: 120 * 2**20)
    disk = next(f for f in findings if f.check == "disk")
    assert disk.status == doctor_cmd.PROBLEM and "only 120 MB free" in disk.detail
    enough = doctor_cmd.diagnose(home, {}, free_space=disk_free)
    assert next(f for f in enough if f.check == "disk").status == doctor_cmd.OK


def test_without_the_printing_part_its_checks_are_skipped(home) -> None:
    findings = {f.check: f for f in doctor_cmd.diagnose(home, {})}
    for check in ("fonts", "printer"):
        assert findings[check].status == doctor_cmd.SKIPPED
        assert "printing part is not installed" in findings[check].detail


def test_no_database_is_a_problem_and_nothing_is_created(tmp_path, capsys) -> None:
    assert main(["--home", str(tmp_path), "doctor"]) == 1
    found = lines(capsys)
    assert found["database"].startswith("problem ") and "desk demo" in found["database"]
    assert found["schema"].startswith("skipped ")
    assert not (tmp_path / "desk.sqlite3").exists()


def test_an_older_schema_says_the_next_start_upgrades_it(home, capsys) -> None:
    conn = sqlite3.connect(home / "desk.sqlite3")
    conn.execute("UPDATE alembic_version SET version_num = '0007'")
    conn.commit()
    conn.close()
    assert main(["--home", str(home), "doctor"]) == 1
    schema = lines(capsys)["schema"]
    assert schema.startswith("problem ") and "at 0007" in schema and "upgrades it" in schema


def test_a_check_that_crashes_is_a_problem_line_not_the_end(home) -> None:
    def broken(_situation: doctor_cmd.Situation) -> doctor_cmd.Finding:
        raise RuntimeError("boom")

    findings = {f.check: f for f in doctor_cmd.diagnose(home, {"printer": broken})}
    assert findings["printer"].status == doctor_cmd.PROBLEM and "boom" in findings["printer"].detail
    assert findings["disk"].status == doctor_cmd.OK


def test_a_central_server_that_does_not_answer_is_a_problem(home, capsys, monkeypatch) -> None:
    from desk.sync import settings

    monkeypatch.setenv("DESK_CENTRAL_PASSWORD", "not-the-password")
    db = open_database(home / "desk.sqlite3")
    with db.writing() as conn:
        settings.save(conn, settings.CentralSettings(host="127.0.0.1", port=1, user="desk_s001"))
    db.dispose()
    assert main(["--home", str(home), "doctor"]) == 1
    central = lines(capsys)["central"]
    assert central.startswith("problem ") and "127.0.0.1:1" in central
    assert "not-the-password" not in central  # the URL is shown without its password
