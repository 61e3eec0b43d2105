"""PIN hashing (scrypt) and the lockout rule."""

from __future__ import annotations

import pytest

from desk.platform.errors import DeskError
from desk.staff.rules import LOCK_MS, LoginState, hash_pin, pin_matches, validate_pin


def test_pin_hash_checks_and_is_salted():
    first, second = hash_pin("4321"), hash_pin("4321")
    assert first != second and first.startswith("scrypt$16384$8$1$")
    assert pin_matches("4321", first) and not pin_matches("4322", first)
    assert not pin_matches("4321", "garbage")


@pytest.mark.parametrize(("pin", "code"), [("12", "auth.pin_too_short"),
                                           ("12a4", "auth.pin_not_digits"),
                                           ("１２３４", "auth.pin_not_digits")])
def test_bad_pins_are_refused(pin, code):
    with pytest.raises(DeskError) as info:
        validate_pin(pin)
    assert info.value.code == code


def test_fifth_failure_locks_for_five_minutes():
    state, now = LoginState(), 1_000
    for _ in range(4):
        state = state.after_failure(now)
        assert not state.locked_at(now)
    state = state.after_failure(now)
    assert state.locked_at(now) and state.locked_at(now + LOCK_MS - 1)
    assert not state.locked_at(now + LOCK_MS)
