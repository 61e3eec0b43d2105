"""Policies have no table of their own: the policy in force is read from the journal's
`policy.published` events of head office (desk/policies/queries.py). The projector says that they
changed, so the screens that show a decision refresh, or records a conflict for a "policy" that
did not come from head office."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from desk.platform.changes import Changed
from desk.platform.conflicts import record_conflict
from desk.platform.events import Event
from desk.platform.registry import Projector
from desk.platform.roles import HEAD_OFFICE
from desk.policies.queries import PUBLISHED


def _published(conn: Connection, event: Event) -> set[Changed]:
    if event.store_id != HEAD_OFFICE:
        # Only head office publishes policies: a store's "policy" is ignored (queries.py reads
        # head office's events only) and shown to a manager as a conflict.
        record_conflict(conn, "policy.not_from_head_office", event.event_id, event.store_id,
                        [event])
        return {Changed.CONFLICTS}
    return {Changed.POLICIES}


PROJECTORS: dict[str, Projector] = {PUBLISHED: _published}
