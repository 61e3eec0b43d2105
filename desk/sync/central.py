"""The central PostgreSQL schema: one `desk` schema for the whole chain, stores kept apart by
row-level security.

- `desk.events`: every journal event of every counter, exactly once, numbered per store by
  `store_seq` (the pull cursor of that store). Unique (device_id, device_seq), event_id and
  (store_id, store_seq). `server_seq` is only a row id.
- `desk.store_seq`: each store's last number (its row is locked by a push until commit).
- `desk.devices`: each counter's store, last accepted sequence and hash.
- `desk.store_roles`: which database role speaks for which store ("HQ" is head office).
- `desk.blobs`, `desk.blob_stores`: evidence photos by SHA-256 (desk/sync/blob_sql.py).
- `desk.meta`: the schema version and the database's identity (`central_id`, a UUID).

Every store has its own login role (`desk_store_<id>`), a member of the group role `desk_store`.
Store roles only read (their own rows plus head office's; head office reads all) and push through
`desk.push_events` (desk/sync/push_sql.py) and hand in photos through `desk.put_blob`: no INSERT
or UPDATE on any table.

`init_central(url)` creates or upgrades all of it and can run any number of times.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desk.platform.errors import DeskError
from desk.platform.roles import HEAD_OFFICE
from desk.sync import blob_sql
from desk.sync.push_sql import (
    CANONICAL_BATCH_FUNCTION,
    CANONICAL_FAST_FUNCTION,
    CANONICAL_FUNCTION,
    PUSH_FUNCTION,
    SIGNATURE,
)
from desk.sync.transport import connect_pg, translate_pg_error

SCHEMA = "desk"
SCHEMA_VERSION = 3  # 3: evidence photos as blobs (desk/sync/blob_sql.py)
HQ_STORE = HEAD_OFFICE
STORE_GROUP = "desk_store"
INIT_LOCK_KEY = 0x6465736C  # two `init`s at once must not interleave their DDL

_TABLES: list[str] = [
    f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.meta (
        key text PRIMARY KEY,
        value text NOT NULL)""",
    f"""INSERT INTO {SCHEMA}.meta (key, value) VALUES ('central_id', gen_random_uuid()::text)
        ON CONFLICT (key) DO NOTHING""",
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.store_roles (
        role_name text PRIMARY KEY,
        store_id text NOT NULL UNIQUE)""",
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.events (
        server_seq bigserial PRIMARY KEY,
        store_seq bigint NOT NULL,
        event_id text NOT NULL UNIQUE,
        store_id text NOT NULL,
        device_id text NOT NULL,
        device_seq integer NOT NULL,
        hlc text NOT NULL,
        actor text NOT NULL,
        kind text NOT NULL,
        entity_id text NOT NULL,
        payload text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_events_device_seq UNIQUE (device_id, device_seq))""",
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.devices (
        device_id text PRIMARY KEY,
        store_id text NOT NULL,
        last_seq integer NOT NULL DEFAULT 0,
        last_hash text NOT NULL,
        last_push_at timestamptz NOT NULL DEFAULT now())""",
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.store_seq (
        store_id text PRIMARY KEY,
        last_seq bigint NOT NULL)""",
]

# Schema 1 -> 2: events numbered per store (in their old global order), counters per store.
_UPGRADE_1: list[str] = [
    f"ALTER TABLE {SCHEMA}.events ADD COLUMN IF NOT EXISTS store_seq bigint",
    f"""UPDATE {SCHEMA}.events e SET store_seq = r.n
        FROM (SELECT server_seq,
                     row_number() OVER (PARTITION BY store_id ORDER BY server_seq) AS n
              FROM {SCHEMA}.events) r
        WHERE e.server_seq = r.server_seq AND e.store_seq IS NULL""",
    f"ALTER TABLE {SCHEMA}.events ALTER COLUMN store_seq SET NOT NULL",
    f"DROP INDEX IF EXISTS {SCHEMA}.ix_events_store_seq",
    f"""INSERT INTO {SCHEMA}.store_seq (store_id, last_seq)
        SELECT store_id, max(store_seq) FROM {SCHEMA}.events GROUP BY store_id
        ON CONFLICT (store_id) DO UPDATE SET last_seq = greatest({SCHEMA}.store_seq.last_seq,
                                                                 excluded.last_seq)""",
]

