"""The sync transport: the port the sync engine talks through, and its PostgreSQL adapter.

psycopg 3 is used directly (not through SQLAlchemy): a push batch is one `INSERT ... SELECT FROM
unnest(arrays)` statement, which is the fastest way to put rows under row-level security (COPY
FROM is not allowed on tables with RLS). See docs/sync.md for the measured figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from desk.platform.errors import DeskError
from desk.platform.events import GENESIS_HASH, Event

CONNECT_TIMEOUT_S = 5
_SCHEMA = "desk"  # = central.SCHEMA (central imports this module)
_PUSH_LOCK_KEY = 0x6465736B  # = central.PUSH_LOCK_KEY
_COLUMNS = ("event_id", "store_id", "device_id", "device_seq", "hlc", "actor", "kind",
            "entity_id", "payload", "prev_hash", "hash")


@dataclass(frozen=True)
class ServerInfo:
    store_id: str  # the store these credentials speak for ("HQ": head office)
    schema_version: int
    server_ms: int  # the server's clock, to warn about a counter whose clock is off


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
    cursor: int  # the server cursor to keep once these events are applied
    complete: bool  # nothing more after this page (at the time of reading)


class Transport(Protocol):
    """What the sync engine needs from the central server."""

    def hello(self) -> ServerInfo: ...

    def device_state(self, device_id: str) -> tuple[int, str]: ...

    def push(self, device_id: str, store_id: str, events: Sequence[Event]) -> PushAck: ...

    def pull(self, stores: Sequence[str] | None, after: int, limit: int,
             exclude_device: str = "") -> PullPage: ...

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


def connect_pg(url: str, *, timeout_s: int = CONNECT_TIMEOUT_S) -> Any:
    """An autocommit psycopg connection, or a DeskError saying clearly what is wrong."""
    import psycopg

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
    if isinstance(exc, errors.InsufficientPrivilege | errors.UniqueViolation):
        return DeskError("sync.forbidden", reason=_first_line(exc))
    if isinstance(exc, errors.UndefinedTable | errors.InvalidSchemaName | errors.UndefinedFunction):
        return DeskError("sync.central_missing")
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return DeskError("sync.connection_lost", reason=_first_line(exc))
    return DeskError("sync.server_error", reason=_first_line(exc))


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
                "(extract(epoch FROM clock_timestamp()) * 1000)::bigint").fetchone()
        except DeskError:
            raise
        except Exception as exc:
            raise self._fail(exc) from exc
        store_id, version, server_ms = row
        if store_id is None:
            raise DeskError("sync.not_a_store_role")
        return ServerInfo(str(store_id), int(version or 0), int(server_ms))

    def device_state(self, device_id: str) -> tuple[int, str]:
        conn = self.connection()
        try:
            row = conn.execute(
                f"SELECT last_seq, last_hash FROM {_SCHEMA}.devices WHERE device_id = %s",
                (device_id,)).fetchone()
        except Exception as exc:
            raise self._fail(exc) from exc
        return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))

    def push(self, device_id: str, store_id: str, events: Sequence[Event]) -> PushAck:
        """One transaction: skip what the server has, refuse a gap, insert, move last_seq."""
        conn = self.connection()
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PUSH_LOCK_KEY,))
                row = conn.execute(
                    f"SELECT last_seq, last_hash FROM {_SCHEMA}.devices "
                    "WHERE device_id = %s FOR UPDATE", (device_id,)).fetchone()
                if row is None:
                    conn.execute(
                        f"INSERT INTO {_SCHEMA}.devices(device_id, store_id, last_seq, last_hash) "
                        "VALUES (%s, %s, 0, %s)", (device_id, store_id, GENESIS_HASH))
                    last_seq, last_hash = 0, GENESIS_HASH
                else:
                    last_seq, last_hash = int(row[0]), str(row[1])
                new = _check_batch(device_id, store_id, events, last_seq, last_hash)
                if new:
                    conn.execute(
                        f"INSERT INTO {_SCHEMA}.events ({', '.join(_COLUMNS)}) "
                        "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::int[], "
                        "%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], "
                        "%s::text[])",
                        _columns(new))
                    last_seq, last_hash = new[-1].device_seq, new[-1].hash
                    conn.execute(
                        f"UPDATE {_SCHEMA}.devices SET last_seq = %s, last_hash = %s, "
                        "last_push_at = now() WHERE device_id = %s",
                        (last_seq, last_hash, device_id))
                if self.before_commit is not None:
                    self.before_commit()
        except DeskError:
            raise
        except Exception as exc:
            raise self._fail(exc) from exc
        return PushAck(inserted=len(new), skipped=len(events) - len(new), last_seq=last_seq)

    def pull(self, stores: Sequence[str] | None, after: int, limit: int,
             exclude_device: str = "") -> PullPage:
        """Events after `after` in server order (the counter's own left out), and the cursor to
        keep: past its own events too, read in the same snapshot so nothing is skipped."""
        conn = self.connection()
        where = "server_seq > %s AND device_id <> %s"
        params: list[Any] = [after, exclude_device]
        if stores is not None:
            where += " AND store_id = ANY(%s)"
            params.append(list(stores))
        try:
            with conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                rows = conn.execute(
                    f"SELECT server_seq, {', '.join(_COLUMNS)} FROM {_SCHEMA}.events "
                    f"WHERE {where} ORDER BY server_seq LIMIT %s", (*params, limit)).fetchall()
                top = after
                if len(rows) < limit:
                    found = conn.execute(
                        f"SELECT max(server_seq) FROM {_SCHEMA}.events").fetchone()
                    top = int(found[0] or 0) if found else 0
        except Exception as exc:
            raise self._fail(exc) from exc
        import json

        events = [PulledEvent(int(r[0]), Event(
            event_id=r[1], store_id=r[2], device_id=r[3], device_seq=int(r[4]), hlc=r[5],
            actor=r[6], kind=r[7], entity_id=r[8], payload=json.loads(r[9]), prev_hash=r[10],
            hash=r[11])) for r in rows]
        cursor = max([after, top, *(p.server_seq for p in events)])
        return PullPage(events, cursor, complete=len(rows) < limit)


def _check_batch(device_id: str, store_id: str, events: Sequence[Event], last_seq: int,
                 last_hash: str) -> list[Event]:
    """The events the server does not have yet, checked to continue the device's chain."""
    new: list[Event] = []
    expected_seq, prev = last_seq + 1, last_hash
    for e in events:
        if e.device_id != device_id or e.store_id != store_id:
            raise DeskError("sync.forbidden",
                            reason=f"event {e.event_id} is not of device {device_id}")
        if e.device_seq <= last_seq:
            if e.device_seq == last_seq and e.hash != last_hash:
                raise DeskError("sync.diverged", device_id=device_id, device_seq=e.device_seq)
            continue
        if e.device_seq != expected_seq or e.prev_hash != prev:
            raise DeskError("sync.gap", device_id=device_id, expected=expected_seq,
                            got=e.device_seq)
        new.append(e)
        expected_seq, prev = e.device_seq + 1, e.hash
    return new


def _columns(events: Sequence[Event]) -> tuple[list[Any], ...]:
    from desk.platform.events import canonical_json

    return (
        [e.event_id for e in events], [e.store_id for e in events],
        [e.device_id for e in events], [e.device_seq for e in events],
        [e.hlc for e in events], [e.actor for e in events], [e.kind for e in events],
        [e.entity_id for e in events], [canonical_json(e.payload) for e in events],
        [e.prev_hash for e in events], [e.hash for e in events],
    )
