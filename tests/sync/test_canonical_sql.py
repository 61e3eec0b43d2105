"""The server's two ways of telling that a payload is spelled as the counters spell it
(`desk.canonical_fast`, a glance, and `desk.canonical_jsons`, the full spelling; see
desk/sync/push_sql.py) agree with Python's `canonical_json` on payloads built to trip them:
keys that sort differently by length and by code point, duplicates, escapes, white space."""

from __future__ import annotations

import json
import random

import psycopg

from desk.platform.events import canonical_json

KEYS = ["a", "b", "ab", "aa", "Z", "é", "中", "\u0001k", 'a"b', "b\\", "lines", "sold_at"]
SCALARS = [0, -5, 12, 1.5, True, False, None, "", "x y", "a,b: c", "\n\t\x0b\x1f\x7f", "/",
           "中文", "\\", '"', "{,}", '":"']


def value(rnd: random.Random, depth: int = 0) -> object:
    roll = rnd.random()
    if depth < 3 and roll < 0.25:
        return {rnd.choice(KEYS): value(rnd, depth + 1) for _ in range(rnd.randint(0, 4))}
    if depth < 3 and roll < 0.4:
        return [value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))]
    return rnd.choice(SCALARS)


def spellings(rnd: random.Random) -> list[str]:
    """A canonical payload and other spellings of the same value."""
    v = {rnd.choice(KEYS): value(rnd) for _ in range(rnd.randint(0, 5))}
    text = canonical_json(v)
    return [text, json.dumps(v, ensure_ascii=False), json.dumps(v), json.dumps(v, sort_keys=True),
            json.dumps(v, sort_keys=True, separators=(",", ":")), text.replace("/", "\\/"),
            text.replace(':"a"', ':"\\u0061"'), text[:-1] + ',"a":0}' if len(text) > 2 else text]


def test_fast_and_full_checks_agree_with_python(central):
    rnd = random.Random(15)
    cases = [s for _ in range(400) for s in spellings(rnd)]
    truth = [canonical_json(json.loads(c)) == c for c in cases]
    with psycopg.connect(central.admin_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT f.ok, s.spelled = x.x FROM desk.canonical_fast(%s) f "
            "JOIN desk.canonical_jsons(%s) s USING (i) "
            "JOIN unnest(%s::text[]) WITH ORDINALITY AS x(x, i) USING (i) ORDER BY i",
            (cases, cases, cases)).fetchall()
    assert len(rows) == len(cases)
    assert [bool(full) for _, full in rows] == truth
    assert not [c for c, (fast, _), t in zip(cases, rows, truth, strict=True) if fast and not t]
    # the glance accepts most canonical payloads (floats go the long way)
    assert sum(1 for fast, _ in rows if fast) > 0.8 * sum(truth)


def test_fast_check_reads_tokens_as_python_writes_them(central):
    """The glance accepts integers, literals and Python's escapes only; anything else (a float,
    an exponent, -0, white space, an escape Python does not write) is left to the full check."""
    accepted = ['{"a":-1,"b":0,"c":[true,false,null],"d":"\\n\\u001f\\"\\\\"}', '{}',
                '{"a":{"b":[{}]},"b":"[{\\":,}]"}']
    refused = ['{"a":-0}', '{"a":1e2}', '{"a":1.0}', '{"a": 1}', '{"a":"\\u00e9"}',
               '{"a":"\\/"}', '{"b":1,"a":2}', '{"a":1,"a":1}', '[1]', '{"a":{"c":1,"b":2}}']
    with psycopg.connect(central.admin_url, autocommit=True) as conn:
        rows = conn.execute("SELECT ok FROM desk.canonical_fast(%s) ORDER BY i",
                            (accepted + refused,)).fetchall()
    assert [ok for ok, in rows] == [True] * len(accepted) + [False] * len(refused)
    assert all(canonical_json(json.loads(text)) == text for text in accepted)
