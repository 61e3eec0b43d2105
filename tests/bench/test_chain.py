"""The chain load generator (desk/bench/chain.py) at a small size against the real server: nothing
lost or duplicated, each store's order kept, and its figures are the server's own counts."""

from __future__ import annotations

from collections import Counter as Tally

import psycopg
import pytest

from desk.bench.chain import ChainLoad, SimCounter, faults_total, measure, percentile, rows
from desk.platform.events import GENESIS_HASH
from desk.sync.central import HQ_STORE
from desk.sync.transport import PulledEvent, PullPage
from tests.support.central import drop_central, new_central

LOAD = ChainLoad(stores=20, counters=3, events_per_push=3, rate=600.0, seconds=3.0,
                 workers=4, processes=2, seed_events=10, chain_sizes=(5, 20), prefix="T")
STORES = tuple(f"T{i:04d}" for i in range(1, LOAD.stores + 1))


@pytest.fixture
def chain_central(pg):
    central = new_central(pg, stores=())
    yield central
    drop_central(central, stores=(*STORES, HQ_STORE))


def test_a_small_chain_loses_nothing_keeps_order_and_reports_measured_figures(chain_central):
    report = measure(chain_central.admin_url, LOAD)
    assert faults_total(report) == 0, report.faults
    with psycopg.connect(chain_central.admin_url) as conn:
        # the window's events: every counter's after its first (registering) push
        window = dict(conn.execute(
            "SELECT store_id, count(*) FROM desk.events WHERE device_seq > 1 AND store_id <> 'HQ' "
            "AND device_id NOT LIKE '%%-seed' GROUP BY store_id").fetchall())
        gaps = conn.execute(
            "SELECT count(*) FROM (SELECT store_id FROM desk.events GROUP BY store_id "
            "HAVING count(*) <> max(store_seq) OR min(store_seq) <> 1) s").fetchone()[0]
    assert gaps == 0  # each store numbered 1..n with no hole
    assert len(window) == LOAD.stores
    assert report.events == sum(window.values()) == report.rounds * LOAD.events_per_push
    # every event of the window reached each of its store's other counters, once
    assert report.pulled_total == sum(window.values()) * (LOAD.counters - 1)
    assert len(report.push_latency_ms) == report.rounds > 0
    assert 0 < report.push_ms(50) <= report.push_ms(95) <= report.push_ms(99)
    assert report.events_per_s == pytest.approx(report.events / report.window_s)
    assert sorted(report.pull_cost) == [5, 20]
    assert all(v > 0 for cost in report.pull_cost.values() for v in cost.values())
    by_name = {r.name: r for r in rows(report)}
    assert by_name["chain events lost, duplicated or out of order"].ok is True


def page(*events: tuple[str, int, int, str, str]) -> PullPage:
    """(device, device_seq, store_seq, prev_hash, hash) -> a page of a store S's events."""
    from desk.platform.events import Event

    made = [PulledEvent(n, Event(f"e{d}{seq}", "S", d, seq, "h", "a", "k", "x", {}, prev, h))
            for d, seq, n, prev, h in events]
    return PullPage(made, {"S": made[-1].server_seq if made else 0}, True)


def test_the_checker_counts_a_lost_a_duplicated_and_a_misordered_event():
    counter = SimCounter("S", "S-1")
    counter.take(page(("S-2", 1, 1, GENESIS_HASH, "h1"), ("S-2", 3, 2, "h2", "h3")))
    assert counter.faults == Tally(lost=1)
    counter.take(page(("S-2", 3, 3, "h2", "h3")))
    assert counter.faults == Tally(lost=1, duplicated=1)
    counter.take(page(("S-3", 1, 2, GENESIS_HASH, "x1")))
    assert counter.faults == Tally(lost=1, duplicated=1, out_of_order=1)
    counter.take(page(("S-3", 2, 9, "not-x1", "x2")))
    assert counter.faults["broken"] == 1


def test_percentiles_are_nearest_rank():
    samples = [float(x) for x in range(1, 101)]
    assert (percentile(samples, 50), percentile(samples, 95), percentile(samples, 99)) == \
        (50.0, 95.0, 99.0)
    assert percentile([], 95) != percentile([], 95)  # NaN: nothing measured
