"""The durable print queue: this counter's print jobs in its database (table `print_jobs`).

Qt-free and printer-free: the worker (printing/queue_worker.py) claims jobs here, sends them through
a transport and reports back. Every state change is its own committed transaction (SQLite WAL,
synchronous=FULL), so a job survives a crash or a power cut.

Life of a job:

    queued --claim--> sending --sent--> printed
       ^  \\             |  \\
       |   held          |   failed (retry at next_attempt_ms, exponential backoff) --claim--> ...
       |   (printer      |
       |   can't print)  app died here --> uncertain --(a person)--> printed | queued again
       +-- release ------+

"Never printed twice unless someone asks": the job is marked `sending` and committed *before* its
first byte goes to the printer, and `printed` right after the transport has drained. If the app
dies between the two, nobody knows whether the paper came out: at the next start
`recover_interrupted()` turns such jobs into `uncertain`, which are never sent again
automatically; the clerk looks at the printer and answers "it printed" (-> printed) or "send it
again" (-> queued). A send that fails with an error we saw (port missing, port gone mid-job,
printer not answering, paper out...) is `failed` and retried: at worst a torn partial slip came
out, never a complete second copy. A reprint is always a new job marked as a copy (`is_copy`,
`copy_of`), whose bytes the caller builds with the document's copy mark.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from desk.platform.db import Database
from desk.platform.errors import DeskError
from desk.printjobs import tables as printjobs_t

QUEUED = "queued"
HELD = "held"
SENDING = "sending"
PRINTED = "printed"
FAILED = "failed"
UNCERTAIN = "uncertain"
CANCELLED = "cancelled"

PENDING = (QUEUED, HELD, FAILED, SENDING, UNCERTAIN)  # not finished: counted in the status bar
BACKOFF_BASE_MS = 2_000
BACKOFF_MAX_MS = 300_000


def now_ms() -> int:
    return int(time.time() * 1000)


def backoff_ms(attempts: int) -> int:
    """Wait before attempt `attempts + 1`: 2 s, 4 s, 8 s ... capped at 5 minutes."""
    return int(min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class Job:
    job_id: int
    document_kind: str
    reference: str
    copies: int
    is_copy: bool
    copy_of: int | None
    status: str
    attempts: int
    next_attempt_ms: int
    last_error: str | None
    last_detail: str | None
    created_ms: int
    updated_ms: int
    printed_ms: int | None
    requested_by: str
    data: bytes = b""
    size: int = 0


_INFO_COLUMNS = [c for c in printjobs_t.print_jobs.c if c.name != "data"]


def _job(row: Any, with_data: bool) -> Job:
    m = dict(row._mapping)
    data = m.pop("data", b"") if with_data else b""
    size = m.pop("size", len(data))
    return Job(**m, data=bytes(data), size=int(size))


def enqueue(db: Database, document_kind: str, data: bytes, *, copies: int = 1,
            reference: str = "", requested_by: str = "", is_copy: bool = False,
            copy_of: int | None = None, at_ms: int | None = None) -> int:
    """Add a job; returns its id. The bytes are the finished ESC/POS document (one copy).
    A person's request goes through the QueuePrintJob / ReprintJob commands (audited); this is
    the queue's own primitive."""
    with db.writing() as conn:
        return insert_job(conn, document_kind, data, copies=copies, reference=reference,
                          requested_by=requested_by, is_copy=is_copy, copy_of=copy_of,
                          at_ms=at_ms)


