"""A printable document as plain data: a list of blocks (no Qt, no I/O, no printer specifics).

The encoder (printing/escpos.py) turns it into ESC/POS bytes for one printer profile; the same
document serialises to JSON (the print queue keeps it so a reprint can be re-encoded with COPY).
`content_sha256()` is the hash a signature is bound to: it covers every block except the copy
mark and the signature itself, so a reprint of a signed document still verifies.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Text:
    text: str
    align: Align = "left"
    bold: bool = False
    double: bool = False  # double width and height
    kind: str = "text"


@dataclass(frozen=True)
class Pair:
    """A label on the left and a value on the right of one line (wraps the label if needed)."""

    left: str
    right: str
    bold: bool = False
    kind: str = "pair"


@dataclass(frozen=True)
class Rule:
    char: str = "-"
    kind: str = "rule"


@dataclass(frozen=True)
class QR:
    data: str
    module: int = 6  # dots per module (native size n, raster scale)
    kind: str = "qr"


@dataclass(frozen=True)
class Image:
    """A PNG (logo or signature), printed 1-bit and scaled to fit `max_width_ratio` of the paper."""

    png_b64: str
    max_width_ratio: float = 0.8
    role: str = "image"  # "signature" is left out of the content hash
    kind: str = "image"

    @classmethod
    def from_png(cls, png: bytes, **kwargs: Any) -> Image:
        return cls(base64.b64encode(png).decode("ascii"), **kwargs)

    def png(self) -> bytes:
        return base64.b64decode(self.png_b64)


@dataclass(frozen=True)
class Sign:
    """Where the signature goes: the captured image when the document has one, else blank space
    to sign on paper; then a line and the label under it."""

    label: str
    kind: str = "sign"


@dataclass(frozen=True)
class Feed:
    lines: int = 1
    kind: str = "feed"


Block = Text | Pair | Rule | QR | Image | Sign | Feed
_KINDS: dict[str, type[Any]] = {"text": Text, "pair": Pair, "rule": Rule, "qr": QR,
                                "image": Image, "sign": Sign, "feed": Feed}


@dataclass(frozen=True)
class Document:
    kind: str  # return_receipt, intake_slip, quote, completion, closure
    ref: str  # receipt / return / ticket / business date the document is about
    blocks: tuple[Block, ...]
    copy: bool = False  # a reprint: printed with a COPY banner
    open_drawer: bool = False
    signature: Image | None = None  # printed above the signature line when present
    meta: dict[str, str] = field(default_factory=dict)

    def as_copy(self) -> Document:
        return replace(self, copy=True, open_drawer=False)

    def with_signature(self, png: bytes) -> Document:
        return replace(self, signature=Image.from_png(png, max_width_ratio=0.6, role="signature"))

    def content(self) -> str:
        """Canonical text of what the document says (what a signature is bound to)."""
        body = {"kind": self.kind, "ref": self.ref, "blocks": [asdict(b) for b in self.blocks]}
        return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def content_sha256(self) -> str:
        return hashlib.sha256(self.content().encode("utf-8")).hexdigest()

    def to_json(self) -> str:
        return json.dumps({
            "kind": self.kind, "ref": self.ref, "copy": self.copy,
            "open_drawer": self.open_drawer, "meta": self.meta,
            "signature": asdict(self.signature) if self.signature else None,
            "blocks": [asdict(b) for b in self.blocks],
        }, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Document:
        d = json.loads(text)
        blocks = tuple(_KINDS[b["kind"]](**b) for b in d["blocks"])
        sig = Image(**d["signature"]) if d.get("signature") else None
        return cls(d["kind"], d["ref"], blocks, copy=d["copy"], open_drawer=d["open_drawer"],
                   signature=sig, meta=d.get("meta", {}))
