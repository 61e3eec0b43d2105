"""Head office's authority: its commands run only on a head-office counter (and the screens ask
which counter they are on)."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from desk.platform.errors import DeskError
from desk.platform.roles import HEAD_OFFICE
from desk.platform.settings import get_setting
from desk.platform.uow import UnitOfWork


def require_head_office(uow: UnitOfWork, command: str) -> None:
    """Refuse a head-office command on a store's counter, whatever the actor's role there."""
    store_id = uow.store_id()
    if store_id != HEAD_OFFICE:
        raise DeskError("auth.head_office_only", command=command, store_id=store_id)


def is_head_office(conn: Connection) -> bool:
    """Whether this counter is head office's own (its store is HQ): it decides pending cases."""
    return get_setting(conn, "store_id") == HEAD_OFFICE