def insert_job(conn: Connection, document_kind: str, data: bytes, *, copies: int = 1,
               reference: str = "", requested_by: str = "", is_copy: bool = False,
               copy_of: int | None = None, at_ms: int | None = None) -> int:
    """enqueue() inside the caller's transaction (a handler's, with its journal fact)."""
    if not data or copies < 1:
        raise DeskError("print.empty_job")
    at = now_ms() if at_ms is None else at_ms
    result = conn.execute(insert(printjobs_t.print_jobs).values(
        document_kind=document_kind, reference=reference, data=bytes(data), copies=copies,
        is_copy=is_copy, copy_of=copy_of, status=QUEUED, attempts=0, next_attempt_ms=at,
        last_error=None, last_detail=None, created_ms=at, updated_ms=at, printed_ms=None,
        requested_by=requested_by,
    ))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def claim_next(db: Database, at_ms: int | None = None) -> Job | None:
    """Atomically take the oldest job that is due and mark it `sending` (committed on return)."""
    at = now_ms() if at_ms is None else at_ms
    j = printjobs_t.print_jobs.c
    with db.writing() as conn:  # BEGIN IMMEDIATE: no other writer between the read and the update
        row = conn.execute(
            select(printjobs_t.print_jobs)
            .where(j.status.in_((QUEUED, FAILED)), j.next_attempt_ms <= at)
            .order_by(j.next_attempt_ms, j.job_id).limit(1)
        ).first()
        if row is None:
            return None
        conn.execute(update(printjobs_t.print_jobs).where(j.job_id == row.job_id).values(
            status=SENDING, attempts=row.attempts + 1, updated_ms=at))
        job = _job(row, with_data=True)
    return _replace(job, status=SENDING, attempts=job.attempts + 1, updated_ms=at)


def _replace(job: Job, **changes: Any) -> Job:
    from dataclasses import replace

    return replace(job, **changes)


def _set(db: Database, job_id: int, expect: tuple[str, ...], **values: Any) -> None:
    with db.writing() as conn:
        set_status(conn, job_id, expect, **values)


def set_status(conn: Connection, job_id: int, expect: tuple[str, ...], **values: Any) -> str:
    """Change a job that is in one of the states `expect`, inside the caller's transaction;
    returns the state it was in."""
    j = printjobs_t.print_jobs.c
    row = conn.execute(select(j.status).where(j.job_id == job_id)).first()
    if row is None:
        raise DeskError("print.unknown_job", job_id=job_id)
    if row.status not in expect:
        raise DeskError("print.bad_state", job_id=job_id, status=row.status)
    conn.execute(update(printjobs_t.print_jobs).where(j.job_id == job_id).values(**values))
    return str(row.status)


def mark_printed(db: Database, job_id: int, at_ms: int | None = None) -> None:
    at = now_ms() if at_ms is None else at_ms
    _set(db, job_id, (SENDING, UNCERTAIN), status=PRINTED, printed_ms=at, updated_ms=at,
         last_error=None, last_detail=None)


def mark_failed(db: Database, job_id: int, code: str, detail: str = "",
                at_ms: int | None = None) -> int:
    """The send failed with a known error: retry later. Returns when (ms) it will be tried again."""
    at = now_ms() if at_ms is None else at_ms
    j = printjobs_t.print_jobs.c
    with db.writing() as conn:
        row = conn.execute(select(j.attempts, j.status).where(j.job_id == job_id)).first()
        if row is None:
            raise DeskError("print.unknown_job", job_id=job_id)
        if row.status != SENDING:
            raise DeskError("print.bad_state", job_id=job_id, status=row.status)
        due = at + backoff_ms(row.attempts)
        conn.execute(update(printjobs_t.print_jobs).where(j.job_id == job_id).values(
            status=FAILED, next_attempt_ms=due, last_error=code[:64], last_detail=detail,
            updated_ms=at))
    return due


def hold(db: Database, code: str, detail: str = "", at_ms: int | None = None) -> int:
    """The printer cannot print (paper out, cover open, offline, not answering): hold every waiting
    job with the reason, without counting an attempt. Returns how many jobs are held."""
    at = now_ms() if at_ms is None else at_ms
    j = printjobs_t.print_jobs.c
    with db.writing() as conn:
        result = conn.execute(
            update(printjobs_t.print_jobs)
            .where(j.status.in_((QUEUED, FAILED, HELD)))
            .values(status=HELD, last_error=code[:64], last_detail=detail, updated_ms=at)
        )
        return int(result.rowcount)


