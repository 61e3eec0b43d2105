"""What the counter notes at intake besides the fault: the accessories handed in (a list of
words: charger, box, strap …), the condition (scratches, dents …, text) and photos of it.

Kept in the `ticket.opened` payload as optional fields (`accessories`, `condition`,
`condition_photos`: [{photo_sha256, photo_size, photo_type}]) — absent when nothing was noted,
so older events stay exactly as they were — and projected into `ticket_intake`
(desk/repairs/intake_projection.py). `checked_notes` looks each photo's file up (missing or
altered: refused, as for a check's photo).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk.platform.errors import DeskError
from desk.repairs.evidence import check_photo

MAX_ACCESSORIES = 20
MAX_ACCESSORY_CHARS = 40
MAX_CONDITION_CHARS = 1000
MAX_CONDITION_PHOTOS = 10


@dataclass(frozen=True)
class IntakeNotes:
    accessories: list[str] = field(default_factory=list)
    condition: str = ""
    photos: list[dict[str, Any]] = field(default_factory=list)  # {photo_sha256, size, type}

    @property
    def empty(self) -> bool:
        return not (self.accessories or self.condition or self.photos)

    def payload(self) -> dict[str, Any]:
        """The optional fields of `ticket.opened` (only those that say something)."""
        out: dict[str, Any] = {}
        if self.accessories:
            out["accessories"] = list(self.accessories)
        if self.condition:
            out["condition"] = self.condition
        if self.photos:
            out["condition_photos"] = [dict(p) for p in self.photos]
        return out

    @property
    def photo_hashes(self) -> list[str]:
        return [str(p["photo_sha256"]) for p in self.photos]


def clean_accessories(words: list[str]) -> list[str]:
    """Each accessory once, trimmed, in the order given; blanks dropped."""
    found: list[str] = []
    for word in words:
        text = " ".join(str(word).split())
        if not text or text in found:
            continue
        if len(text) > MAX_ACCESSORY_CHARS:
            raise DeskError("value.invalid", field="accessories",
                            reason=f"an accessory longer than {MAX_ACCESSORY_CHARS}")
        found.append(text)
    if len(found) > MAX_ACCESSORIES:
        raise DeskError("value.invalid", field="accessories",
                        reason=f"more than {MAX_ACCESSORIES}")
    return found


def split_accessories(text: str) -> list[str]:
    """Accessories typed on one line: separated by commas (, ， 、) or semicolons."""
    for mark in "，、;；":
        text = text.replace(mark, ",")
    return [word.strip() for word in text.split(",") if word.strip()]


def clean_condition(text: str) -> str:
    condition = text.strip()
    if len(condition) > MAX_CONDITION_CHARS:
        raise DeskError("value.invalid", field="condition",
                        reason=f"longer than {MAX_CONDITION_CHARS}")
    return condition


def clean_photo_hashes(hashes: list[str]) -> list[str]:
    found: list[str] = []
    for sha in hashes:
        text = str(sha).strip().lower()
        if text and text not in found:
            found.append(text)
    if len(found) > MAX_CONDITION_PHOTOS:
        raise DeskError("value.invalid", field="condition_photos",
                        reason=f"more than {MAX_CONDITION_PHOTOS}")
    return found


def checked_notes(root: Path, accessories: list[str], condition: str,
                  photo_hashes: list[str]) -> IntakeNotes:
    """The notes of an intake, cleaned, each photo's file checked (its size and type kept)."""
    photos = []
    for sha in clean_photo_hashes(photo_hashes):
        photo = check_photo(root, sha)
        photos.append({"photo_sha256": photo.sha256, "photo_size": photo.size,
                       "photo_type": photo.type})
    return IntakeNotes(clean_accessories(accessories), clean_condition(condition), photos)


def notes_of(payload: dict[str, Any]) -> IntakeNotes:
    """The notes of a `ticket.opened` payload (an older one: none)."""
    return IntakeNotes(
        accessories=[str(a) for a in payload.get("accessories") or []],
        condition=str(payload.get("condition") or ""),
        photos=[dict(p) for p in payload.get("condition_photos") or []])
