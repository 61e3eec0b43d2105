"""Evidence photos between counters: content-addressed blobs on the central server.

The journal carries a photo's SHA-256 (with size and type); the bytes live in the counter's
evidence folder (desk/repairs/evidence.py). After a round has pushed its events, a counter hands
in the photos its own pushed events name and the server lacks for its store (`missing_blobs`,
then `put_blob` for each; the server re-hashes them). A counter that shows a photo it lacks
fetches it (`fetch_photo`): the bytes are re-hashed here before they are kept, so a blob altered
on the server is refused and never stored.

Resuming: `sync.blobs_seq` is this counter's own device sequence up to which its photos are on
the server. A round interrupted after the events and before the photos leaves it behind, and the
next round hands those photos in (what the server already has is not sent twice).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desk.platform import tables as t
from desk.platform.db import Database
from desk.platform.errors import DeskError
from desk.platform.settings import get_setting, set_setting
from desk.repairs.evidence import (
    Photo,
    blob_path,
    check_photo,
    evidence_root,
    photo_ok,
    store_photo,
)
from desk.sync.transport import Transport

BLOBS_SEQ = "sync.blobs_seq"
PHOTO_KEY = "photo_sha256"  # a payload's photo: {"photo_sha256": "..."} at any depth
ASK_BATCH = 500  # hashes per missing_blobs question
J = t.journal


@dataclass
class BlobReport:
    sent: int = 0  # photos handed in this round
    already: int = 0  # named by this round's events but already on the server
    unavailable: int = 0  # named but not in this counter's evidence folder (cannot be sent)


def photo_hashes(payload: Any) -> set[str]:
    """Every photo hash an event's payload names, at any depth."""
    return set(_walk(payload))


def _walk(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == PHOTO_KEY and isinstance(item, str) and len(item) == 64:
                yield item.lower()
            else:
                yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def own_photos(db: Database, after: int, upto: int) -> set[str]:
    """The photos named by this counter's own events after..upto (device sequence)."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(J.c.payload).where(
            J.c.device_id == db.device_id, J.c.device_seq > after, J.c.device_seq <= upto,
            J.c.payload.contains("photo_sha256"))).all()
    found: set[str] = set()
    for row in rows:
        found |= photo_hashes(json.loads(row.payload))
    return found


def push_blobs(db: Database, transport: Transport, upto: int) -> BlobReport:
    """Hand in the photos of this counter's events up to `upto` (what the server holds of
    them), then remember how far that went."""
    report = BlobReport()
    with db.engine.connect() as conn:
        after = int(get_setting(conn, BLOBS_SEQ) or 0)
    if upto <= after:
        return report
    wanted = sorted(own_photos(db, after, upto))
    root = evidence_root(db.path)
    for i in range(0, len(wanted), ASK_BATCH):
        ask = wanted[i:i + ASK_BATCH]
        missing = transport.missing_blobs(ask)
        report.already += len(ask) - len(missing)
        for sha in missing:
            if not photo_ok(root, sha):
                report.unavailable += 1
                continue
            photo = check_photo(root, sha)
            transport.put_blob(sha, photo.type, blob_path(root, sha).read_bytes())
            report.sent += 1
    with db.write_lock, db.engine.begin() as conn:
        set_setting(conn, BLOBS_SEQ, str(upto))
    return report


def fetch_photo(db: Database, transport: Transport, sha256: str) -> Photo:
    """The photo `sha256` on this counter: kept already, or fetched from the central server,
    re-hashed and then stored. `sync.blob_unavailable` when the server has none this store may
    read; `sync.blob_mismatch` when its bytes do not hash to the name (nothing is stored)."""
    sha = sha256.strip().lower()
    root = evidence_root(db.path)
    if photo_ok(root, sha):
        return check_photo(root, sha)
    got = transport.get_blob(sha)
    if got is None:
        raise DeskError("sync.blob_unavailable", sha256=sha)
    _kind, data = got
    if hashlib.sha256(data).hexdigest() != sha:
        raise DeskError("sync.blob_mismatch", sha256=sha)
    altered = blob_path(root, sha)
    if altered.exists():  # a local file that no longer hashes to its name: the good copy wins
        altered.unlink()
    return store_photo(root, data)
