"""Signatures in the core: strokes + PNG bound to the document's SHA-256, recorded through the bus,
projected and rebuilt; a signature cannot be moved to another document; scribbles are refused."""

from __future__ import annotations

import base64
import io
import json
import math

import pytest
from PIL import Image as PILImage
from sqlalchemy import update

from desk.capabilities import REGISTRY, describe
from desk.platform.errors import DeskError
from desk.platform.journal import verify as verify_journal
from desk.platform.projections import rebuild
from desk.signatures import rules as sig
from desk.signatures import tables as signatures_t
from desk.signatures.commands import CaptureSignature
from desk.signatures.queries import signature_for, signatures_of
from printing.samples import sample
from tests.support.journal import dump
from tests.support.staff import ADMIN


def wave(n: int = 40, width: float = 300, amp: float = 35, x0: float = 60) -> list[list[int]]:
    return [[round(x0 + width * i / (n - 1)), round(110 + amp * math.sin(i / 3)), 12 * i, 700]
            for i in range(n)]


def png_bytes(w: int = 120, h: int = 50) -> bytes:
    out = io.BytesIO()
    PILImage.new("LA", (w, h), (0, 0)).save(out, "PNG")
    return out.getvalue()


DOC_A = sig.document_sha256("退货单 R2611200100042 ￥199.00")
DOC_B = sig.document_sha256("退货单 R2611200100043 ￥1999.00")


def capture(bus, doc=DOC_A, strokes=None, png=None, ref="R2611200100042"):
    cmd = CaptureSignature(document_kind="return_receipt", document_ref=ref, document_sha256=doc,
                           png_base64=base64.b64encode(png or png_bytes()).decode("ascii"),
                           strokes=strokes if strokes is not None else [wave(), wave(n=15, x0=90)])
    return bus.dispatch(cmd, ADMIN)


def test_capture_records_an_event_and_a_bound_row(bus, db):
    result = capture(bus)
    value = result.value
    assert "signatures" in result.changes.kinds
    assert value.signature_id.startswith("SG") and len(value.signature_id) == 32
    with db.engine.connect() as conn:
        row = conn.execute(signatures_t.signatures.select()).one()
        assert row.document_sha256 == DOC_A and row.binding == value.binding
        assert bytes(row.png) == png_bytes()
        assert json.loads(row.strokes)[0][0] == [60, 110, 0, 700]
        assert row.captured_at == "2026-11-20T10:00:00" and row.captured_by == ADMIN
        stored = signature_for(conn, value.signature_id, DOC_A)
        assert verify_journal(conn).ok
    assert stored.png == png_bytes() and len(stored.strokes) == 2


def test_rebuild_reproduces_the_signatures_table(bus, db):
    capture(bus)
    capture(bus, doc=DOC_B, ref="R2611200100043")
    with db.engine.begin() as conn:
        before = dump(conn)
        rebuild(conn, REGISTRY)
        after = dump(conn)
    assert len(before["signatures"]) == 2
    assert before == after


def test_a_signature_cannot_be_moved_to_another_document(bus, db):
    sid = capture(bus).value.signature_id
    with db.engine.connect() as conn:
        with pytest.raises(DeskError) as refused:
            signature_for(conn, sid, DOC_B)  # printed under another receipt
        assert refused.value.code == "signature.other_document"
        assert signatures_of(conn, DOC_B) == []
    # Editing the row to point at the other document breaks its binding: refused, not printed.
    with db.engine.begin() as conn:
        conn.execute(
            update(signatures_t.signatures).values(document_sha256=DOC_B, document_ref="X")
        )
    with db.engine.connect() as conn:
        with pytest.raises(DeskError) as tampered:
            signature_for(conn, sid, DOC_B)
        assert tampered.value.code == "signature.tampered"
        with pytest.raises(DeskError):
            signatures_of(conn, DOC_B)


