"""kill -9 in the middle of a batch: the database verifies, each command is all there or absent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import select

from desk.capabilities import open_database
from desk.catalog import tables as catalog_t
from desk.platform import tables as t
from desk.platform.journal import verify

BATCH = 3000


def test_kill_minus_nine_mid_batch_leaves_a_consistent_database(tmp_path):
    env = {**os.environ, "DESK_ADMIN_PIN": "9999", "DESK_HOME": str(tmp_path)}
    desk = [sys.executable, "-m", "desk.cli.main"]
    subprocess.run([*desk, "init", "--store-id", "S001", "--store-name", "店", "--counter-name",
                    "柜台", "--admin-id", "A001", "--admin-name", "管"], env=env, check=True,
                   capture_output=True)
    commands = tmp_path / "batch.jsonl"
    with commands.open("w", encoding="utf-8") as out:
        for i in range(BATCH):
            out.write(json.dumps({"command": "register_customer", "customer_id": f"C{i:07d}",
                                  "customer_name": f"顾客{i}", "phone": f"138{i:08d}"},
                                 ensure_ascii=False) + "\n")
    proc = subprocess.Popen([*desk, "apply", str(commands), "--as", "A001"], env=env,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    acknowledged = 0
    for _line in proc.stdout:  # wait until a good part of the batch is committed, then kill
        acknowledged += 1
        if acknowledged == 400:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    db = open_database(tmp_path / "desk.sqlite3")
    with db.engine.connect() as conn:
        report = verify(conn)
        journal_ids = {e for (e,) in conn.execute(
            select(t.journal.c.entity_id).where(t.journal.c.kind == "customer.registered"))}
        customer_ids = {c for (c,) in conn.execute(select(catalog_t.customers.c.customer_id))}
    assert report.ok, report.first_break and report.first_break.describe()
    assert journal_ids == customer_ids  # no event without its row, no row without its event
    assert acknowledged <= len(customer_ids) < BATCH  # everything acknowledged is durable
    expected = {f"C{i:07d}" for i in range(len(customer_ids))}
    assert customer_ids == expected  # in order, no holes
    started = time.perf_counter()
    db.dispose()
    assert time.perf_counter() - started < 5
