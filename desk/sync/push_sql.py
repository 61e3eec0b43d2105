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
# Set-wise, one query for a whole batch (a recursive PL/pgSQL function cost ~0.2 ms of CPU an
# event, most of a small push): every node of every payload becomes tokens — its lead (",",
# the key and ":"), its text or opening bracket, and a closing bracket — and each payload's
# tokens are joined in document order. That order is the byte order of a path: per step 0x01
# then the key's UTF-8 bytes and 0x00 (jsonb keys hold no NUL, so 0x00 ends a key below every
# byte of a longer one: "a" < "a…" as in code point order), or 0x01 then the array index as 4
# big-endian bytes; a node opens at its own path (a prefix of its children's) and closes at its
# path + 0x02 (after its children, before its next sibling).
CANONICAL_BATCH_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}.canonical_jsons(p text[]) RETURNS TABLE (i bigint, spelled text)
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan AS $$
BEGIN RETURN QUERY
WITH RECURSIVE node(i, path, lead, v) AS (
    SELECT s.i, '\\x'::bytea, '', s.x::jsonb FROM unnest(p) WITH ORDINALITY AS s(x, i)
    UNION ALL
    SELECT n.i, n.path || k.step, k.lead, k.v
    FROM node n CROSS JOIN LATERAL (
        SELECT '\\x01'::bytea || convert_to(e.key, 'UTF8') || '\\x00'::bytea AS step,
               CASE WHEN row_number() OVER (ORDER BY e.key COLLATE "C") = 1 THEN '' ELSE ',' END
                   || to_json(e.key)::text || ':' AS lead,
               e.value AS v
        FROM jsonb_each(CASE WHEN jsonb_typeof(n.v) = 'object' THEN n.v END) AS e
        UNION ALL
        SELECT '\\x01'::bytea || int4send(a.n::integer), CASE WHEN a.n = 1 THEN '' ELSE ',' END,
               a.value
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(n.v) = 'array' THEN n.v END)
            WITH ORDINALITY AS a(value, n)) AS k),
token(i, path, t) AS (
    SELECT node.i, node.path, node.lead || CASE jsonb_typeof(node.v) WHEN 'object' THEN '{{'
                                     WHEN 'array' THEN '[' ELSE node.v::text END FROM node
    UNION ALL
    SELECT node.i, node.path || '\\x02'::bytea,
           CASE jsonb_typeof(node.v) WHEN 'object' THEN '}}' ELSE ']' END
    FROM node WHERE jsonb_typeof(node.v) IN ('object', 'array'))
SELECT token.i, string_agg(token.t, '' ORDER BY token.path) FROM token GROUP BY token.i;
END
$$"""

# The common case without spelling anything: a payload is canonical when (a) it is a sequence of
# tokens as Python writes them — strings with only the escapes Python writes (\" \\ \b \f \n \r
# \t, \u00xx for the other control characters), plain integers (no -0, no fraction, no
# exponent), brackets, "," and ":", true, false, null, and nothing else (no white space) — and
# (b) in every object each key is above the one before it in code point order (sorted, no
# duplicate). Then the text is exactly what Python would write: the same values, the same key
# order, the same escapes and integers. (a) is one regular expression (tokens outside a string
# hold no quote, so a string token always starts at a string's opening quote); (b) walks the
# objects and arrays only, each carrying its JSON type so that it is asked once (a sale has ~6
# of them and ~30 scalars). A payload this check does not accept (a float, say) is spelled in
# full by canonical_jsons and compared; the verdict is the same either way
# (tests/sync/test_canonical_sql.py), the fast one costs a fifth. (The previous glance, two
# regular expressions and a walk asking each node's type twice, cost 110 ms per 1 000 sales;
# this one 44 ms — 2026-12-03.)
_TOKENS = (r"""'^(?:"(?:[^"\\]|\\["\\bfnrt]|\\u00(?:0[0-7bef]|1[0-9a-f]))*"|-?[1-9][0-9]*|0"""
           r"""|[][{}:,]|true|false|null)*$'""")