def test_swapping_the_image_or_strokes_is_detected(bus, db):
    sid = capture(bus).value.signature_id
    with db.engine.begin() as conn:
        conn.execute(update(signatures_t.signatures).values(png=png_bytes(121, 50)))
    with db.engine.connect() as conn, pytest.raises(DeskError) as e:
        signature_for(conn, sid, DOC_A)
    assert e.value.code == "signature.tampered"
    s = sig.sign(DOC_A, [wave()], png_bytes())
    moved = sig.Signature(
        s.signature_id, s.document_sha256, s.binding, s.png_sha256, [wave(width=310)], s.png
    )
    with pytest.raises(DeskError) as e2:
        sig.verify(moved, DOC_A)
    assert e2.value.code == "signature.tampered"


def test_same_ink_on_two_documents_gives_two_bindings():
    a = sig.sign(DOC_A, [wave()], png_bytes())
    b = sig.sign(DOC_B, [wave()], png_bytes())
    assert a.signature_id != b.signature_id and a.binding != b.binding
    sig.verify(a, DOC_A)
    with pytest.raises(DeskError):
        sig.verify(a, DOC_B)


def test_the_same_signature_twice_is_refused(bus):
    capture(bus)
    with pytest.raises(DeskError) as e:
        capture(bus)
    assert e.value.code == "signature.exists"


@pytest.mark.parametrize(
    ("strokes", "code"),
    [
        ([], "signature.empty"),
        ([[]], "signature.empty"),
        ([[[100, 100, 0, 1000]]], "signature.too_little"),  # a tap
        ([wave(n=8)], "signature.too_little"),  # too few points
        ([wave(width=40, amp=5)], "signature.too_little"),  # a small dot of scribble
        ([[[i, 100, i, 500] for i in range(100, 140)]], "signature.too_little"),  # 40 px: too short
        ([[["x", 1, 0, 0]] * 20], "signature.bad_strokes"),
        ([[[1.0, float("nan"), 0, 0]] * 20], "signature.bad_strokes"),
        ([[[1, 2, 3, 4, 5]] * 20], "signature.bad_strokes"),
        ([[[1, 2, 3, 4]] * 20_001], "signature.too_large"),
    ],
)
def test_empty_and_near_empty_scribbles_are_refused(bus, db, strokes, code):
    with pytest.raises(DeskError) as e:
        capture(bus, strokes=strokes)
    assert e.value.code == code
    for language in ("en", "zh_CN"):
        text = describe(e.value, language)
        assert text and "{" not in text and code not in text
    with db.engine.connect() as conn:
        assert conn.execute(signatures_t.signatures.select()).all() == []


@pytest.mark.parametrize(
    ("doc", "png_b64", "code"),
    [
        ("abc", None, "signature.bad_hash"),
        (DOC_A.upper() + "0", None, "signature.bad_hash"),
        (DOC_A, "not base64!", "signature.bad_png"),
        (DOC_A, base64.b64encode(b"GIF89a" + b"\0" * 40).decode(), "signature.bad_png"),
        (
            DOC_A,
            base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 400_000).decode(),
            "signature.too_large",
        ),
    ],
)
def test_bad_hash_or_image_is_refused(bus, doc, png_b64, code):
    cmd = CaptureSignature(
        document_kind="quote",
        document_ref="T2611200007",
        document_sha256=doc,
        png_base64=png_b64 or base64.b64encode(png_bytes()).decode(),
        strokes=[wave()],
    )
    with pytest.raises(DeskError) as e:
        bus.dispatch(cmd, ADMIN)
    assert e.value.code == code


def test_bound_to_the_printed_document_content(bus, db):
    """The hash is printing's content hash: the copy mark and the signature image itself do not
    change it (a reprint still verifies), another document's content does."""
    doc = sample("quote")
    sid = capture(bus, doc=doc.content_sha256(), ref=doc.ref).value.signature_id
    with db.engine.connect() as conn:
        s = signature_for(conn, sid, doc.with_signature(png_bytes()).as_copy().content_sha256())
        other = sample("intake_slip")
        assert other.content_sha256() != doc.content_sha256()
        with pytest.raises(DeskError):
            signature_for(conn, sid, other.content_sha256())
    assert s.document_sha256 == doc.content_sha256()
