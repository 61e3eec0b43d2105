"""Signature commands (issue 3): the customer's signature captured on the pad for one document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class CaptureSignature(Command):
    """A signature for one document. `document_sha256` is the SHA-256 (hex) of the content it signs
    (printing.model.Document.content_sha256()); strokes are `[[x, y, t_ms, pressure_0_1000], ...]`
    per stroke in pad pixels (what ui/signatures/pad gives); `png_base64` is the pad's PNG
    (at most 256 KiB)."""

    name: ClassVar[str] = "capture_signature"
    # Backstops: the signature rules refuse a PNG over 256 KiB, more than 300 strokes or
    # 20 000 points first, with their own code (signature.too_large)
    limits: ClassVar[Mapping[str, int]] = {"png_base64": 1_000_000, "strokes": 100_000}
    document_kind: str  # return_receipt, intake_slip, quote, completion, compensation, ...
    document_ref: str  # the receipt number, ticket code or case id the document belongs to
    document_sha256: str
    png_base64: str
    strokes: list[list[list[int]]] = field(default_factory=list)
    signer: str = "customer"


@dataclass(frozen=True)
class SignatureCaptured:
    signature_id: str
    binding: str
    document_sha256: str
    png_sha256: str
