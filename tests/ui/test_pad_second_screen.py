"""The signature pad opens on the second screen, facing the customer, when there is one: Qt's
offscreen platform given two virtual screens (its JSON config file), in a process of its own
(the platform and its screens are chosen when the QApplication starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COUNTER = {"name": "counter", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}
CUSTOMER = {"name": "customer", "x": 1366, "y": 0, "width": 800, "height": 480,
            "logicalDpi": 96}

# The clerk's window on the counter's screen; the pad opened the way the pages open it
# (sign_on_pad), reported as JSON: which screen its window is on, and where.
CHILD = """
import json, sys
from types import SimpleNamespace
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
from ui.signatures.pad import SignatureDialog
from ui.signatures.signing import sign_on_pad
window = QMainWindow()
window.setGeometry(app.primaryScreen().availableGeometry())
window.show()
document = SimpleNamespace(kind="return", ref="R2611150100001", document_sha256="0" * 64)
sign_on_pad(None, window, document, "Return of receipt R2611150100001", lambda ref: None)
app.processEvents()
(pad,) = [w for w in app.topLevelWidgets() if isinstance(w, SignatureDialog) and w.isVisible()]
print(json.dumps({"screens": [s.name() for s in app.screens()],
                  "window": window.windowHandle().screen().name(),
                  "pad": pad.windowHandle().screen().name(),
                  "geometry": list(pad.frameGeometry().getRect())}))
"""


def open_pad(tmp_path: Path, screens: list[dict]) -> dict:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def inside(rect: list[int], screen: dict) -> bool:
    x, y, w, h = rect
    return (screen["x"] <= x and x + w <= screen["x"] + screen["width"]
            and screen["y"] <= y and y + h <= screen["y"] + screen["height"])


def test_the_pad_opens_on_the_customers_screen(tmp_path):
    seen = open_pad(tmp_path, [COUNTER, CUSTOMER])
    assert seen["screens"] == ["counter", "customer"]  # the two virtual screens are there
    assert seen["window"] == "counter"
    assert seen["pad"] == "customer"
    assert inside(seen["geometry"], CUSTOMER), seen


def test_with_one_screen_the_pad_opens_on_it(tmp_path):
    seen = open_pad(tmp_path, [COUNTER])
    assert seen["screens"] == ["counter"] and seen["pad"] == "counter"
    assert inside(seen["geometry"], COUNTER), seen
