"""Signatures: the customer's strokes and their PNG, bound to the SHA-256 of the document they sign.

A point is `[x, y, t_ms, pressure]`: pad pixels, milliseconds since the first touch, pressure
0..1000 (1000 when the device gives none: a mouse, most touch screens). A stroke is a list of
points, a signature a list of strokes; this is exactly what ui/signatures/pad.py gives.

Binding. `binding = sha256(document_sha256 | sha256(canonical strokes) | sha256(png))` and the
signature's id is derived from it. Every use of a stored signature goes through `verify()`, which
recomputes the binding from the stored strokes and PNG and compares it with the document about to
be printed: a signature copied onto another document, or whose strokes, image or document hash
were edited in the database, is refused (`signature.other_document`, `signature.tampered`). The
journal's hash chain makes the original event tamper-evident as well.

A scribble with fewer than MIN_POINTS points, less than MIN_INK pixels of ink or narrower than
MIN_EXTENT pixels is not a signature (`signature.too_little`); no ink at all is `signature.empty`.
Pure Python: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from desk.platform.errors import DeskError
from desk.platform.events import canonical_json

Point = list[int]  # [x, y, t_ms, pressure 0..1000]
Stroke = list[Point]

MIN_POINTS = 12  # fewer points than this is a tap or a slip, not a signature
MIN_INK = 120.0  # total stroke length, pad pixels
MIN_EXTENT = 60.0  # the larger side of the bounding box, pad pixels
MAX_POINTS = 20_000
MAX_STROKES = 300
MAX_COORD = 100_000
MAX_PNG_BYTES = 256 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_HEX64 = re.compile(r"[0-9a-f]{64}")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_sha256(content: str | bytes) -> str:
    """The hash a signature is bound to (printing.model.Document.content_sha256() gives it for a
    printed document; any other document may hash its canonical content with this)."""
    return sha256_hex(content.encode("utf-8") if isinstance(content, str) else content)


def content_sha256(content: Any) -> str:
    """The hash of a document the core builds: the SHA-256 of its canonical JSON."""
    return document_sha256(canonical_json(content))


def check_sha256(value: str, field: str = "document_sha256") -> str:
    text = (value or "").strip().lower()
    if not _HEX64.fullmatch(text):
        raise DeskError("signature.bad_hash", field=field)
    return text


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DeskError("signature.bad_strokes")
    if not math.isfinite(value):
        raise DeskError("signature.bad_strokes")
    return float(value)


def check_strokes(strokes: Sequence[Sequence[Sequence[Any]]]) -> list[Stroke]:
    """Validate and normalise strokes to integers; refuse empty and near-empty scribbles."""
    if not isinstance(strokes, Sequence) or isinstance(strokes, str | bytes):
        raise DeskError("signature.bad_strokes")
    clean: list[Stroke] = []
    total = 0
    for stroke in strokes:
        if not isinstance(stroke, Sequence) or isinstance(stroke, str | bytes):
            raise DeskError("signature.bad_strokes")
        points: Stroke = []
        for point in stroke:
            if not isinstance(point, Sequence) or isinstance(point, str | bytes) \
                    or len(point) not in (2, 3, 4):
                raise DeskError("signature.bad_strokes")
            x, y = _number(point[0]), _number(point[1])
            t_ms = _number(point[2]) if len(point) > 2 else 0.0
            pressure = _number(point[3]) if len(point) > 3 else 1000.0
            if abs(x) > MAX_COORD or abs(y) > MAX_COORD or t_ms < 0 or t_ms > 3_600_000:
                raise DeskError("signature.bad_strokes")
            points.append([round(x), round(y), round(t_ms), round(min(1000.0, max(0.0, pressure)))])
        total += len(points)
        if total > MAX_POINTS:
            raise DeskError("signature.too_large", what="points", limit=MAX_POINTS)
        if points:
            clean.append(points)
    if len(clean) > MAX_STROKES:
        raise DeskError("signature.too_large", what="strokes", limit=MAX_STROKES)
    if not clean:
        raise DeskError("signature.empty")
    if total < MIN_POINTS or ink_length(clean) < MIN_INK or extent(clean) < MIN_EXTENT:
        raise DeskError("signature.too_little")
    return clean


def ink_length(strokes: Sequence[Sequence[Sequence[float]]]) -> float:
    return sum(math.dist(a[:2], b[:2]) for s in strokes for a, b in pairwise(s))


def extent(strokes: Sequence[Sequence[Sequence[float]]]) -> float:
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    if not xs:
        return 0.0
    return float(max(max(xs) - min(xs), max(ys) - min(ys)))


def check_png(png: bytes) -> tuple[int, int]:
    """A PNG with a sane header; returns (width, height)."""
    if len(png) > MAX_PNG_BYTES:
        raise DeskError("signature.too_large", what="image bytes", limit=MAX_PNG_BYTES)
    if len(png) < 33 or not png.startswith(PNG_MAGIC) or png[12:16] != b"IHDR":
        raise DeskError("signature.bad_png")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    if not (0 < width <= 8192 and 0 < height <= 8192):
        raise DeskError("signature.bad_png")
    return width, height


def decode_png(png_b64: str) -> bytes:
    try:
        png = base64.b64decode(png_b64.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise DeskError("signature.bad_png") from None
    check_png(png)
    return png


def strokes_sha256(strokes: list[Stroke]) -> str:
    return sha256_hex(canonical_json(strokes).encode("utf-8"))


def binding_of(doc_sha256: str, strokes: list[Stroke], png_sha256: str) -> str:
    return sha256_hex(f"{doc_sha256}|{strokes_sha256(strokes)}|{png_sha256}".encode("ascii"))


def signature_id_of(binding: str) -> str:
    return "SG" + binding[:30]


@dataclass(frozen=True)
class Signature:
    signature_id: str
    document_sha256: str
    binding: str
    png_sha256: str
    strokes: list[Stroke]
    png: bytes


def sign(doc_sha256: str, strokes: Sequence[Sequence[Sequence[Any]]], png: bytes) -> Signature:
    """Check the ink and the image and bind them to the document's hash."""
    doc = check_sha256(doc_sha256)
    clean = check_strokes(strokes)
    check_png(png)
    png_sha = sha256_hex(png)
    binding = binding_of(doc, clean, png_sha)
    return Signature(signature_id_of(binding), doc, binding, png_sha, clean, png)


def verify(signature: Signature, doc_sha256: str) -> None:
    """Raise unless `signature` is intact and was given for the document whose hash is
    `doc_sha256` (the document about to be printed or shown with it)."""
    png_sha = sha256_hex(signature.png)
    expected = binding_of(signature.document_sha256, signature.strokes, png_sha)
    if png_sha != signature.png_sha256 or expected != signature.binding \
            or signature_id_of(expected) != signature.signature_id:
        raise DeskError("signature.tampered", signature_id=signature.signature_id)
    if signature.document_sha256 != check_sha256(doc_sha256):
        raise DeskError("signature.other_document", signature_id=signature.signature_id)