def release(db: Database, at_ms: int | None = None) -> int:
    """The printer can print again: held jobs are due now."""
    at = now_ms() if at_ms is None else at_ms
    j = printjobs_t.print_jobs.c
    with db.writing() as conn:
        result = conn.execute(
            update(printjobs_t.print_jobs)
            .where(j.status == HELD)
            .values(status=QUEUED, next_attempt_ms=at, updated_ms=at)
        )
        return int(result.rowcount)


def recover_interrupted(db: Database, at_ms: int | None = None) -> list[int]:
    """At start-up, before the worker runs: jobs left `sending` by a crash become `uncertain`."""
    at = now_ms() if at_ms is None else at_ms
    j = printjobs_t.print_jobs.c
    with db.writing() as conn:
        ids = [r.job_id for r in conn.execute(select(j.job_id).where(j.status == SENDING))]
        if ids:
            conn.execute(
                update(printjobs_t.print_jobs)
                .where(j.job_id.in_(ids))
                .values(
                    status=UNCERTAIN,
                    last_error="print.interrupted",
                    last_detail="the app stopped while this job was being sent",
                    updated_ms=at,
                )
            )
    return ids


def resolve_uncertain(db: Database, job_id: int, printed: bool, at_ms: int | None = None) -> None:
    """A person looked at the printer: it printed (-> printed) or it did not (-> sent again)."""
    with db.writing() as conn:
        settle(conn, job_id, printed, at_ms)


def settle(conn: Connection, job_id: int, printed: bool, at_ms: int | None = None) -> None:
    """resolve_uncertain() inside the caller's transaction (the SettlePrintJob handler's)."""
    at = now_ms() if at_ms is None else at_ms
    if printed:
        set_status(conn, job_id, (UNCERTAIN,), status=PRINTED, printed_ms=at, updated_ms=at)
    else:
        set_status(conn, job_id, (UNCERTAIN,), status=QUEUED, next_attempt_ms=at, updated_ms=at)


CANCELLABLE = (QUEUED, HELD, FAILED, UNCERTAIN)


def cancel(db: Database, job_id: int, at_ms: int | None = None) -> None:
    at = now_ms() if at_ms is None else at_ms
    _set(db, job_id, CANCELLABLE, status=CANCELLED, updated_ms=at)


def reprint(
    db: Database, job_id: int, data: bytes, *, requested_by: str = "", at_ms: int | None = None
) -> int:
    """A new job for a copy of `job_id`; `data` is the document rebuilt with its copy mark."""
    original = get(db, job_id)
    return enqueue(
        db,
        original.document_kind,
        data,
        copies=1,
        reference=original.reference,
        requested_by=requested_by,
        is_copy=True,
        copy_of=job_id,
        at_ms=at_ms,
    )


def get(db: Database, job_id: int, with_data: bool = True) -> Job:
    with db.engine.connect() as conn:
        return get_on(conn, job_id, with_data)


def get_on(conn: Connection, job_id: int, with_data: bool = True) -> Job:
    cols = list(printjobs_t.print_jobs.c) if with_data else _INFO_COLUMNS
    row = conn.execute(select(*cols).where(printjobs_t.print_jobs.c.job_id == job_id)).first()
    if row is None:
        raise DeskError("print.unknown_job", job_id=job_id)
    return _job(row, with_data)


def history(db: Database, limit: int = 50, reference: str | None = None) -> list[Job]:
    """Newest first, without the bytes (their size is given)."""
    j = printjobs_t.print_jobs.c
    query = select(*_INFO_COLUMNS, func.length(j.data).label("size"))
    if reference:
        query = query.where(j.reference == reference)
    with db.engine.connect() as conn:
        rows = conn.execute(query.order_by(j.job_id.desc()).limit(limit)).all()
    return [_job(r, with_data=False) for r in rows]


def pending_count(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(printjobs_t.print_jobs)
                .where(printjobs_t.print_jobs.c.status.in_(PENDING))
            ).scalar()
            or 0
        )


def counts(db: Database) -> dict[str, int]:
    j = printjobs_t.print_jobs.c
    with db.engine.connect() as conn:
        return {
            r.status: int(r.n)
            for r in conn.execute(select(j.status, func.count().label("n")).group_by(j.status))
        }
