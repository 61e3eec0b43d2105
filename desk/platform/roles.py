"""Staff roles: the vocabulary of authority. Which role may run which command is declared by each
capability (desk/platform/registry.py); a command nobody listed is refused."""

from __future__ import annotations

from enum import StrEnum

from desk.platform.errors import DeskError

# Head office's store id: its facts (decisions on pending cases, policies) count only when their
# event comes from this store, wherever they are replayed.
HEAD_OFFICE = "HQ"


class Role(StrEnum):
    CLERK = "clerk"
    TECHNICIAN = "technician"
    MANAGER = "manager"
    ADMIN = "admin"


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise DeskError("role.unknown", role=text) from None
