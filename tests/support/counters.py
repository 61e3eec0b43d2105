"""A second counter of store S001 beside a test's database, fed the first one's history the way
sync applies pulled events."""

from __future__ import annotations

from sqlalchemy import select

from desk.capabilities import open_database
from desk.platform import tables as t
from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.platform.db import Database
from desk.platform.journal import event_from_row
from desk.platform.ports import FixedClock
from desk.platform.settings import set_setting
from desk.platform.uow import UnitOfWork
from desk.sync.engine import apply_pulled


def events(db: Database, after_seq: int = 0):
    with db.engine.connect() as conn:
        rows = conn.execute(select(t.journal).where(t.journal.c.seq > after_seq)
                            .order_by(t.journal.c.seq)).all()
    return [event_from_row(r) for r in rows]


def last_seq(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(t.journal.c.seq).order_by(t.journal.c.seq.desc())
                                .limit(1)).scalar() or 0)


def own(db: Database):
    """The events this counter recorded itself (what it pushes)."""
    return [e for e in events(db) if e.device_id == db.device_id]


def second_counter(first: Database, clock: FixedClock) -> tuple[Database, CommandBus]:
    """Another counter of store S001 that has pulled the first one's history."""
    db = open_database(None, wall_ms=clock.now_ms)
    apply_pulled(db, events(first), None)
    with UnitOfWork(db, SYSTEM_ACTOR) as uow:
        set_setting(uow.conn, "store_id", "S001")
        uow.use_store("S001")
        uow.record("device.registered", db.device_id,
                   {"device_id": db.device_id, "store_id": "S001", "name": "二号柜台"})
        uow.commit()
    return db, CommandBus(db, clock)
