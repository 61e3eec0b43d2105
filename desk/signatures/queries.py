"""Read side of signatures: a signature given for a document, checked intact on every read."""

from __future__ import annotations

import json

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from desk.platform.driver_select import DriverSelect
from desk.platform.errors import DeskError
from desk.signatures import rules as sig
from desk.signatures import tables as signatures_t


def _from_row(row: object) -> sig.Signature:
    m = row._mapping  # type: ignore[attr-defined]
    return sig.Signature(m["signature_id"], m["document_sha256"], m["binding"], m["png_sha256"],
                         json.loads(m["strokes"]), bytes(m["png"]))


# built once and run on the driver: every signed return, compensation and repair step reads them
_s = signatures_t.signatures.c
_SIGNATURE = DriverSelect(  # in Signature's order
    select(_s.signature_id, _s.document_sha256, _s.binding, _s.png_sha256, _s.strokes, _s.png)
    .where(_s.signature_id == bindparam("signature_id")))
_SIGNED_DOCUMENT = DriverSelect(select(_s.document_kind, _s.document_ref, _s.document_sha256)
                                .where(_s.signature_id == bindparam("signature_id")))


def signature_for(conn: Connection, signature_id: str, document_sha256: str) -> sig.Signature:
    """The signature `signature_id`, checked intact and given for this very document."""
    row = _SIGNATURE.first(conn, signature_id=signature_id)
    if row is None:
        raise DeskError("signature.unknown", signature_id=signature_id)
    sid, sha, binding, png_sha, strokes, png = row
    signature = sig.Signature(sid, sha, binding, png_sha, json.loads(strokes), bytes(png))
    sig.verify(signature, document_sha256)
    return signature


def signatures_of(conn: Connection, document_sha256: str) -> list[sig.Signature]:
    """Every intact signature given for this document content, oldest first. A row whose binding
    does not check out (edited in the database) is refused, not silently used."""
    rows = conn.execute(select(signatures_t.signatures)
                        .where(signatures_t.signatures.c.document_sha256 == document_sha256)
                        .order_by(signatures_t.signatures.c.hlc)).all()
    found = [_from_row(r) for r in rows]
    for signature in found:
        sig.verify(signature, document_sha256)
    return found


def signature_png(conn: Connection, signature_id: str, document_ref: str) -> bytes | None:
    """The image of a signature given for `document_ref`, checked intact (its binding is
    recomputed); None for a paper signature or one given for another document."""
    if not signature_id or signature_id == "paper":
        return None
    s = signatures_t.signatures.c
    row = conn.execute(select(s.document_sha256, s.document_ref)
                       .where(s.signature_id == signature_id)).first()
    if row is None or row.document_ref != document_ref:
        return None
    return signature_for(conn, signature_id, row.document_sha256).png


def require_signature(conn: Connection, signature_id: str, *, kind: str, ref: str,
                      document_sha256: str) -> None:
    """A signature that satisfies a requirement: captured, for exactly this document (kind,
    reference and the SHA-256 of the content the core built), intact. Refused otherwise, each
    case with its own code."""
    sid = signature_id.strip()
    row = _SIGNED_DOCUMENT.first(conn, signature_id=sid) if sid else None
    if row is None:
        raise DeskError("signature.unknown", signature_id=sid)
    signed_kind, signed_ref, signed_sha = row
    if (signed_kind, signed_ref) != (kind, ref):
        raise DeskError("signature.wrong_document", signature_id=sid, kind=kind, ref=ref)
    if signed_sha != document_sha256:
        raise DeskError("signature.stale", signature_id=sid)
    signature_for(conn, sid, document_sha256)  # the stored strokes and image are intact
