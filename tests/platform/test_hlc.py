"""Hybrid logical clock: strictly increasing, ordered after what it has seen, drift flagged."""

from __future__ import annotations

from desk.platform.hlc import DRIFT_WARNING_MS, HybridLogicalClock, Timestamp


class Wall:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_increasing_even_when_the_wall_clock_goes_back():
    wall = Wall(1_000_000)
    clock = HybridLogicalClock("dev-a", wall)
    stamps = [clock.now()]
    wall.ms -= 5000
    stamps += [clock.now() for _ in range(3)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4


def test_local_events_sort_after_a_remote_event_from_a_clock_hours_ahead():
    clock = HybridLogicalClock("dev-a", Wall(1_000_000))
    remote = Timestamp(1_000_000 + 3 * 3600 * 1000, 7, "dev-b").encode()
    clock.observe(remote)
    assert clock.now() > remote
    assert clock.drift_warning and clock.max_seen_drift_ms > DRIFT_WARNING_MS


def test_encoding_round_trips_and_orders_as_strings():
    a, b = Timestamp(5, 1, "x"), Timestamp(40, 0, "a")
    assert Timestamp.decode(a.encode()) == a
    assert (a.encode() < b.encode()) == (a < b)


def test_counter_overflow_moves_to_the_next_millisecond():
    clock = HybridLogicalClock("d", Wall(10), last=Timestamp(10, 0xFFFF, "d").encode())
    assert Timestamp.decode(clock.now()) == Timestamp(11, 0, "d")
