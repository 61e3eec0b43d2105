"""The photo inbox: a folder that a phone or a camera drops its pictures into (a phone's sync
app, a network share, a camera's import folder). The workshop screen lists the newest pictures
not yet used; one attached to a check is stored as evidence (evidence.store_photo_file: checked,
by SHA-256) and then moved into `taken/` beside them, so the list shows only what is left.

Where the folder is, is this counter's own setting (`set_photo_inbox`, an administrator's);
by default it is `photo-inbox/` in the data directory.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from sqlalchemy.engine import Connection

from desk.platform.changes import Changed
from desk.platform.commands import Command
from desk.platform.errors import DeskError
from desk.platform.events import Event
from desk.platform.registry import Projector
from desk.platform.settings import get_setting, set_setting
from desk.platform.uow import UnitOfWork
from desk.repairs.evidence import Photo, store_photo_file

KEY = "repairs.photo_inbox"
DEFAULT_NAME = "photo-inbox"
TAKEN = "taken"
SUFFIXES = (".jpg", ".jpeg", ".png")
SHOWN = 12  # the newest pictures listed; a phone drops one or two per check


@dataclass(frozen=True)
class InboxPhoto:
    path: Path
    name: str
    size: int
    modified_ns: int


@dataclass(frozen=True)
class SetPhotoInbox(Command):
    """Where this counter's photo inbox is; "" puts it back in the data directory."""

    name: ClassVar[str] = "set_photo_inbox"
    folder: str


@dataclass(frozen=True)
class PhotoInboxSet:
    folder: str


def set_photo_inbox(cmd: SetPhotoInbox, uow: UnitOfWork, _ctx: object) -> PhotoInboxSet:
    folder = str(cmd.folder).strip()
    if folder and not Path(folder).is_absolute():
        raise DeskError("repair.inbox_not_absolute", folder=folder)
    set_setting(uow.conn, KEY, folder)
    uow.record("device.photo_inbox_set", uow.db.device_id, {"folder": folder})
    return PhotoInboxSet(folder)


def _inbox_set(_conn: Connection, _event: Event) -> set[Changed]:
    return {Changed.SETTINGS}  # an audit fact: the folder itself is this counter's setting


PROJECTORS: dict[str, Projector] = {"device.photo_inbox_set": _inbox_set}


def inbox_folder(conn: Connection, database_path: Path | None) -> Path:
    """The configured folder, else `photo-inbox/` beside the database (or in the data home)."""
    configured = get_setting(conn, KEY) or ""
    if configured:
        return Path(configured)
    from desk.repairs.evidence import evidence_root

    return evidence_root(database_path).parent / DEFAULT_NAME


def newest_photos(folder: Path, limit: int = SHOWN) -> list[InboxPhoto]:
    """The newest pictures in `folder` (not in `taken/`), newest first; the folder is created
    when missing so that the phone has somewhere to drop into. Files still being written (size
    0) are left for the next look."""
    folder.mkdir(parents=True, exist_ok=True)
    found: list[InboxPhoto] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if not entry.is_file() or not entry.name.lower().endswith(SUFFIXES):
                continue
            with contextlib.suppress(FileNotFoundError):  # taken by another counter meanwhile
                info = entry.stat()
                if info.st_size > 0:
                    found.append(InboxPhoto(Path(entry.path), entry.name, info.st_size,
                                            info.st_mtime_ns))
    found.sort(key=lambda p: (p.modified_ns, p.name), reverse=True)
    return found[:limit]


def take_photo(evidence_root: Path, picture: Path) -> Photo:
    """Store a picture of the inbox as evidence, then move it into `taken/` (a picture that
    is refused — too large, not an image — stays where it is)."""
    photo = store_photo_file(evidence_root, picture)
    taken = picture.parent / TAKEN
    taken.mkdir(exist_ok=True)
    target = taken / picture.name
    if target.exists():  # the same name dropped twice: keep both
        target = taken / f"{picture.stem}-{photo.sha256[:8]}{picture.suffix}"
    with contextlib.suppress(FileNotFoundError):
        picture.replace(target)
    return photo
