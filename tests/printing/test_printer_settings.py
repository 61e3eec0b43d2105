"""`desk printer use`: the counter's printer is checked, then saved where the app reads it."""

from __future__ import annotations

from desk.capabilities import open_database
from desk.cli.main import main
from tests.support.printing_staff import counter_on_disk
from tests.support.staff import ADMIN
from ui.printing.service import DEFAULT_PROFILE, printer_settings


def test_the_app_uses_the_saved_printer_and_defaults_to_the_preview_printer(tmp_path, capsys):
    db = counter_on_disk(tmp_path)
    with db.engine.connect() as conn:
        assert printer_settings(conn, tmp_path) == (f"file:{tmp_path / 'prints'}",
                                                    DEFAULT_PROFILE)
    db.dispose()
    assert main(["--home", str(tmp_path), "printer", "use", "tcp:127.0.0.1:9100",
                 "--profile", "58mm-cn", "--as", ADMIN]) == 0
    db = open_database(tmp_path / "desk.sqlite3")
    with db.engine.connect() as conn:
        assert printer_settings(conn, tmp_path) == ("tcp:127.0.0.1:9100", "58mm-cn")
    db.dispose()


def test_bad_settings_are_refused_and_nothing_is_saved(tmp_path, capsys):
    counter_on_disk(tmp_path).dispose()
    assert main(["--home", str(tmp_path), "printer", "use", "bogus:x", "--as", ADMIN]) == 2
    assert "printer.bad_settings" in capsys.readouterr().err
    assert main(["--home", str(tmp_path), "printer", "use", "file:/tmp/x",
                 "--profile", "nope", "--as", ADMIN]) == 2
    db = open_database(tmp_path / "desk.sqlite3")
    with db.engine.connect() as conn:
        assert printer_settings(conn, tmp_path)[0] == f"file:{tmp_path / 'prints'}"
    db.dispose()
