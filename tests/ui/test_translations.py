"""Every UI string has Chinese, and the committed .qm is what the .ts/.tsv compile to."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import translations  # noqa: E402


def test_translations_are_complete_and_compiled():
    assert translations.check() == []


def test_no_translated_text_hides_inside_an_f_string():
    """lupdate does not read tr()/translate() calls inside f-strings: such a text has no Chinese
    and shows in English on the Chinese screen (it happened: "Overdue", "Due", "Policy")."""
    import ast

    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                func = getattr(inner, "func", None)
                name = getattr(func, "attr", None) or getattr(func, "id", None)
                if isinstance(inner, ast.Call) and name in ("tr", "translate"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
