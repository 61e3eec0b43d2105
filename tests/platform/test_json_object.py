"""JsonObject: a row's JSON object, decoded when first looked into, behaving as the dict."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.platform.jsonable import JsonObject, to_jsonable

values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                      lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8)


@given(st.dictionaries(st.text(max_size=6), values, max_size=5))
def test_it_reads_as_the_dict_it_spells(value):
    lazy = JsonObject(json.dumps(value, ensure_ascii=False))
    assert lazy == value and value == lazy
    assert dict(lazy) == value and len(lazy) == len(value) and list(lazy) == list(value)
    assert all(key in lazy and lazy[key] == value[key] for key in value)
    assert "\x00missing" not in lazy
    assert to_jsonable(lazy) == to_jsonable(value)


def test_the_text_is_decoded_only_when_looked_into():
    broken = JsonObject("{not json")  # built without a decode
    with pytest.raises(json.JSONDecodeError):
        len(broken)
    with pytest.raises(ValueError):
        "value" in JsonObject("[1, 2]")  # noqa: B015 - an array is no object
