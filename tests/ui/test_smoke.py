"""`service-desk --smoke-test` from the checkout (what `make dist` runs with the bundle): the demo
store, the login window, the first-run wizard built with its words, a sample print, exit 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_the_smoke_test_reports_every_part(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "ui.app", "--home", str(tmp_path / "data"),
                           "--smoke-test"], capture_output=True, text=True, env=env,
                          timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["smoke"] == "ok" and facts["printed_bytes"] > 0
    assert facts["wizard_pages"] == 5 and facts["wizard_title"] == "服务台 — 首次启动"
    assert facts["central_driver"] is True  # the test install has the `central` extra
