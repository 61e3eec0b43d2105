"""Reading a PDF back as its reader would: the text pdftotext extracts, and a label's value."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return re.sub(r"[ \t]+", " ", out)


def shows(text: str, label: str, value: str) -> bool:
    return re.search(re.escape(label) + r" (\d+ )?" + re.escape(value) + r"(\s|$)", text) \
        is not None
