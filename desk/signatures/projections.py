"""Projection of signature.captured (issue 3) into `signatures`, and the read side: a signature is
only ever handed out verified against the document it is about to be printed or shown with.

The id is derived from the binding (document hash + strokes + PNG), so the same id from two
counters is the same fact: the first is kept and a repeat changes nothing. Loaded from
projections.py.
"""

from __future__ import annotations

import base64
import json

from sqlalchemy import select
from sqlalchemy.engine import Connection

from desk.platform.batch import no_rival, plain_insert
from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.registry import Projector
from desk.signatures import tables as signatures_t


def _signature(conn: Connection, e: Event) -> set[Changed]:
    p = e.payload
    s = signatures_t.signatures.c
    if not no_rival(conn, e) and conn.execute(
            select(s.signature_id).where(s.signature_id == e.entity_id)).first():
        return set()
    conn.execute(plain_insert(signatures_t.signatures), dict(
        signature_id=e.entity_id, event_id=e.event_id, store_id=e.store_id,
        document_kind=p["document_kind"], document_ref=p["document_ref"],
        document_sha256=p["document_sha256"], binding=p["binding"],
        png_sha256=p["png_sha256"], png=base64.b64decode(p["png_base64"]),
        strokes=json.dumps(p["strokes"], separators=(",", ":")),
        signer=p.get("signer", "customer"), captured_at=p["captured_at"],
        captured_by=e.actor, hlc=e.hlc,
    ))
    return {Changed.SIGNATURES}


PROJECTORS: dict[str, Projector] = {
    "signature.captured": _signature,
}