CANONICAL_FAST_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}.canonical_fast(p text[]) RETURNS TABLE (i bigint, ok boolean)
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan AS $$
BEGIN RETURN QUERY
WITH RECURSIVE box(i, v, t, bad) AS (
    SELECT s.i, CASE WHEN s.ok THEN s.x::json END, 'object', NOT s.ok
    FROM (SELECT r.i, r.x,
                 coalesce(r.x ~ {_TOKENS} AND json_typeof(r.x::json) = 'object', false) AS ok
          FROM unnest(p) WITH ORDINALITY AS r(x, i)) AS s
    UNION ALL
    SELECT box.i, k.v, k.t, k.bad FROM box CROSS JOIN LATERAL (
        SELECT m.v, m.t, m.bad FROM (
            SELECT e.value AS v, json_typeof(e.value) AS t,
                   NOT coalesce(lag(e.key) OVER (ORDER BY e.n) < e.key COLLATE "C", true) AS bad
            FROM json_each(CASE WHEN box.t = 'object' THEN box.v END)
                WITH ORDINALITY AS e(key, value, n)) AS m
        WHERE m.bad OR m.t IN ('object', 'array')
        UNION ALL
        SELECT a.v, a.t, false FROM (
            SELECT e.value AS v, json_typeof(e.value) AS t
            FROM json_array_elements(CASE WHEN box.t = 'array' THEN box.v END) AS e) AS a
        WHERE a.t IN ('object', 'array')) AS k
    WHERE NOT box.bad)
SELECT box.i, NOT bool_or(box.bad) FROM box GROUP BY box.i;
END
$$"""

# One payload's spelling (for tests and operators): the same query.
CANONICAL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}.canonical_json(j jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
SELECT c.spelled FROM {SCHEMA}.canonical_jsons(ARRAY[j::text]) AS c
$$"""

PUSH_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}.push_events({_ARGS})
RETURNS TABLE (inserted integer, skipped integer, last_seq integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan AS $fn$
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
    v_quick boolean[];
    v_spelled text[];
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

    -- 6. The chain links and every hash is the SHA-256 of the body as stored, every payload
    -- spelled as Python spells it: canonical at a glance, or spelled in full and compared.
    BEGIN
        SELECT array_agg(q.ok ORDER BY q.i) INTO v_quick
            FROM {SCHEMA}.canonical_fast(p_payloads[v_first:]) AS q;
        IF false = ANY(v_quick) THEN
            SELECT array_agg(k.spelled ORDER BY k.i) INTO v_spelled
                FROM {SCHEMA}.canonical_jsons(ARRAY(
                    SELECT CASE WHEN q.ok THEN NULL ELSE q.x END
                    FROM unnest(v_quick, p_payloads[v_first:]) WITH ORDINALITY AS q(ok, x, n)
                    ORDER BY q.n)) AS k;
        END IF;
        WITH b AS (
            SELECT * FROM unnest(p_event_ids[v_first:], p_store_ids[v_first:],
                                 p_device_seqs[v_first:], p_hlcs[v_first:], p_actors[v_first:],
                                 p_kinds[v_first:], p_entity_ids[v_first:], p_payloads[v_first:],
                                 p_prev_hashes[v_first:], p_hashes[v_first:])
                WITH ORDINALITY AS b(event_id, store_id, device_seq, hlc, actor, kind,
                                     entity_id, payload, prev_hash, hash, i)),
        c AS (
            SELECT b.i, b.device_seq, b.prev_hash, b.hash, b.payload,
                   coalesce(v_quick[b.i] OR v_spelled[b.i] = b.payload, false) AS canonical,
                   coalesce(lag(b.hash) OVER (ORDER BY b.i), v_hash) AS want_prev,
                   encode(sha256(convert_to({_BODY}, 'UTF8')), 'hex') AS computed,
                   -- the glance has seen that an accepted payload is an object
                   CASE WHEN v_quick[b.i] THEN 'object' ELSE jsonb_typeof(b.payload::jsonb)
                   END AS payload_type
            FROM b)
        SELECT min(c.i) FILTER (WHERE c.prev_hash IS DISTINCT FROM c.want_prev),
               min(c.i) FILTER (WHERE c.computed IS DISTINCT FROM c.hash
                                   OR c.payload_type IS DISTINCT FROM 'object'
                                   OR NOT c.canonical)
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
