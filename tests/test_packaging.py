"""resources/ is found from a checkout and from an installed wheel (the frozen bundle uses
sys._MEIPASS, see desk/platform/paths.py), and the wheel carries migrations, translations and
styles."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desk.platform.paths import resources_dir

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import desk, json, sys
from desk.platform.paths import resources_dir
from desk.capabilities import open_database
db = open_database(sys.argv[1])
print(json.dumps({"desk": desk.__file__, "resources": str(resources_dir()),
                  "qm": (resources_dir() / "translations" / "desk_zh_CN.qm").is_file(),
                  "device": db.device_id}))
"""


def test_resources_from_the_checkout():
    assert resources_dir() == ROOT / "resources"
    assert (resources_dir() / "style" / "app.qss").is_file()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    (found,) = out.glob("service_desk-*.whl")
    return found


def test_the_wheel_carries_the_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("resources/translations/desk_zh_CN.qm", "resources/style/app.qss",
                   "desk/platform/migrations/env.py", "desk/platform/migrations/script.py.mako",
                   "desk/platform/migrations/versions/0001_initial.py", "ui/app.py"):
        assert needed in names
    assert not any(n.startswith("tests/") for n in names)


def test_an_installed_wheel_finds_its_resources_and_migrates(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    probe = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "d.sqlite3")],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    import json

    found = json.loads(probe.stdout)
    assert found["desk"].startswith(str(target))
    assert found["resources"] == str(target / "resources")
    assert found["qm"] and found["device"].startswith("dev-")
