"""What the central-server trust tests share: the raw-insert attack and a counter's own events."""

from __future__ import annotations

from sqlalchemy import select

from desk.platform import tables as t
from desk.platform.events import Event
from desk.platform.journal import event_from_row
from tests.sync.helpers import Counter

RAW_INSERT = (
    "INSERT INTO desk.events (store_seq, event_id, store_id, device_id, device_seq, hlc, actor,"
    " kind, entity_id, payload, prev_hash, hash) VALUES (99, %s, 'S001', %s, 99, 'h', 'a', 'k',"
    " 'e', '{}', 'p', 'h')")


def own(counter: Counter) -> list[Event]:
    with counter.db.engine.connect() as conn:
        rows = conn.execute(select(t.journal).where(t.journal.c.device_id == counter.db.device_id)
                            .order_by(t.journal.c.device_seq)).all()
    return [event_from_row(r) for r in rows]
