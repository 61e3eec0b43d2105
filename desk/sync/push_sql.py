"""The server side of a push: `desk.push_events(...)`, the only way a store's role writes events.

It runs as the schema owner (SECURITY DEFINER, fixed search_path) and, in the caller's single
transaction, for one device's batch:

1. the pushing store is `desk.current_store()` (from the session user; 'HQ' for head office);
2. the device is registered to that store on its first push, and must belong to it afterwards;
3. every event's store_id is that store;
4. the batch is contiguous in device_seq and starts at most one past what the server holds;
5. events the server holds must be the same events (event_id and hash): a retry is harmless;
6. each new event links to the previous one (prev_hash) and its hash is the SHA-256 of its body,
   recomputed here from the very text that is stored (the body is Python's
   `json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`; `to_json(text)`
   escapes exactly like Python for quotes, backslashes, control characters and non-ASCII —
   tests/sync/test_server_trust.py checks it);
7. new events are numbered per store (`desk.store_seq`, its row locked FOR UPDATE until commit,
   so within a store a later number never commits before an earlier one, while other stores'
   pushes go on), and the device's last sequence and hash move.

A refusal raises an error with its own SQLSTATE (class DS) and the facts as JSON in DETAIL; the
client maps them to DeskError codes (transport.PUSH_ERRORS).
"""

from __future__ import annotations

SCHEMA = "desk"

# SQLSTATE -> DeskError code (the client's mapping; kept next to the function that raises them).
ERRORS: dict[str, str] = {
    "DS001": "sync.not_a_store_role",
    "DS002": "sync.device_of_other_store",
    "DS003": "sync.event_of_other_store",
    "DS004": "sync.gap",
    "DS005": "sync.bad_link",
    "DS006": "sync.bad_hash",
    "DS007": "sync.conflicting_event",
    "DS008": "sync.bad_event",
}

_ARGS = ("p_device_id text, p_event_ids text[], p_store_ids text[], p_device_seqs integer[], "
         "p_hlcs text[], p_actors text[], p_kinds text[], p_entity_ids text[], "
         "p_payloads text[], p_prev_hashes text[], p_hashes text[]")
SIGNATURE = (f"{SCHEMA}.push_events(text, text[], text[], integer[], text[], text[], text[], "
             "text[], text[], text[], text[])")

# The canonical body, keys in Python's sorted order.
_BODY = """'{"actor":' || to_json(b.actor)::text
        || ',"device_id":' || to_json(p_device_id)::text
        || ',"device_seq":' || b.device_seq::text
        || ',"entity_id":' || to_json(b.entity_id)::text
        || ',"event_id":' || to_json(b.event_id)::text
        || ',"hlc":' || to_json(b.hlc)::text
        || ',"kind":' || to_json(b.kind)::text
        || ',"payload":' || b.payload
        || ',"prev_hash":' || to_json(b.prev_hash)::text
        || ',"store_id":' || to_json(b.store_id)::text || '}'"""

