"""Projection of signature.captured (issue 3) into `signatures`, and the read side: a signature is
only ever handed out verified against the document it is about to be printed or shown with.

The id is derived from the binding (document hash + strokes + PNG), so the same id from two
counters is the same fact: the first is kept and a repeat changes nothing. Loaded from
projections.py.
"""

from __future__ import annotations

import base64
import json

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.platform.events import Event
from desk.platform.projections import projects
from desk.signatures import rules as sig


@projects("signature.captured")
def _signature(conn: Connection, e: Event) -> set[str]:
    p = e.payload
    s = t.signatures.c
    if conn.execute(select(s.signature_id).where(s.signature_id == e.entity_id)).first():
        return set()
    conn.execute(insert(t.signatures).values(
        signature_id=e.entity_id, event_id=e.event_id, store_id=e.store_id,
        document_kind=p["document_kind"], document_ref=p["document_ref"],
        document_sha256=p["document_sha256"], binding=p["binding"],
        png_sha256=p["png_sha256"], png=base64.b64decode(p["png_base64"]),
        strokes=json.dumps(p["strokes"], separators=(",", ":")),
        signer=p.get("signer", "customer"), captured_at=p["captured_at"],
        captured_by=e.actor, hlc=e.hlc,
    ))
    return {"signatures"}


def _from_row(row: object) -> sig.Signature:
    m = row._mapping  # type: ignore[attr-defined]
    return sig.Signature(m["signature_id"], m["document_sha256"], m["binding"], m["png_sha256"],
                         json.loads(m["strokes"]), bytes(m["png"]))


def signature_for(conn: Connection, signature_id: str, document_sha256: str) -> sig.Signature:
    """The signature `signature_id`, checked intact and given for this very document."""
    row = conn.execute(select(t.signatures)
                       .where(t.signatures.c.signature_id == signature_id)).first()
    if row is None:
        raise DeskError("signature.unknown", signature_id=signature_id)
    signature = _from_row(row)
    sig.verify(signature, document_sha256)
    return signature


def signatures_of(conn: Connection, document_sha256: str) -> list[sig.Signature]:
    """Every intact signature given for this document content, oldest first. A row whose binding
    does not check out (edited in the database) is refused, not silently used."""
    rows = conn.execute(select(t.signatures)
                        .where(t.signatures.c.document_sha256 == document_sha256)
                        .order_by(t.signatures.c.hlc)).all()
    found = [_from_row(r) for r in rows]
    for signature in found:
        sig.verify(signature, document_sha256)
    return found
