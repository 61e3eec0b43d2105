"""Retrying a return or a compensation with the id it was recorded under is idempotent: the same
command (same receipt and lines; same kind, receipt line and ticket) answers the recorded result
with `already_recorded: true` and records nothing; a different command under a known id is
refused (`return.exists`, `compensation.exists`). So an integration can tell "already done"
from "refused"."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from desk.platform.errors import DeskError
from desk.platform.tables import journal
from desk.returns.commands import AwardCompensation, RecordReturn


def recorded_payload(conn: Connection, kind: str, entity_id: str) -> dict[str, Any] | None:
    """The payload of the fact that recorded `entity_id`, None if there is none."""
    row = conn.execute(select(journal.c.payload).where(journal.c.kind == kind,
                                                       journal.c.entity_id == entity_id)
                       .limit(1)).first()
    return None if row is None else dict(json.loads(row[0]))


def return_result(payload: dict[str, Any], *, already_recorded: bool) -> dict[str, Any]:
    return {
        "return_id": payload["return_id"],
        "status": payload["status"],
        "refund_fen": payload["refund_fen"],
        "approval_level": payload["approval_level"],
        "approved_by": payload["approved_by"],
        "points_reversed": payload["points_reversed"],
        "tenders": payload["tenders"],
        "decision": payload["decision"],
        "already_recorded": already_recorded,
    }


def compensation_result(payload: dict[str, Any], *, already_recorded: bool) -> dict[str, Any]:
    return {
        "compensation_id": payload["compensation_id"],
        "status": payload["status"],
        "amount_fen": payload["amount_fen"],
        "approval_level": payload["approval_level"],
        "approved_by": payload["approved_by"],
        "decision": payload["decision"],
        "already_recorded": already_recorded,
    }


def retried_return(conn: Connection, cmd: RecordReturn, receipt_no: str) -> dict[str, Any] | None:
    """The recorded result if `cmd` retries a recorded return; None if its id is new."""
    return_id = cmd.return_id.strip()
    payload = recorded_payload(conn, "return.recorded", return_id) if return_id else None
    if payload is None:
        return None
    asked = sorted((ln.line_no, ln.qty) for ln in cmd.lines if ln.qty)
    done = sorted((ln["line_no"], ln["qty"]) for ln in payload["lines"] if ln["kind"] == "return")
    if payload["receipt_no"] != receipt_no or asked != done:
        raise DeskError("return.exists", return_id=return_id)
    return return_result(payload, already_recorded=True)


def retried_compensation(conn: Connection, cmd: AwardCompensation) -> dict[str, Any] | None:
    comp_id = cmd.compensation_id.strip()
    payload = recorded_payload(conn, "compensation.recorded", comp_id) if comp_id else None
    if payload is None:
        return None
    same = (payload["kind"], payload["receipt_no"], payload["line_no"], payload["ticket_code"]) \
        == (cmd.kind, cmd.receipt_no, cmd.line_no, cmd.ticket_code)
    if not same:
        raise DeskError("compensation.exists", compensation_id=comp_id)
    return compensation_result(payload, already_recorded=True)
