"""The bundle `make dist` built (dist/service-desk): its smoke test, the first-run wizard inside
it, and an older data directory upgraded by it. Marked `dist`: `make dist-check` runs these after
`make dist`; `make test` does not (they need the bundle, which takes minutes to build)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from desk.platform.migrate import head_revision

pytestmark = pytest.mark.dist
ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "service-desk"
FIXTURE = ROOT / "tests" / "fixtures" / "desk-0006.sqlite3"


def run(name: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    executable = BUNDLE / name
    assert executable.is_file(), f"{executable} is missing: run `make dist` first"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(executable), *args], capture_output=True, text=True, env=env,
                          timeout=timeout, check=False)


def test_the_bundle_passes_its_smoke_test_with_the_wizard_inside(tmp_path: Path) -> None:
    done = run("service-desk", "--home", str(tmp_path / "data"), "--smoke-test")
    assert done.returncode == 0, done.stdout + done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["smoke"] == "ok"
    assert facts["wizard_pages"] == 5 and facts["wizard_title"] == "服务台 — 首次启动"
    assert facts["central_driver"] is True  # joining a store and sync work from the bundle
    assert isinstance(facts["serial_ports"], list)
    verify = run("desk", "--home", str(tmp_path / "data"), "db", "verify")
    assert verify.returncode == 0, verify.stderr


def test_the_bundle_upgrades_an_older_data_directory(tmp_path: Path) -> None:
    home = tmp_path / "old"
    home.mkdir()
    shutil.copyfile(FIXTURE, home / "desk.sqlite3")
    done = run("service-desk", "--home", str(home), "--startup-probe")
    assert done.returncode == 0 and "login window ready" in done.stdout, done.stderr
    with sqlite3.connect(home / "desk.sqlite3") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == \
            head_revision()
    assert len(list((home / "backups").glob("desk-0006-*.sqlite3"))) == 1
