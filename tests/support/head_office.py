"""Head office's own counter for tests: its decisions and policies reach a store's counter the
way sync brings them (the engine's apply_pulled), as facts of store HQ."""

from __future__ import annotations

from sqlalchemy import select

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.platform import tables as t
from desk.platform.bus import CommandBus, Result
from desk.platform.commands import Command
from desk.platform.db import Database
from desk.platform.events import Event
from desk.platform.journal import event_from_row
from desk.platform.ports import FixedClock
from desk.platform.roles import HEAD_OFFICE
from desk.returns.commands import DecideHeadOffice
from desk.sync.engine import apply_pulled

HQ_ADMIN, HQ_PIN = "H001", "7070"


class HeadOffice:
    """Head office's own counter (store HQ) exchanging events with one store's counter."""

    def __init__(self, store_db: Database, clock: FixedClock) -> None:
        self.store_db = store_db
        self.db = open_database(None, wall_ms=clock.now_ms)
        self.bus = CommandBus(self.db, clock)
        initialise_counter(self.bus, store_id=HEAD_OFFICE, store_name="总部",
                           device_name="总部审核台", admin_id=HQ_ADMIN, admin_name="总部审核",
                           admin_pin=HQ_PIN)

    def pull(self) -> None:
        apply_pulled(self.db, journal_events(self.store_db), None)

    def push(self) -> None:
        apply_pulled(self.store_db, [e for e in journal_events(self.db)
                                     if e.device_id == self.db.device_id], None)

    def run(self, command: Command) -> Result:
        """Pull the store's events, run the command at head office, bring its facts back."""
        self.pull()
        result = self.bus.dispatch(command, HQ_ADMIN)
        self.push()
        return result

    def decide(self, case_id: str, decision: str = "approved", reason: str = "") -> Result:
        return self.run(DecideHeadOffice(case_id=case_id, decision=decision, reason=reason))


def journal_events(db: Database) -> list[Event]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(t.journal).order_by(t.journal.c.seq)).all()
    return [event_from_row(r) for r in rows]
