"""Handler of CloseDay: the Z closure of a business day.

The count is blind: the expected cash is computed here only once the counted pieces are given.
The numbers are computed inside the write transaction (nothing can slip in between), their
fingerprint must be the document both signatures were given for, and they are frozen in the
``closure.recorded`` fact with the ids of the events they counted: never recomputed.
"""

from __future__ import annotations

import uuid
from typing import Any

from desk.closure import queries, rules
from desk.closure.commands import CloseDay
from desk.platform.bus import Context
from desk.platform.errors import DeskError
from desk.platform.uow import UnitOfWork
from desk.signatures.queries import signature_for
from desk.staff.approvals import check_pin
from desk.staff.queries import staff_row


def _check_day(cmd: CloseDay, uow: UnitOfWork, ctx: Context) -> tuple[Any, str | None, str]:
    day = rules.parse_business_date(cmd.business_date)
    today = queries.today(uow.conn, ctx.clock.local_now())
    if day > today:
        raise DeskError("closure.future_date", business_date=day.isoformat(),
                        today=today.isoformat())
    device_id = cmd.device_id.strip() or None
    if device_id is not None and device_id != uow.db.device_id:
        raise DeskError("closure.other_counter", device_id=device_id)
    scope = rules.scope_of(device_id)
    row = queries.closure_row(uow.conn, scope, day)
    if row is not None:
        raise DeskError("closure.already_closed", business_date=day.isoformat(), scope=scope,
                        z_number=row.z_number)
    return day, device_id, scope


def _check_second_person(cmd: CloseDay, uow: UnitOfWork, ctx: Context) -> str:
    second = cmd.second_counter_id.strip()
    if not second:
        raise DeskError("value.required", field="second_counter_id")
    if second == uow.actor:
        raise DeskError("closure.same_person", staff_id=second)
    staff = staff_row(uow.conn, second)
    if staff is None or not staff.active:
        raise DeskError("auth.unknown_staff", staff_id=second)
    check_pin(uow, staff, cmd.second_counter_pin, ctx.clock.now_ms())
    return second


def close_day(cmd: CloseDay, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    day, device_id, scope = _check_day(cmd, uow, ctx)
    pieces = rules.parse_count(cmd.counted)
    if not any(pieces.values()) and not cmd.counted:
        raise DeskError("value.required", field="counted")
    if isinstance(cmd.opening_float_fen, bool) or not isinstance(cmd.opening_float_fen, int) \
            or cmd.opening_float_fen < 0:
        raise DeskError("money.negative", field="opening_float_fen")
    note = cmd.variance_note.strip()
    if len(note) > rules.NOTE_MAX:
        raise DeskError("value.invalid", field="variance_note",
                        reason=f"at most {rules.NOTE_MAX} characters")
    second = _check_second_person(cmd, uow, ctx)
    count = rules.CashCount(cmd.opening_float_fen, pieces, note, second)
    numbers, facts = queries.compute(uow.conn, day, device_id, count)
    cash = numbers["cash"]
    if rules.needs_note(cash["variance_fen"]) and not note:
        raise DeskError("closure.note_required", variance=cash["variance_fen"],
                        tolerance=rules.VARIANCE_TOLERANCE_FEN)
    unsynced, conflicts = numbers["unsynced_events"], numbers["conflicts_open"]
    if (unsynced or conflicts) and not cmd.confirm_unsynced:
        raise DeskError("closure.unsynced", events=unsynced, conflicts=conflicts)
    print_fingerprint = rules.fingerprint(numbers)
    signatures = {"manager": cmd.manager_signature_id.strip(),
                  "second": cmd.second_signature_id.strip()}
    for who, signature_id in signatures.items():
        if not signature_id:
            raise DeskError("value.required", field=f"{who}_signature_id")
        signature_for(uow.conn, signature_id, print_fingerprint)
    if signatures["manager"] == signatures["second"]:
        raise DeskError("closure.same_signature")
    z_number = queries.next_z_number(uow.conn, scope)
    closed_at = ctx.clock.local_now().isoformat(timespec="seconds")
    payload = {
        "closure_id": uuid.uuid4().hex, "scope": scope, "business_date": day.isoformat(),
        "z_number": z_number, "closed_at": closed_at, "second_counter": second,
        "numbers": numbers, "fingerprint": print_fingerprint,
        "counted_event_ids": facts.counted_event_ids(),
        "late_event_ids": sorted(f.event_id for f in facts.late),
        "confirm_unsynced": bool(cmd.confirm_unsynced), "signatures": signatures,
    }
    uow.record("closure.recorded", f"{scope}|{day.isoformat()}", payload)
    return {"scope": scope, "business_date": day.isoformat(), "z_number": z_number,
            "fingerprint": print_fingerprint, "expected_fen": cash["expected_fen"],
            "counted_fen": cash["counted_fen"], "variance_fen": cash["variance_fen"],
            "closed_at": closed_at}
