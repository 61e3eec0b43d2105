"""This counter's own durable print queue: local state, never rebuilt from the journal. status:
queued, held, sending, printed, failed (retrying at next_attempt_ms), uncertain (the app died
while sending: a person decides), cancelled."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, LargeBinary, String, Table, Text

from desk.platform.tables import metadata

print_jobs = Table(
    "print_jobs",
    metadata,
    Column("job_id", Integer, primary_key=True, autoincrement=True),
    Column("document_kind", String(32), nullable=False),
    Column("reference", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("copies", Integer, nullable=False),
    Column("is_copy", Boolean, nullable=False),
    Column("copy_of", Integer, nullable=True),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_ms", Integer, nullable=False),
    Column("last_error", String(64), nullable=True),
    Column("last_detail", Text, nullable=True),
    Column("created_ms", Integer, nullable=False),
    Column("updated_ms", Integer, nullable=False),
    Column("printed_ms", Integer, nullable=True),
    Column("requested_by", String(32), nullable=False),
    Index("ix_print_jobs_status_next", "status", "next_attempt_ms"),
    Index("ix_print_jobs_reference", "reference"),
)
