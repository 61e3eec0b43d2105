"""Writes tests/fixtures/desk-0006.sqlite3: a counter's database at schema 0006, the last released
schema before the closure and repairs migrations (a store, a counter, its administrator and a
demo-sized handful of customers), for the upgrade tests. Run once; the file is committed.

Built at head with today's commands, then downgraded with Alembic to 0006 and vacuumed.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402

from desk.capabilities import open_database  # noqa: E402
from desk.catalog.setup import initialise_counter  # noqa: E402
from desk.platform.bus import CommandBus  # noqa: E402
from desk.platform.migrate import alembic_config  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "desk-0006.sqlite3"


def main() -> None:
    for extra in ("", "-wal", "-shm"):
        Path(f"{OUT}{extra}").unlink(missing_ok=True)
    db = open_database(OUT)
    initialise_counter(CommandBus(db), store_id="S001", store_name="测试百货",
                       device_name="一号柜台", admin_id="A001", admin_name="王管理",
                       admin_pin="9999")
    command.downgrade(alembic_config(db.engine), "0006")
    db.dispose()
    conn = sqlite3.connect(OUT)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("VACUUM")
    conn.close()
    print(OUT, OUT.stat().st_size)


if __name__ == "__main__":
    main()
