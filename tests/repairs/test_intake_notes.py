"""Accessories and condition at intake, with photos: kept in `ticket.opened` (optional fields, an
older event stays valid), projected into ticket_intake, part of the signed intake document,
shown by `desk ticket show`, printed on the intake slip; refused when a photo is missing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desk.cli.ticket_cmds import ticket_lines
from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.platform.projections import rebuild
from desk.repairs import documents
from desk.repairs.commands import OpenTicket
from desk.repairs.intake import clean_accessories, split_accessories
from desk.repairs.intake_queries import intake_notes
from desk.repairs.intake_tables import ticket_intake
from desk.repairs.queries import ticket_detail
from desk.sync.blobs import photo_hashes
from printing.documents import intake_slip
from printing.from_repairs import ticket_data
from tests.repairs.helpers import open_ticket, record_of, refused
from tests.returns.seed import CLERK


def open_with_notes(bus, photo: str, code: str = "T0001") -> None:
    bus.dispatch(OpenTicket(code=code, sku="P000003", fault="不加热", promised_date="2026-11-25",
                            accessories=["充电器", " 盒子 ", "充电器", ""],
                            condition=" 外壳轻微划痕 ", condition_photos=[photo.upper()]), CLERK)


def opened_payload(bus, code: str) -> dict:
    with bus.db.engine.connect() as conn:
        row = conn.execute(select(t.journal.c.payload).where(
            t.journal.c.kind == "ticket.opened", t.journal.c.entity_id == code)).one()
    return json.loads(row.payload)


def test_the_notes_are_kept_in_the_event_and_the_table(store, photo):
    open_with_notes(store, photo)
    p = opened_payload(store, "T0001")
    assert p["accessories"] == ["充电器", "盒子"] and p["condition"] == "外壳轻微划痕"
    assert p["condition_photos"] == [{"photo_sha256": photo, "photo_size": len(
        _bytes(store, photo)), "photo_type": "image/png"}]
    assert photo_hashes(p) == {photo}  # sync hands the photo in with the event
    with store.db.engine.connect() as conn:
        notes = intake_notes(conn, "T0001")
        shown = ticket_detail(conn, "T0001", store.clock.local_now().date())
    assert notes.accessories == ["充电器", "盒子"] and notes.photo_hashes == [photo]
    assert shown.intake == notes


def _bytes(bus, sha: str) -> bytes:
    from desk.repairs.evidence import blob_path, evidence_root

    return blob_path(evidence_root(bus.db.path), sha).read_bytes()


def test_a_ticket_without_notes_keeps_the_old_payload_and_document(store, photo):
    open_ticket(store, "T0001")
    p = opened_payload(store, "T0001")
    assert not {"accessories", "condition", "condition_photos"} & set(p)
    with store.db.engine.connect() as conn:
        assert conn.execute(select(ticket_intake)).all() == []
    plain = documents.intake_document(record_of(store, "T0001").ticket)
    assert "accessories" not in plain and "condition" not in plain
    open_with_notes(store, photo, "T0002")
    signed = documents.intake_document(record_of(store, "T0002").ticket)
    assert signed["accessories"] == ["充电器", "盒子"] and signed["condition"] == "外壳轻微划痕"
    assert signed["condition_photos"][0]["photo_sha256"] == photo


def test_rebuild_gives_the_same_intake_table(store, photo):
    open_with_notes(store, photo)
    open_ticket(store, "T0002")
    with store.db.engine.connect() as conn:
        before = conn.execute(select(ticket_intake)).all()
    with store.db.write_lock, store.db.engine.begin() as conn:
        rebuild(conn, store.db.registry)
    with store.db.engine.connect() as conn:
        assert conn.execute(select(ticket_intake)).all() == before and len(before) == 1


def test_a_missing_photo_or_too_much_is_refused_and_nothing_written(store, photo):
    refused(store, "repair.photo_missing", lambda: store.dispatch(OpenTicket(
        code="T0009", sku="P000003", fault="不加热", promised_date="2026-11-25",
        condition_photos=["ab" * 32]), CLERK))
    err = refused(store, "value.invalid", lambda: store.dispatch(OpenTicket(
        code="T0009", sku="P000003", fault="不加热", promised_date="2026-11-25",
        accessories=[f"配件{i}" for i in range(21)]), CLERK))
    assert err.params["field"] == "accessories"
    with pytest.raises(DeskError):
        clean_accessories(["长" * 41])


def test_accessories_typed_on_one_line_are_split():
    words = split_accessories("充电器、盒子，说明书; 数据线,, ")
    assert words == ["充电器", "盒子", "说明书", "数据线"]


def test_ticket_show_and_the_intake_slip_carry_the_notes(store, photo):
    open_with_notes(store, photo)
    today = store.clock.local_now().date()
    with store.db.engine.connect() as conn:
        lines = ticket_lines(ticket_detail(conn, "T0001", today))
        slip = intake_slip(ticket_data(conn, "T0001", today))
    assert "accessories: 充电器, 盒子" in lines and "condition: 外壳轻微划痕" in lines
    assert any(line.startswith(f"condition photos: {photo[:12]} (image/png, ") for line in lines)
    texts = [getattr(b, "text", "") for b in slip.blocks]
    assert "附件：充电器、盒子" in texts and "外观：外壳轻微划痕" in texts
