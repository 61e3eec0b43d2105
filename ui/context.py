"""What every screen gets: the background runner, the command bus, the signed-in staff member and
one hub that says what changed after each command or sync (screens refresh from that)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the core (SQLAlchemy) is imported on the database worker, not at start-up
    from desk.platform.bus import CommandBus, Result
    from desk.platform.commands import Command
    from desk.platform.db import Database


@dataclass
class Session:
    staff_id: str = ""
    name: str = ""
    role: str = ""
    areas: list[str] = field(default_factory=list)

    @property
    def signed_in(self) -> bool:
        return bool(self.staff_id)


class ChangeHub(QObject):
    """`changed` carries a desk.platform.changes.Changes: the kinds of things that changed and who
    initiated it. Each screen refreshes when a kind it shows is among them."""

    changed = Signal(object)


class AppContext:
    def __init__(self, db: Database, bus: CommandBus, runner: TaskRunner) -> None:
        self.db = db
        self.bus = bus
        self.runner = runner
        self.session = Session()
        self.hub = ChangeHub()
        # Fetch an evidence photo this counter lacks from the central server (blocking: called
        # on runner.io; returns its desk.repairs.evidence.Photo). None: no central server.
        self.fetch_photo: Callable[[str], Any] | None = None

    def run_command(self, command: Command, done: Callable[[Any, BaseException | None], None],
                    actor: str | None = None) -> None:
        """Dispatch on the database worker as the signed-in staff member; `done(value, error)`
        runs on the GUI thread, after the hub has announced what changed."""

        def finished(result: Result | None, error: BaseException | None) -> None:
            if result is not None and result.changes:
                self.hub.changed.emit(result.changes)
            done(result.value if result is not None else None, error)

        who = actor or self.session.staff_id
        self.runner.db(self.bus.dispatch, command, who, done=finished)

    def query(self, fn: Callable[..., Any], *args: Any,
              done: Callable[[Any, BaseException | None], None]) -> None:
        """Run a read-only function `fn(conn, *args)` on the database worker."""

        def read() -> Any:
            with self.db.engine.connect() as conn:
                return fn(conn, *args)

        self.runner.db(read, done=done)
