"""A seeded repair counter and helpers to walk a ticket through its checklist."""

from __future__ import annotations

import base64
import io
import itertools
import math

import pytest
from PIL import Image as PILImage
from sqlalchemy import func, select

from desk.platform import tables as t
from desk.platform.bus import CommandBus
from desk.platform.errors import DeskError
from desk.repairs import tables as repairs_t
from desk.repairs.commands import (
    OpenTicket,
    Payment,
    ProposeQuote,
    QuotePart,
    RecordCheck,
    SignCompletion,
    SignQuote,
)
from desk.repairs.queries import ticket_record
from desk.signatures.commands import CaptureSignature
from desk.staff.commands import RegisterStaff
from tests.returns.seed import ADMIN, CLERK, MANAGER, seed

TECH, TECH_PIN = "3001", "3333"
_x0 = itertools.count(40)


def seed_repairs(bus: CommandBus) -> None:
    seed(bus)
    bus.dispatch(RegisterStaff(staff_id=TECH, staff_name="赵师傅", role="technician",
                               pin=TECH_PIN), ADMIN)


def png_bytes(fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 10, 10)).save(out, fmt)
    return out.getvalue()


def sign(bus: CommandBus, kind: str, ref: str, sha: str) -> str:
    x0 = next(_x0)
    strokes = [[[round(x0 + 300 * i / 39), round(110 + 35 * math.sin(i / 3)), 12 * i, 700]
                for i in range(40)]]
    cmd = CaptureSignature(document_kind=kind, document_ref=ref, document_sha256=sha,
                           png_base64=base64.b64encode(png_bytes()).decode("ascii"),
                           strokes=strokes)
    return str(bus.dispatch(cmd, CLERK).value.signature_id)


def open_ticket(bus: CommandBus, code: str = "T0001", sku: str = "P000003") -> str:
    bus.dispatch(OpenTicket(code=code, sku=sku, fault="不加热", promised_date="2026-11-25",
                            service_level="complex"), CLERK)
    return code


def record(bus, code, step, check_id, actor=TECH, **evidence):
    return bus.dispatch(RecordCheck(ticket_code=code, step=step, check_id=check_id,
                                    **evidence), actor)


def record_of(bus, code):
    with bus.db.engine.connect() as conn:
        return ticket_record(conn, code)


def ticket_row(bus, code):
    with bus.db.engine.connect() as conn:
        return conn.execute(select(repairs_t.tickets).where(
            repairs_t.tickets.c.code == code)).one()


def evidence_for(bus, code, check, photo: str) -> dict:
    """What a check asks for, made up for the tests."""
    if check.evidence == "value":
        return {"value": check.min}
    if check.evidence == "note":
        return {"note": "已记录"}
    if check.evidence == "photo":
        return {"photo_sha256": photo}
    if check.evidence == "signature":
        return {"signature_id": sign(bus, "intake", code, record_of(bus, code).intake_sha256)}
    return {}


def quote_and_sign(bus, code, labour_fen=5000):
    bus.dispatch(ProposeQuote(ticket_code=code, parts=[QuotePart("温控器", "SN-1", 3000)],
                              labour_fen=labour_fen), CLERK)
    sha = record_of(bus, code).quote.sha256
    bus.dispatch(SignQuote(ticket_code=code, signature_id=sign(bus, "quote", code, sha)), CLERK)


def walk(bus, code, photo: str, until_step: int, actor=MANAGER) -> None:
    """Do every check of steps 1..until_step (the quote signed when step 3 needs it)."""
    for step in range(1, until_step + 1):
        for check in record_of(bus, code).checklist.steps[step - 1].checks:
            if check.condition == "quote_present":
                quote_and_sign(bus, code)
            if check.condition == "file_complete":
                return
            if record_of(bus, code).state.state(step, check.id).done:
                continue
            record(bus, code, step, check.id, actor, **evidence_for(bus, code, check, photo))


def archive(bus, code, photo: str, actor=MANAGER) -> None:
    """Walk a ticket to the end: every step, the completion signed, the archive checks done."""
    walk(bus, code, photo, 9, actor)
    done = record_of(bus, code)
    due = done.quote.charged_fen if done.quote else 0  # paid at pickup, in cash
    bus.dispatch(SignCompletion(ticket_code=code, signature_id=sign(
        bus, "completion", code, done.completion_sha256),
        payments=[Payment("cash", due)] if due else []), CLERK)
    for check_id in ("file_complete", "repair_count_updated", "retention_set"):
        record(bus, code, 9, check_id, CLERK)


def events(bus) -> int:
    with bus.db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.journal)).scalar_one())


def refused(bus, code, fn):
    """`fn` raises the DeskError `code` and writes nothing to the journal."""
    before = events(bus)
    with pytest.raises(DeskError) as err:
        fn()
    assert err.value.code == code
    assert events(bus) == before  # nothing half written
    return err.value
