"""Policies have no table of their own: the policy in force is read from the journal's
`policy.published` events (desk/policies/queries.py). The projector only says that they changed,
so the screens that show a decision refresh."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.registry import Projector
from desk.policies.queries import PUBLISHED


def _published(conn: Connection, event: Event) -> set[Changed]:
    return {Changed.POLICIES}


PROJECTORS: dict[str, Projector] = {PUBLISHED: _published}
