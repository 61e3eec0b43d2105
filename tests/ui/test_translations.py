"""Every UI string has Chinese, and the committed .qm is what the .ts/.tsv compile to."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import translations  # noqa: E402


def test_translations_are_complete_and_compiled():
    assert translations.check() == []
