"""The app's cold start opens the database with the registry deferred (desk/startup.py): nothing of
the capabilities is needed to open a database at head, the first use loads it once, and an older
schema whose migration replays the journal loads it during the upgrade — with the same result as
the full open (desk.capabilities.open_database)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from desk.capabilities import REGISTRY, open_database
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.platform.db import Database
from desk.platform.migrate import head_revision
from desk.platform.registry import Registry
from desk.staff.commands import LogIn
from tests.support.journal import dump

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "desk-0006.sqlite3"


class CountingLoader:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> Registry:
        self.calls += 1
        return REGISTRY


def counter_at_head(path: Path) -> None:
    db = open_database(path)
    initialise_counter(CommandBus(db), store_id="S001", store_name="测试百货",
                       device_name="一号柜台", admin_id="9001", admin_name="王经理",
                       admin_pin="9999")
    db.dispose()


def test_a_database_at_head_opens_without_the_registry_and_loads_it_at_the_first_command(
        tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    counter_at_head(path)
    loader = CountingLoader()
    db = Database.open(path, registry=loader)
    try:
        assert loader.calls == 0 and db.device_id and db.store_id() == "S001"
        signed_in = CommandBus(db).dispatch(LogIn(staff_id="9001", pin="9999"), "9001")
        assert signed_in.value.staff_id == "9001"
        assert loader.calls == 1 and db.registry is REGISTRY
        CommandBus(db).dispatch(LogIn(staff_id="9001", pin="9999"), "9001")
        assert loader.calls == 1  # loaded once, then kept
    finally:
        db.dispose()


def test_threads_that_reach_the_registry_together_load_it_once(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    counter_at_head(path)
    entered, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow_loader() -> Registry:
        calls.append(threading.current_thread().name)
        entered.set()
        assert release.wait(10)  # the other thread asks while this one is still loading
        return REGISTRY

    db = Database.open(path, registry=slow_loader)
    seen: list[Registry] = []
    first = threading.Thread(target=lambda: seen.append(db.registry), name="first")
    first.start()
    assert entered.wait(10)
    second = threading.Thread(target=lambda: seen.append(db.registry), name="second")
    second.start()
    release.set()
    first.join(10)
    second.join(10)
    db.dispose()
    assert calls == ["first"] and seen == [REGISTRY, REGISTRY]


def test_an_upgrade_that_replays_loads_the_registry_and_ends_as_the_full_open(
        tmp_path: Path) -> None:
    deferred, full = tmp_path / "deferred", tmp_path / "full"
    for home in (deferred, full):
        home.mkdir()
        shutil.copyfile(FIXTURE, home / "desk.sqlite3")
    loader = CountingLoader()
    db = Database.open(deferred / "desk.sqlite3", registry=loader)
    reference = open_database(full / "desk.sqlite3")
    try:
        assert loader.calls == 1  # the 0006 -> head migration replays the journal through it
        with db.engine.connect() as a, reference.engine.connect() as b:
            assert dump(a) == dump(b)
            assert a.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() \
                == head_revision()
    finally:
        db.dispose()
        reference.dispose()
    assert len(list((deferred / "backups").glob("desk-0006-*.sqlite3"))) == 1


def test_the_deferred_open_imports_no_capability(tmp_path: Path) -> None:
    """What the app's database worker imports before the login window: the platform, the
    catalogue's tables and queries; not one handler, projector or command of the others."""
    path = tmp_path / "desk.sqlite3"
    counter_at_head(path)
    code = ("import sys\n"
            "from desk.catalog.queries import counter_info\n"
            "from desk.platform.bus import CommandBus\n"
            "from desk.startup import open_database_deferred\n"
            f"db = open_database_deferred({str(path)!r})\n"
            "bus = CommandBus(db)\n"
            "with db.engine.connect() as conn:\n"
            "    assert counter_info(conn).store_id == 'S001'\n"
            "import json\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('desk.'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2]).stdout
    loaded = json.loads(out)
    capabilities = {m.split(".")[1] for m in loaded} - {"platform", "catalog", "startup"}
    assert capabilities == set(), loaded
    assert "desk.capabilities" not in loaded and "desk.catalog.handlers" not in loaded
