"""Evidence photos: files stored by their SHA-256 under the data directory
(`<home>/evidence/ab/abcdef...`); the journal holds the hash, size and type. A file is checked on
every use: missing, or whose content no longer hashes to its name, is refused (or flagged when
shown). Sync carries the blobs to the central server (desk/sync/blobs.py).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desk.platform.errors import DeskError
from desk.platform.paths import data_home

MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))


@dataclass(frozen=True)
class Photo:
    sha256: str
    size: int
    type: str  # image/png, image/jpeg


def evidence_root(database_path: Path | None) -> Path:
    """The evidence folder beside the counter's database (an in-memory one: the data home)."""
    home = database_path.parent if database_path is not None else data_home()
    return home / "evidence"


def blob_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256


def image_type(head: bytes) -> str | None:
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    return None


def store_photo(root: Path, data: bytes) -> Photo:
    """Check and store a photo's bytes; storing the same photo twice is harmless."""
    if len(data) > MAX_PHOTO_BYTES:
        raise DeskError("repair.photo_too_large", size=len(data), limit=MAX_PHOTO_BYTES)
    kind = image_type(data[:16])
    if kind is None:
        raise DeskError("repair.photo_not_image")
    sha = hashlib.sha256(data).hexdigest()
    target = blob_path(root, sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    return Photo(sha, len(data), kind)


def store_photo_file(root: Path, path: Path) -> Photo:
    """A photo from a file (a size over the limit is refused before reading it)."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise DeskError("import.file_unreadable", path=str(path), reason=err.strerror) from None
    if size > MAX_PHOTO_BYTES:
        raise DeskError("repair.photo_too_large", size=size, limit=MAX_PHOTO_BYTES)
    return store_photo(root, path.read_bytes())


def check_photo(root: Path, sha256: str) -> Photo:
    """The stored photo `sha256`, its content re-hashed: refused when missing or altered."""
    sha = sha256.strip().lower()
    target = blob_path(root, sha) if len(sha) == 64 else None
    if target is None or not target.is_file():
        raise DeskError("repair.photo_missing", sha256=sha)
    data = target.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha:
        raise DeskError("repair.photo_mismatch", sha256=sha)
    kind = image_type(data[:16])
    if kind is None:
        raise DeskError("repair.photo_not_image")
    return Photo(sha, len(data), kind)


def photo_ok(root: Path, sha256: str) -> bool:
    """For the screen: flag a photo whose file is gone or altered."""
    try:
        check_photo(root, sha256)
    except DeskError:
        return False
    return True
