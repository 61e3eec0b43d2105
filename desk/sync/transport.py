"""The sync transport: the port the sync engine talks through, and its PostgreSQL adapter.

psycopg 3 is used directly (not through SQLAlchemy): a push batch is one call of the server
function `desk.push_events` with one array per column (desk/sync/push_sql.py checks and inserts
them set-wise). See docs/sync.md for the measured figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from desk.platform.errors import DeskError
from desk.platform.events import GENESIS_HASH, Event, canonical_json
from desk.sync.blob_sql import ERRORS as BLOB_ERRORS
from desk.sync.push_sql import ERRORS as PUSH_ERRORS

CONNECT_TIMEOUT_S = 5
_SCHEMA = "desk"  # = central.SCHEMA (central imports this module)
_COLUMNS = ("event_id", "store_id", "device_id", "device_seq", "hlc", "actor", "kind",
            "entity_id", "payload", "prev_hash", "hash")


@dataclass(frozen=True)
class ServerInfo:
    store_id: str  # the store these credentials speak for ("HQ": head office)
    schema_version: int
    server_ms: int  # the server's clock, to warn about a counter whose clock is off
    central_id: str = ""  # the central database's identity (a UUID made by `central init`)


@dataclass(frozen=True)
class PushBatch:
    """One device's events as `desk.push_events` takes them: a list per column, the payloads as
    their canonical JSON text. A counter pushing its journal hands the rows as they are stored
    (`outgoing_batch`), without decoding each payload and spelling it again."""

    event_ids: list[str]
    store_ids: list[str]
    device_seqs: list[int]
    hlcs: list[str]
    actors: list[str]
    kinds: list[str]
    entity_ids: list[str]
    payloads: list[str]
    prev_hashes: list[str]
    hashes: list[str]

    @classmethod
    def of(cls, events: Sequence[Event]) -> PushBatch:
        return cls(
            [e.event_id for e in events], [e.store_id for e in events],
            [e.device_seq for e in events], [e.hlc for e in events],
            [e.actor for e in events], [e.kind for e in events], [e.entity_id for e in events],
            [canonical_json(e.payload) for e in events], [e.prev_hash for e in events],
            [e.hash for e in events])

    def __len__(self) -> int:
        return len(self.event_ids)

    def arguments(self, device_id: str) -> tuple[Any, ...]:
        """The parameters of PUSH_SQL."""
        return (device_id, self.event_ids, self.store_ids, self.device_seqs, self.hlcs,
                self.actors, self.kinds, self.entity_ids, self.payloads, self.prev_hashes,
                self.hashes)


@dataclass(frozen=True)
class PushAck:
    inserted: int
    skipped: int  # already on the server (a retry)
    last_seq: int  # the device's last sequence the server now holds


@dataclass(frozen=True)
class PulledEvent:
    server_seq: int
    event: Event


@dataclass(frozen=True)
class PullPage:
    events: list[PulledEvent]
    cursor: dict[str, int]  # per store: the number to keep once these events are applied
    complete: bool  # nothing more after this page (at the time of reading)


class Transport(Protocol):
    """What the sync engine needs from the central server."""

    def hello(self) -> ServerInfo: ...

    def device_state(self, device_id: str) -> tuple[int, str]: ...

    def push(self, device_id: str, store_id: str, events: Sequence[Event] | PushBatch
             ) -> PushAck: ...

    def pull(self, stores: Sequence[str] | None, after: Mapping[str, int], limit: int,
             exclude_device: str = "") -> PullPage: ...

    def missing_blobs(self, hashes: Sequence[str]) -> list[str]: ...

    def put_blob(self, sha256: str, kind: str, data: bytes) -> bool: ...

    def get_blob(self, sha256: str) -> tuple[str, bytes] | None: ...

    def close(self) -> None: ...


def normalise_url(url: str) -> str:
    """Accept postgresql://, postgres:// and SQLAlchemy's postgresql+psycopg:// spellings."""
    text = (url or "").strip()
    if not text:
        raise DeskError("sync.not_configured")
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise DeskError("sync.bad_url", url=redact(text), reason=str(exc)) from None
    scheme = parts.scheme.lower()
    if scheme in ("postgresql+psycopg", "postgresql+psycopg2"):
        text = "postgresql" + text[len(parts.scheme):]
    elif scheme not in ("postgresql", "postgres"):
        raise DeskError("sync.bad_url", url=redact(text),
                        reason="it must start with postgresql://")
    if not parts.hostname and "host=" not in parts.query:
        raise DeskError("sync.bad_url", url=redact(text), reason="no host")
    return text


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "<unparseable URL>"
    if password is None:
        return url
    netloc = parts.netloc.replace(f":{password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def require_driver() -> None:
    """`sync.driver_missing` when psycopg (the optional `central` extra) is not installed."""
    from importlib.util import find_spec

    if find_spec("psycopg") is None:
        raise DeskError("sync.driver_missing")


def connect_pg(url: str, *, timeout_s: int = CONNECT_TIMEOUT_S) -> Any:
    """An autocommit psycopg connection, or a DeskError saying clearly what is wrong."""
    try:
        import psycopg
    except ImportError:  # the `central` extra is optional: only sync needs it
        raise DeskError("sync.driver_missing") from None

    conninfo = normalise_url(url)
    try:
        return psycopg.connect(conninfo, autocommit=True, connect_timeout=timeout_s,
                               application_name="service-desk-sync", keepalives=1,
                               keepalives_idle=30, keepalives_interval=10, keepalives_count=3)
    except psycopg.ProgrammingError as exc:
        raise DeskError("sync.bad_url", url=redact(url), reason=_first_line(exc)) from None
    except psycopg.OperationalError as exc:
        raise _connect_error(exc, url) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[-1] if text else type(exc).__name__


def _connect_error(exc: BaseException, url: str) -> DeskError:
    message = str(exc)
    low = message.lower()
    if "password authentication failed" in low or "no password supplied" in low \
            or ("role" in low and "does not exist" in low):
        return DeskError("sync.auth_failed", url=redact(url))
    if "database" in low and "does not exist" in low:
        return DeskError("sync.no_database", url=redact(url))
    if "ssl" in low or "certificate" in low:
        return DeskError("sync.tls_failed", url=redact(url), reason=_first_line(exc))
    return DeskError("sync.unreachable", url=redact(url), reason=_first_line(exc))


def translate_pg_error(exc: BaseException) -> DeskError:
    """A psycopg error after connecting, as a DeskError code."""
    import psycopg
    from psycopg import errors

    if isinstance(exc, DeskError):
        return exc
    sqlstate = getattr(exc, "sqlstate", None)
    if sqlstate in PUSH_ERRORS:
        return _push_error(PUSH_ERRORS[sqlstate], exc)
    if sqlstate in BLOB_ERRORS:
        return _push_error(BLOB_ERRORS[sqlstate], exc)
    if isinstance(exc, errors.InsufficientPrivilege | errors.UniqueViolation):
        return DeskError("sync.forbidden", reason=_first_line(exc))
    if isinstance(exc, errors.UndefinedTable | errors.InvalidSchemaName | errors.UndefinedFunction):
        return DeskError("sync.central_missing")
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return DeskError("sync.connection_lost", reason=_first_line(exc))
    return DeskError("sync.server_error", reason=_first_line(exc))


def _push_error(code: str, exc: Any) -> DeskError:
    """A refusal of desk.push_events: its facts travel as JSON in the error's DETAIL."""
    try:
        params = json.loads(exc.diag.message_detail or "{}")
    except (ValueError, AttributeError):
        params = {}
    params.setdefault("device_id", "")
    params.setdefault("device_seq", 0)
    return DeskError(code, **params)


class PgTransport:
    """One connection to the central server, opened on first use and re-opened after a drop."""

    def __init__(self, url: str, *, timeout_s: int = CONNECT_TIMEOUT_S) -> None:
        self.url = normalise_url(url)
        self.timeout_s = timeout_s
        self._conn: Any = None
        # Test seam for fault injection against the real server: called inside the push
        # transaction, after the insert and before COMMIT.
        self.before_commit: Callable[[], None] | None = None

    # --- connection ---------------------------------------------------------------------------
    def connection(self) -> Any:
        if self._conn is None or self._conn.closed:
            self._conn = connect_pg(self.url, timeout_s=self.timeout_s)
        return self._conn

    def backend_pid(self) -> int:
        return int(self.connection().info.backend_pid)

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def _fail(self, exc: BaseException) -> DeskError:
        import psycopg

        if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
            self.close()  # the next call opens a fresh connection
        return translate_pg_error(exc)

    # --- the port -----------------------------------------------------------------------------
    def hello(self) -> ServerInfo:
        """The first call of a round. A connection that died since the last round (server
        restarted, network changed) is replaced once, here, before anything is written."""
        import psycopg

        try:
            return self._hello()
        except DeskError as err:
            if err.code != "sync.connection_lost":
                raise
        except psycopg.Error:
            pass
        self.close()
        return self._hello()

    def _hello(self) -> ServerInfo:
        conn = self.connection()
        try:
            meta = conn.execute("SELECT to_regclass(%s)", (f"{_SCHEMA}.meta",)).fetchone()
            if meta is None or meta[0] is None:
                raise DeskError("sync.central_missing")
            row = conn.execute(
                f"SELECT {_SCHEMA}.current_store(), "
                f"(SELECT value FROM {_SCHEMA}.meta WHERE key = 'schema_version'), "
                "(extract(epoch FROM clock_timestamp()) * 1000)::bigint, "
                f"(SELECT value FROM {_SCHEMA}.meta WHERE key = 'central_id')").fetchone()
        except DeskError:
            raise
        except Exception as exc:
            raise self._fail(exc) from exc
        store_id, version, server_ms, central_id = row
        if store_id is None:
            raise DeskError("sync.not_a_store_role")
        return ServerInfo(str(store_id), int(version or 0), int(server_ms), str(central_id or ""))

    def device_state(self, device_id: str) -> tuple[int, str]:
        conn = self.connection()
        try:
            row = conn.execute(
                f"SELECT last_seq, last_hash FROM {_SCHEMA}.devices WHERE device_id = %s",
                (device_id,)).fetchone()
        except Exception as exc:
            raise self._fail(exc) from exc
        return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))

    def push(self, device_id: str, store_id: str, events: Sequence[Event] | PushBatch
             ) -> PushAck:
        """One transaction, one call of desk.push_events: the server skips what it has, refuses
        a gap, a broken link, a wrong hash or another store's device, inserts, moves last_seq.
        `store_id` is what this counter believes; the server uses the credentials' store."""
        conn = self.connection()
        args = push_arguments(device_id, events)
        try:
            if self.before_commit is None:  # one statement, its own transaction: one round trip
                row = conn.execute(PUSH_SQL, args).fetchone()
            else:
                with conn.transaction():
                    row = conn.execute(PUSH_SQL, args).fetchone()
                    self.before_commit()
        except DeskError:
            raise
        except Exception as exc:
            raise self._fail(exc) from exc
        inserted, skipped, last_seq = row
        return PushAck(inserted=int(inserted), skipped=int(skipped), last_seq=int(last_seq))

    def pull(self, stores: Sequence[str] | None, after: Mapping[str, int], limit: int,
             exclude_device: str = "") -> PullPage:
        """Events after the cursor of each store (`stores`; None: every store the credentials
        may read), in each store's order, the counter's own left out; and the cursors to keep:
        past its own events too, read in the same snapshot so nothing is skipped."""
        conn = self.connection()
        cursor = {s: int(n) for s, n in after.items()}
        wanted = None if stores is None else list(stores)
        try:  # one statement: one snapshot for the tops and the events, one round trip
            found = conn.execute(PULL_SQL, (list(cursor), list(cursor.values()), wanted, wanted,
                                             exclude_device, limit)).fetchall()
        except Exception as exc:
            raise self._fail(exc) from exc
        rows: list[Any] = []
        for store, top, start, page in _by_store(found):
            if top <= start:
                continue
            room = limit - len(rows)
            page = page[:room]
            rows += page
            if len(page) < room:
                cursor[store] = int(top)
            else:
                cursor[store] = int(page[-1][0])
                break
        events = [PulledEvent(int(r[0]), Event(
            event_id=r[1], store_id=r[2], device_id=r[3], device_seq=int(r[4]), hlc=r[5],
            actor=r[6], kind=r[7], entity_id=r[8], payload=json.loads(r[9]), prev_hash=r[10],
            hash=r[11])) for r in rows]
        return PullPage(events, cursor, complete=len(rows) < limit)

    # --- evidence photos (desk/sync/blob_sql.py) --------------------------------------------
    def missing_blobs(self, hashes: Sequence[str]) -> list[str]:
        """Of `hashes`, those this store has not handed in yet (in the order given)."""
        conn = self.connection()
        try:
            rows = conn.execute(MISSING_SQL, (list(hashes),)).fetchall()
        except Exception as exc:
            raise self._fail(exc) from exc
        return [str(r[0]) for r in rows]

    def put_blob(self, sha256: str, kind: str, data: bytes) -> bool:
        """Hand in one photo (the server re-hashes it); True when its bytes were new there."""
        conn = self.connection()
        try:
            row = conn.execute(f"SELECT {_SCHEMA}.put_blob(%s, %s, %s)",
                               (sha256, kind, data)).fetchone()
        except Exception as exc:
            raise self._fail(exc) from exc
        return bool(row[0])

    def get_blob(self, sha256: str) -> tuple[str, bytes] | None:
        """(type, bytes) of a photo this store may read, or None (absent or not readable).
        Not checked here: the caller re-hashes before keeping it."""
        conn = self.connection()
        try:
            row = conn.execute(f"SELECT type, data FROM {_SCHEMA}.blobs WHERE sha256 = %s",
                               (sha256,)).fetchone()
        except Exception as exc:
            raise self._fail(exc) from exc
        return None if row is None else (str(row[0]), bytes(row[1]))


