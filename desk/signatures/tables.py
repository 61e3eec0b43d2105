"""Tables of signatures: the projection of signature.captured; strokes are canonical JSON, the PNG
is stored as it came in the event (base64 there, bytes here)."""

from __future__ import annotations

from sqlalchemy import Column, Index, LargeBinary, String, Table, Text

from desk.platform.tables import metadata

signatures = Table(
    "signatures",
    metadata,
    Column("signature_id", String(32), primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("store_id", String(32), nullable=False),
    Column("document_kind", String(32), nullable=False),
    Column("document_ref", String(64), nullable=False),
    Column("document_sha256", String(64), nullable=False),
    Column("binding", String(64), nullable=False),
    Column("png_sha256", String(64), nullable=False),
    Column("png", LargeBinary, nullable=False),
    Column("strokes", Text, nullable=False),
    Column("signer", String(64), nullable=False),
    Column("captured_at", String(19), nullable=False),
    Column("captured_by", String(32), nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_signatures_document", "document_kind", "document_ref"),
    Index("ix_signatures_document_sha256", "document_sha256"),
)
