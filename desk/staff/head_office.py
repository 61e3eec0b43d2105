"""Head office's authority: its commands run only on a head-office counter."""

from __future__ import annotations

from desk.platform.errors import DeskError
from desk.platform.roles import HEAD_OFFICE
from desk.platform.uow import UnitOfWork


def require_head_office(uow: UnitOfWork, command: str) -> None:
    """Refuse a head-office command on a store's counter, whatever the actor's role there."""
    store_id = uow.store_id()
    if store_id != HEAD_OFFICE:
        raise DeskError("auth.head_office_only", command=command, store_id=store_id)
