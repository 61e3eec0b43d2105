"""An older data directory (schema 0006, the last release before closure and repairs) is backed up,
migrated, and put back on any failure; bad cases refuse before touching anything."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command

from desk.capabilities import open_database
from desk.platform import upgrade
from desk.platform.errors import DeskError
from desk.platform.migrate import alembic_config, head_revision
from desk.platform.upgrade import MARKER, UpgradeOptions, prune_backups, take_backup, write_marker

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "desk-0006.sqlite3"
NOW = datetime(2026, 11, 20, 10, 0, 0)


@pytest.fixture
def old_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copyfile(FIXTURE, home / "desk.sqlite3")
    return home


def revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def journal_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM journal ORDER BY device_seq").fetchall()


def test_the_fixture_is_small_and_at_0006() -> None:
    assert FIXTURE.stat().st_size < 1_000_000 and revision(FIXTURE) == "0006"


def test_an_old_directory_is_backed_up_then_migrated_with_progress(old_home: Path) -> None:
    before = journal_rows(old_home / "desk.sqlite3")
    seen: list[tuple[int, int]] = []
    opts = UpgradeOptions(now=lambda: NOW, progress=lambda done, total: seen.append((done, total)))
    db = open_database(old_home / "desk.sqlite3", upgrade=opts)
    try:
        assert db.store_id() == "S001"
    finally:
        db.dispose()
    (backup,) = opts.taken
    assert backup == old_home / "backups" / "desk-0006-20261120-100000.sqlite3"
    assert revision(backup) == "0006" and journal_rows(backup) == before
    assert revision(old_home / "desk.sqlite3") == head_revision()
    assert journal_rows(old_home / "desk.sqlite3") == before
    assert seen and seen[-1] == (len(before), len(before))
    assert not (old_home / MARKER).exists()


def test_a_newer_directory_is_refused_and_untouched(old_home: Path) -> None:
    path = old_home / "desk.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    before = digest(path)
    with pytest.raises(DeskError) as err:
        open_database(path)
    assert err.value.code == "db.newer_schema"
    assert digest(path) == before and not (old_home / "backups").exists()


def test_no_room_for_the_backup_refuses_before_migrating(old_home: Path) -> None:
    path = old_home / "desk.sqlite3"
    size = path.stat().st_size
    with pytest.raises(DeskError) as err:
        open_database(path, upgrade=UpgradeOptions(free_space=lambda _folder: size))
    assert err.value.code == "db.backup_no_space"
    assert revision(path) == "0006" and not list((old_home / "backups").iterdir())
    assert not (old_home / MARKER).exists()


def test_a_backup_folder_that_cannot_be_written_refuses(old_home: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = old_home / "backups"
    folder.mkdir()
    folder.chmod(0o500)
    real_access = os.access
    # root may write anywhere: the check asks os.access, which is what a clerk's account gets
    monkeypatch.setattr(upgrade.os, "access",
                        lambda p, mode: False if Path(p) == folder else real_access(p, mode))
    with pytest.raises(DeskError) as err:
        open_database(old_home / "desk.sqlite3")
    folder.chmod(0o700)
    assert err.value.code == "db.backup_unwritable"
    assert revision(old_home / "desk.sqlite3") == "0006"


def test_a_backup_folder_that_is_a_file_refuses(old_home: Path) -> None:
    (old_home / "backups").write_text("not a folder")
    with pytest.raises(DeskError) as err:
        open_database(old_home / "desk.sqlite3")
    assert err.value.code == "db.backup_unwritable"
    assert revision(old_home / "desk.sqlite3") == "0006"


def test_a_failing_migration_puts_the_backup_back(old_home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = old_home / "desk.sqlite3"
    before = journal_rows(path)
    real = upgrade.migrate_to_head

    def half_then_fail(engine, registry, **kw):  # type: ignore[no-untyped-def]
        command.upgrade(alembic_config(engine), "0007")
        raise RuntimeError("disk error in the middle")

    monkeypatch.setattr(upgrade, "migrate_to_head", half_then_fail)
    with pytest.raises(DeskError) as err:
        open_database(path)
    assert err.value.code == "db.upgrade_failed"
    assert "RuntimeError" in err.value.params["reason"]
    assert revision(path) == "0006" and journal_rows(path) == before
    assert not (old_home / MARKER).exists()
    monkeypatch.setattr(upgrade, "migrate_to_head", real)
    open_database(path).dispose()  # the next start upgrades for real
    assert revision(path) == head_revision()


def test_a_migration_killed_half_way_is_restored_then_redone(old_home: Path) -> None:
    path = old_home / "desk.sqlite3"
    before = journal_rows(path)
    backup = take_backup(path, "0006", free_space=lambda _f: 2**40, now=lambda: NOW)
    write_marker(old_home, backup, "0006")
    with sqlite3.connect(path) as conn:  # what a kill -9 leaves: part of the migration applied
        conn.execute("CREATE TABLE closures (half INTEGER)")
        conn.execute("UPDATE alembic_version SET version_num = '0007'")
    conn.close()
    db = open_database(path)
    db.dispose()
    assert revision(path) == head_revision() and journal_rows(path) == before
    assert not (old_home / MARKER).exists()
    with sqlite3.connect(path) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(closures)")]
    assert "half" not in columns


def test_pruning_keeps_the_last_five_and_the_last_thirty_days(tmp_path: Path) -> None:
    now = NOW.timestamp()
    ages = [1, 2, 3, 4, 5, 10, 20, 40, 60, 90]  # days
    for age in ages:
        p = tmp_path / f"desk-0006-{age:03d}.sqlite3"
        p.write_bytes(b"x")
        os.utime(p, (now - age * 86400, now - age * 86400))
    removed = prune_backups(tmp_path, now=lambda: NOW)
    assert sorted(p.name for p in removed) == [f"desk-0006-{a:03d}.sqlite3" for a in (40, 60, 90)]