# The payload spelled as the counters spell it (Python's json.dumps with sort_keys, no spaces,
# ensure_ascii=False): a payload stored any other way would hash differently on the counters
# that pull it, and block their pulls. Keys sort by code point (COLLATE "C" on UTF-8 bytes);
# strings escape as to_json does (the same as Python's for every character, tested).
CANONICAL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}.canonical_json(j jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    out text;
BEGIN
    CASE jsonb_typeof(j)
    WHEN 'object' THEN
        SELECT '{{' || coalesce(string_agg(to_json(key)::text || ':' ||
                                           {SCHEMA}.canonical_json(value), ','
                                           ORDER BY key COLLATE "C"), '') || '}}'
            INTO out FROM jsonb_each(j);
    WHEN 'array' THEN
        SELECT '[' || coalesce(string_agg({SCHEMA}.canonical_json(value), ','
                                          ORDER BY n), '') || ']'
            INTO out FROM jsonb_array_elements(j) WITH ORDINALITY AS a(value, n);
    ELSE
        out := j::text;  -- a string (to_json escaping), a number, true, false or null
    END CASE;
    RETURN out;
END $$"""

PUSH_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}.push_events({_ARGS})
RETURNS TABLE (inserted integer, skipped integer, last_seq integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_store text := {SCHEMA}.current_store();
    v_n integer := coalesce(cardinality(p_event_ids), 0);
    v_owner text;
    v_last integer;
    v_hash text;
    v_first integer;
    v_bad integer;
    v_link integer;
    v_base bigint;
BEGIN
    IF v_store IS NULL THEN
        RAISE EXCEPTION 'these credentials do not belong to a store' USING ERRCODE = 'DS001';
    END IF;
    IF coalesce(p_device_id, '') = '' OR EXISTS (SELECT 1 FROM unnest(ARRAY[
            cardinality(p_store_ids), cardinality(p_device_seqs), cardinality(p_hlcs),
            cardinality(p_actors), cardinality(p_kinds), cardinality(p_entity_ids),
            cardinality(p_payloads), cardinality(p_prev_hashes), cardinality(p_hashes)]) AS k(n)
            WHERE coalesce(k.n, 0) <> v_n) THEN
        RAISE EXCEPTION 'malformed batch' USING ERRCODE = 'DS008',
            DETAIL = json_build_object('device_id', p_device_id, 'device_seq', 0,
                                       'reason', 'arrays of different lengths')::text;
    END IF;

    -- 1-2. The device: registered to the pushing store on its first push, locked until commit.
    INSERT INTO {SCHEMA}.devices (device_id, store_id, last_seq, last_hash)
        VALUES (p_device_id, v_store, 0, repeat('0', 64)) ON CONFLICT (device_id) DO NOTHING;
    SELECT d.store_id, d.last_seq, d.last_hash INTO v_owner, v_last, v_hash
        FROM {SCHEMA}.devices d WHERE d.device_id = p_device_id FOR UPDATE;
    IF v_owner IS DISTINCT FROM v_store THEN
        RAISE EXCEPTION 'device % belongs to another store', p_device_id USING ERRCODE = 'DS002',
            DETAIL = json_build_object('device_id', p_device_id, 'store_id', v_store)::text;
    END IF;
    IF v_n = 0 THEN
        RETURN QUERY SELECT 0, 0, v_last;
        RETURN;
    END IF;

    -- 3. Every event is the pushing store's.
    SELECT min(s.i) INTO v_bad FROM unnest(p_store_ids) WITH ORDINALITY AS s(x, i)
        WHERE s.x IS DISTINCT FROM v_store;
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION 'event of another store' USING ERRCODE = 'DS003',
            DETAIL = json_build_object('device_id', p_device_id,
                'device_seq', p_device_seqs[v_bad], 'store_id', v_store,
                'event_store', p_store_ids[v_bad])::text;
    END IF;

    -- 4. Contiguous, and no gap after what the server holds.
    SELECT min(s.i) INTO v_bad FROM unnest(p_device_seqs) WITH ORDINALITY AS s(x, i)
        WHERE s.x IS DISTINCT FROM p_device_seqs[1] + s.i - 1;
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION 'gap in device_seq' USING ERRCODE = 'DS004',
            DETAIL = json_build_object('device_id', p_device_id,
                'expected', p_device_seqs[1] + v_bad - 1, 'got', p_device_seqs[v_bad])::text;
    END IF;
    IF p_device_seqs[1] > v_last + 1 OR p_device_seqs[1] < 1 THEN
        RAISE EXCEPTION 'gap in device_seq' USING ERRCODE = 'DS004',
            DETAIL = json_build_object('device_id', p_device_id, 'expected', v_last + 1,
                                       'got', p_device_seqs[1])::text;
    END IF;

    -- 5. What the server holds already must be the very same events.
    v_first := v_last - p_device_seqs[1] + 2;  -- index of the first new event
    IF v_first > 1 THEN
        SELECT min(s.i) INTO v_bad
            FROM unnest(p_device_seqs[1:least(v_first - 1, v_n)],
                        p_event_ids[1:least(v_first - 1, v_n)],
                        p_hashes[1:least(v_first - 1, v_n)]) WITH ORDINALITY AS s(seq, id, h, i)
            WHERE NOT EXISTS (SELECT 1 FROM {SCHEMA}.events e
                              WHERE e.device_id = p_device_id AND e.device_seq = s.seq
                                AND e.event_id = s.id AND e.hash = s.h);
        IF v_bad IS NOT NULL THEN
            RAISE EXCEPTION 'conflicting event' USING ERRCODE = 'DS007',
                DETAIL = json_build_object('device_id', p_device_id,
                                           'device_seq', p_device_seqs[v_bad])::text;
        END IF;
    END IF;
    IF v_first > v_n THEN
        RETURN QUERY SELECT 0, v_n, v_last;
        RETURN;
    END IF;

    -- 6. The chain links and every hash is the SHA-256 of the body as stored.
    BEGIN
        WITH b AS (
            SELECT * FROM unnest(p_event_ids[v_first:], p_store_ids[v_first:],
                                 p_device_seqs[v_first:], p_hlcs[v_first:], p_actors[v_first:],
                                 p_kinds[v_first:], p_entity_ids[v_first:], p_payloads[v_first:],
                                 p_prev_hashes[v_first:], p_hashes[v_first:])
                WITH ORDINALITY AS b(event_id, store_id, device_seq, hlc, actor, kind,
                                     entity_id, payload, prev_hash, hash, i)),
        c AS (
            SELECT b.i, b.device_seq, b.prev_hash, b.hash, b.payload,
                   coalesce(lag(b.hash) OVER (ORDER BY b.i), v_hash) AS want_prev,
                   encode(sha256(convert_to({_BODY}, 'UTF8')), 'hex') AS computed,
                   jsonb_typeof(b.payload::jsonb) AS payload_type
            FROM b)
        SELECT min(c.i) FILTER (WHERE c.prev_hash IS DISTINCT FROM c.want_prev),
               min(c.i) FILTER (WHERE c.computed IS DISTINCT FROM c.hash
                                   OR c.payload_type IS DISTINCT FROM 'object'
                                   OR {SCHEMA}.canonical_json(c.payload::jsonb)
                                      IS DISTINCT FROM c.payload)
            INTO v_link, v_bad FROM c;
    EXCEPTION WHEN invalid_text_representation THEN
        RAISE EXCEPTION 'payload is not JSON' USING ERRCODE = 'DS008',
            DETAIL = json_build_object('device_id', p_device_id, 'device_seq', 0,
                                       'reason', 'a payload is not JSON')::text;
    END;
    IF v_link IS NOT NULL AND (v_bad IS NULL OR v_link <= v_bad) THEN
        RAISE EXCEPTION 'broken hash chain' USING ERRCODE = 'DS005',
            DETAIL = json_build_object('device_id', p_device_id,
                'device_seq', p_device_seqs[v_first + v_link - 1])::text;
    END IF;
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION 'hash does not match the event' USING ERRCODE = 'DS006',
            DETAIL = json_build_object('device_id', p_device_id,
                'device_seq', p_device_seqs[v_first + v_bad - 1])::text;
    END IF;
    -- An event id the server holds under another position is refused too.
    SELECT min(s.i) INTO v_bad FROM unnest(p_event_ids[v_first:]) WITH ORDINALITY AS s(id, i)
        WHERE EXISTS (SELECT 1 FROM {SCHEMA}.events e WHERE e.event_id = s.id);
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION 'conflicting event' USING ERRCODE = 'DS007',
            DETAIL = json_build_object('device_id', p_device_id,
                'device_seq', p_device_seqs[v_first + v_bad - 1])::text;
    END IF;

    -- 7. Numbered per store: this store's counter row stays locked until commit.
    INSERT INTO {SCHEMA}.store_seq (store_id, last_seq) VALUES (v_store, 0)
        ON CONFLICT (store_id) DO NOTHING;
    SELECT q.last_seq INTO v_base FROM {SCHEMA}.store_seq q
        WHERE q.store_id = v_store FOR UPDATE;
    INSERT INTO {SCHEMA}.events (store_seq, event_id, store_id, device_id, device_seq, hlc,
                                 actor, kind, entity_id, payload, prev_hash, hash)
        SELECT v_base + b.i, b.event_id, b.store_id, p_device_id, b.device_seq, b.hlc, b.actor,
               b.kind, b.entity_id, b.payload, b.prev_hash, b.hash
        FROM unnest(p_event_ids[v_first:], p_store_ids[v_first:], p_device_seqs[v_first:],
                    p_hlcs[v_first:], p_actors[v_first:], p_kinds[v_first:],
                    p_entity_ids[v_first:], p_payloads[v_first:], p_prev_hashes[v_first:],
                    p_hashes[v_first:])
            WITH ORDINALITY AS b(event_id, store_id, device_seq, hlc, actor, kind, entity_id,
                                 payload, prev_hash, hash, i);
    UPDATE {SCHEMA}.store_seq SET last_seq = v_base + (v_n - v_first + 1)
        WHERE store_id = v_store;
    UPDATE {SCHEMA}.devices SET last_seq = p_device_seqs[v_n], last_hash = p_hashes[v_n],
                                last_push_at = now()
        WHERE device_id = p_device_id;
    RETURN QUERY SELECT v_n - v_first + 1, v_first - 1, p_device_seqs[v_n];
END
$fn$"""