# %b: the arrays go in binary format — the text format escapes every element with a regular
# expression (measured: 1.7 s of the client's CPU for 10 000 events, most of a push).
PUSH_SQL = (f"SELECT * FROM {_SCHEMA}.push_events(%s, %b::text[], %b::text[], %b::int[], "
             "%b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[])")

# Each wanted store's top and up to `limit` of its events after the cursor (the counter's own
# left out), in store order then number order; the caller fills the page store by store.
PULL_SQL = f"""
WITH cur AS (
    SELECT c.store_id, c.after FROM unnest(%s::text[], %s::bigint[]) AS c(store_id, after)),
tops AS MATERIALIZED (  -- `after` a plain column: `store_seq > after` stays an index condition
    SELECT q.store_id, q.last_seq, coalesce(cur.after, 0) AS after
    FROM {_SCHEMA}.store_seq q LEFT JOIN cur ON cur.store_id = q.store_id
    WHERE %s::text[] IS NULL OR q.store_id = ANY(%s::text[]))
SELECT t.store_id, t.last_seq, t.after, e.store_seq, {', '.join('e.' + c for c in _COLUMNS)}
FROM tops t LEFT JOIN LATERAL (
    SELECT * FROM {_SCHEMA}.events x
    WHERE x.store_id = t.store_id AND x.store_seq > t.after AND t.last_seq > t.after
      AND x.device_id <> %s
    ORDER BY x.store_seq LIMIT %s) AS e ON true
ORDER BY t.store_id, e.store_seq"""


MISSING_SQL = f"""
SELECT h.sha256 FROM unnest(%s::text[]) WITH ORDINALITY AS h(sha256, n)
WHERE NOT EXISTS (SELECT 1 FROM {_SCHEMA}.blob_stores l
                  WHERE l.sha256 = h.sha256 AND l.store_id = {_SCHEMA}.current_store())
ORDER BY h.n"""


def _by_store(found: list[Any]) -> list[tuple[str, int, int, list[Any]]]:
    """Rows of PULL_SQL grouped: (store, top, cursor, [(store_seq, *columns)…])."""
    groups: list[tuple[str, int, int, list[Any]]] = []
    for row in found:
        if not groups or groups[-1][0] != row[0]:
            groups.append((row[0], int(row[1]), int(row[2]), []))
        if row[3] is not None:
            groups[-1][3].append(row[3:])
    return groups


def push_arguments(device_id: str, events: Sequence[Event] | PushBatch) -> tuple[Any, ...]:
    """The parameters of PUSH_SQL for one device's batch."""
    batch = events if isinstance(events, PushBatch) else PushBatch.of(events)
    return batch.arguments(device_id)
