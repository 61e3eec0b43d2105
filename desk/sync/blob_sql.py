"""The central server's side of evidence photos: content-addressed blobs (schema 3).

- `desk.blobs`: one row per photo, keyed by the SHA-256 of its bytes (type, size, bytes).
- `desk.blob_stores`: which store has handed in which blob. A store reads the blobs it has
  handed in (any of its counters); head office reads all. Nothing else: deny by default.
- `desk.put_blob(sha, type, bytes)`: the only way a store's role writes a blob. It runs as the
  schema owner, re-hashes the bytes and refuses any that do not hash to their name, are not a
  PNG or JPEG, or are larger than a photo may be; the same blob twice is harmless (the bytes are
  kept once, the store's link added). Returns true when the bytes were new to the server.

Schema 2 -> 3 only adds these (CREATE ... IF NOT EXISTS): an older server is upgraded by
`init_central` without touching its events.
"""

from __future__ import annotations

from desk.platform.roles import HEAD_OFFICE
from desk.repairs.evidence import MAX_PHOTO_BYTES

SCHEMA = "desk"
STORE_GROUP = "desk_store"  # = central.STORE_GROUP (central imports this module)
HQ_STORE = HEAD_OFFICE
PUT_SIGNATURE = f"{SCHEMA}.put_blob(text, text, bytea)"
ERRORS: dict[str, str] = {"DS009": "sync.blob_refused"}
IMAGE_TYPES = ("image/png", "image/jpeg")

TABLES: list[str] = [
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.blobs (
        sha256 text PRIMARY KEY,
        type text NOT NULL,
        size integer NOT NULL,
        data bytea NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now())""",
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.blob_stores (
        sha256 text NOT NULL REFERENCES {SCHEMA}.blobs (sha256),
        store_id text NOT NULL,
        PRIMARY KEY (sha256, store_id))""",
]

PUT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}.put_blob(p_sha text, p_type text, p_data bytea)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_store text := {SCHEMA}.current_store();
    v_sha text := lower(coalesce(p_sha, ''));
    v_reason text;
    v_new integer;
BEGIN
    IF v_store IS NULL THEN
        RAISE EXCEPTION 'these credentials do not belong to a store' USING ERRCODE = 'DS001';
    END IF;
    IF p_data IS NULL OR encode(sha256(p_data), 'hex') <> v_sha THEN
        v_reason := 'the bytes do not hash to the name';
    ELSIF length(p_data) > {MAX_PHOTO_BYTES} THEN
        v_reason := 'too large';
    ELSIF p_type NOT IN ('{IMAGE_TYPES[0]}', '{IMAGE_TYPES[1]}') THEN
        v_reason := 'not a photo type';
    END IF;
    IF v_reason IS NOT NULL THEN
        RAISE EXCEPTION 'blob refused: %', v_reason USING ERRCODE = 'DS009',
            DETAIL = json_build_object('sha256', v_sha, 'reason', v_reason)::text;
    END IF;
    INSERT INTO {SCHEMA}.blobs (sha256, type, size, data)
        VALUES (v_sha, p_type, length(p_data), p_data) ON CONFLICT (sha256) DO NOTHING;
    GET DIAGNOSTICS v_new = ROW_COUNT;
    INSERT INTO {SCHEMA}.blob_stores (sha256, store_id) VALUES (v_sha, v_store)
        ON CONFLICT DO NOTHING;
    RETURN v_new > 0;
END $fn$"""

_CURRENT = f"(SELECT {SCHEMA}.current_store())"

# Run after central's own access list (which first revokes everything from the store group).
ACCESS: list[str] = [
    PUT_FUNCTION,
    f"REVOKE ALL ON FUNCTION {PUT_SIGNATURE} FROM PUBLIC",
    f"GRANT EXECUTE ON FUNCTION {PUT_SIGNATURE} TO {STORE_GROUP}",
    f"GRANT SELECT ON {SCHEMA}.blobs, {SCHEMA}.blob_stores TO {STORE_GROUP}",
    f"ALTER TABLE {SCHEMA}.blobs ENABLE ROW LEVEL SECURITY",
    f"ALTER TABLE {SCHEMA}.blob_stores ENABLE ROW LEVEL SECURITY",
    f"DROP POLICY IF EXISTS blob_stores_read ON {SCHEMA}.blob_stores",
    f"DROP POLICY IF EXISTS blobs_read ON {SCHEMA}.blobs",
    f"""CREATE POLICY blob_stores_read ON {SCHEMA}.blob_stores FOR SELECT TO {STORE_GROUP}
        USING ({_CURRENT} IS NOT NULL
               AND (store_id = {_CURRENT} OR {_CURRENT} = '{HQ_STORE}'))""",
    f"""CREATE POLICY blobs_read ON {SCHEMA}.blobs FOR SELECT TO {STORE_GROUP}
        USING ({_CURRENT} = '{HQ_STORE}' OR EXISTS (
            SELECT 1 FROM {SCHEMA}.blob_stores l
            WHERE l.sha256 = blobs.sha256 AND l.store_id = {_CURRENT}))""",
]
