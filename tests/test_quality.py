"""The engineering bar of the project, checked with the suite: ruff on the whole tree, mypy
(strict) on desk/, printing/ and ui/ (pyproject's [tool.mypy]; ui/returns/ excepted for now)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean():
    result = run(str(BIN / "ruff"), "check", "desk", "printing", "ui", "tests", "scripts",
                 "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean_on_desk_printing_and_ui():
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr
