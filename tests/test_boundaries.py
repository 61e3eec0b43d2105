"""The dependency direction of DESIGN.md: ui -> printing -> desk. desk/ imports no Qt, serial,
reportlab, ui or printing; desk/domain imports no SQLAlchemy either; printing/ never imports ui."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

RULES = {
    "desk": {"PySide6", "shiboken6", "serial", "reportlab", "ui", "printing", "PIL", "qrcode"},
    "desk/staff/rules.py": {"sqlalchemy", "alembic", "psycopg"},
    "printing": {"ui", "PySide6", "shiboken6"},
}


def imported_roots(source: str) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif (isinstance(node, ast.Call) and getattr(node.func, "id", "") in
              ("import_module", "__import__") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            roots.add(node.args[0].value.split(".")[0])
    return roots


def violations(package: str, forbidden: set[str]) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = imported_roots(path.read_text(encoding="utf-8")) & forbidden
        found += [f"{path.relative_to(ROOT)} imports {name}" for name in sorted(bad)]
    return found


@pytest.mark.parametrize("package", sorted(RULES))
def test_package_respects_the_dependency_direction(package):
    assert violations(package, RULES[package]) == []


def test_the_check_catches_a_forbidden_import(tmp_path):
    assert imported_roots("from PySide6.QtWidgets import QWidget") == {"PySide6"}
    assert imported_roots("import serial.tools.list_ports as lp") == {"serial"}
    assert "reportlab" in imported_roots("importlib.import_module('reportlab.pdfgen')"
                                         .replace("importlib.", ""))
    assert imported_roots("from . import sibling") == set()