_ACCESS: list[str] = [
    f"""CREATE UNIQUE INDEX IF NOT EXISTS uq_events_store_order
        ON {SCHEMA}.events (store_id, store_seq)""",
    # Which store the connected role speaks for (NULL: none). SECURITY DEFINER: a store's role
    # need not read the mapping table itself.
    f"""CREATE OR REPLACE FUNCTION {SCHEMA}.current_store() RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
        $$ SELECT store_id FROM {SCHEMA}.store_roles WHERE role_name = session_user $$""",
    CANONICAL_BATCH_FUNCTION,
    CANONICAL_FAST_FUNCTION,
    CANONICAL_FUNCTION,
    PUSH_FUNCTION,
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{STORE_GROUP}') THEN
            CREATE ROLE {STORE_GROUP} NOLOGIN;
        END IF; END $$""",
    # Deny by default, then grant reading and the push function only.
    f"REVOKE ALL ON ALL TABLES IN SCHEMA {SCHEMA} FROM PUBLIC, {STORE_GROUP}",
    f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {SCHEMA} FROM PUBLIC, {STORE_GROUP}",
    f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC",
    f"GRANT USAGE ON SCHEMA {SCHEMA} TO {STORE_GROUP}",
    f"GRANT SELECT ON {SCHEMA}.meta, {SCHEMA}.events, {SCHEMA}.devices, {SCHEMA}.store_seq "
    f"TO {STORE_GROUP}",
    f"GRANT EXECUTE ON FUNCTION {SCHEMA}.current_store() TO {STORE_GROUP}",
    f"GRANT EXECUTE ON FUNCTION {SIGNATURE} TO {STORE_GROUP}",
    f"ALTER TABLE {SCHEMA}.events ENABLE ROW LEVEL SECURITY",
    f"ALTER TABLE {SCHEMA}.devices ENABLE ROW LEVEL SECURITY",
    f"ALTER TABLE {SCHEMA}.store_seq ENABLE ROW LEVEL SECURITY",
    f"DROP POLICY IF EXISTS events_write ON {SCHEMA}.events",
    f"DROP POLICY IF EXISTS devices_own ON {SCHEMA}.devices",
    *(f"DROP POLICY IF EXISTS {name}_read ON {SCHEMA}.{name}"
      for name in ("events", "devices", "store_seq")),
    # `(SELECT current_store())`: evaluated once per query (an InitPlan), not three times per
    # row read — a pull of 1 000 events spent ~38 µs a row in it.
    *(f"""CREATE POLICY {name}_read ON {SCHEMA}.{name} FOR SELECT TO {STORE_GROUP}
        USING ((SELECT {SCHEMA}.current_store()) IS NOT NULL
               AND (store_id = (SELECT {SCHEMA}.current_store()) OR store_id = '{HQ_STORE}'
                    OR (SELECT {SCHEMA}.current_store()) = '{HQ_STORE}'))"""
      for name in ("events", "store_seq")),
    f"""CREATE POLICY devices_read ON {SCHEMA}.devices FOR SELECT TO {STORE_GROUP}
        USING (store_id = (SELECT {SCHEMA}.current_store()))""",
]


@dataclass(frozen=True)
class StoreCredentials:
    store_id: str
    role: str
    password: str
    created: bool  # False: the role existed and got the new password


def role_for_store(store_id: str) -> str:
    clean = re.sub(r"[^a-z0-9_]", "_", store_id.strip().lower())
    if not clean or not store_id.strip():
        raise DeskError("value.required", field="store_id")
    return f"desk_store_{clean}"[:63]


def init_central(url: str) -> dict[str, Any]:
    """Create or upgrade the central schema (idempotent). `url` needs a role that may create
    schemas and roles (the database owner with CREATEROLE, or a superuser)."""
    with connect_pg(url) as conn:
        try:
            with conn.transaction():
                before = _version(conn)
                if before is not None and before > SCHEMA_VERSION:
                    raise DeskError("sync.central_newer", found=before, known=SCHEMA_VERSION)
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (INIT_LOCK_KEY,))
                upgrade = _UPGRADE_1 if before is None or before < 2 else []
                for step in _TABLES + blob_sql.TABLES + upgrade + _ACCESS + blob_sql.ACCESS:
                    conn.execute(step)
                conn.execute(
                    f"INSERT INTO {SCHEMA}.meta(key, value) VALUES ('schema_version', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(SCHEMA_VERSION),))
                central_id = _central_id(conn)
        except DeskError:
            raise
        except Exception as exc:
            raise translate_pg_error(exc) from exc
    return {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "was": before,
            "central_id": central_id}


def add_store(url: str, store_id: str, password: str | None = None) -> StoreCredentials:
    """Create (or re-key) the login role of one store; "HQ" is head office."""
    return add_stores(url, [(store_id, password)])[0]


def add_stores(url: str, stores: Sequence[tuple[str, str | None]]) -> list[StoreCredentials]:
    """`add_store` for many stores in one connection and one transaction (a chain of 1 000
    stores is provisioned in seconds, not in 1 000 log-ins): all of them or none."""
    found: list[StoreCredentials] = []
    with connect_pg(url) as conn:
        try:
            with conn.transaction():
                if _version(conn) is None:
                    raise DeskError("sync.central_missing")
                central_id = _central_id(conn)
                for store_id, password in stores:
                    found.append(_add_one(conn, central_id, store_id.strip(), password))
        except DeskError:
            raise
        except Exception as exc:
            raise translate_pg_error(exc) from exc
    return found


def _add_one(conn: Any, central_id: str | None, store_id: str,
             password: str | None) -> StoreCredentials:
    role = role_for_store(store_id)
    secret = password or secrets.token_urlsafe(18)
    owner = conn.execute(
        f"SELECT role_name FROM {SCHEMA}.store_roles WHERE store_id = %s", (store_id,)).fetchone()
    if owner is not None and owner[0] != role:
        raise DeskError("sync.store_role_taken", store_id=store_id, role=owner[0])
    mapped = conn.execute(
        f"SELECT store_id FROM {SCHEMA}.store_roles WHERE role_name = %s", (role,)).fetchone()
    if mapped is not None and mapped[0] != store_id:  # e.g. "S001" and "s001"
        raise DeskError("sync.store_role_taken", store_id=mapped[0], role=role)
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                          (role,)).fetchone() is not None
    # Roles are cluster-wide: one that is not this database's store (or is tagged as another
    # central database's) speaks for another chain; re-keying it would lock that chain's
    # counters out.
    tag = f"service-desk central {central_id} store {store_id}"
    comment = conn.execute(
        "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = %s",
        (role,)).fetchone()
    if exists and (mapped is None or (comment and comment[0] not in (None, tag))):
        raise DeskError("sync.role_of_other_database", role=role, store_id=store_id)
    verb = "ALTER" if exists else "CREATE"
    # Role names are sanitised above; a password cannot be a bind parameter in DDL.
    conn.execute(f"{verb} ROLE {role} LOGIN PASSWORD {_literal(conn, secret)}")
    conn.execute(f"GRANT {STORE_GROUP} TO {role}")
    conn.execute(f"COMMENT ON ROLE {role} IS {_literal(conn, tag)}")
    conn.execute(
        f"INSERT INTO {SCHEMA}.store_roles(role_name, store_id) VALUES (%s, %s) "
        "ON CONFLICT (role_name) DO UPDATE SET store_id = excluded.store_id", (role, store_id))
    conn.execute(f"INSERT INTO {SCHEMA}.store_seq(store_id, last_seq) VALUES (%s, 0) "
                 "ON CONFLICT (store_id) DO NOTHING", (store_id,))
    return StoreCredentials(store_id, role, secret, created=not exists)


def central_status(url: str) -> dict[str, Any]:
    """Counts for the operator (admin URL): events, devices and stores."""
    with connect_pg(url) as conn:
        try:
            version = _version(conn)
            if version is None:
                raise DeskError("sync.central_missing")
            central_id = _central_id(conn)
            rows = conn.execute(
                f"SELECT store_id, count(*), max(store_seq) FROM {SCHEMA}.events "
                "GROUP BY store_id ORDER BY store_id").fetchall()
            devices = conn.execute(
                f"SELECT device_id, store_id, last_seq FROM {SCHEMA}.devices ORDER BY device_id"
            ).fetchall()
        except DeskError:
            raise
        except Exception as exc:
            raise translate_pg_error(exc) from exc
    return {"schema_version": version, "central_id": central_id,
            "stores": {r[0]: {"events": r[1], "last_store_seq": r[2]} for r in rows},
            "devices": [{"device_id": d[0], "store_id": d[1], "last_seq": d[2]} for d in devices]}


def _literal(conn: Any, value: str) -> str:
    from psycopg import sql

    return str(sql.Literal(value).as_string(conn))


def _version(conn: Any) -> int | None:
    found = conn.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.meta",)).fetchone()
    if found is None or found[0] is None:
        return None
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _central_id(conn: Any) -> str | None:
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'central_id'").fetchone()
    return str(row[0]) if row else None
