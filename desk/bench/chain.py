"""Chain scale: N simulated stores x M counters pushing a few events per round and pulling, against
one PostgreSQL on loopback (`desk bench chain`, and a row group of `desk bench`).

Bounded in count and in time: the stores, counters and measured seconds are fixed up front; the
generator never opens more than one connection per store. What is real: the central schema
(`init_central`), the store roles and their bulk provisioning (`add_stores`, the statements of
`desk central add-store`), the client transport (`PgTransport.push`/`pull`, the counter's code)
and the server function `desk.push_events` with every check it makes. What is simulated: the
counters' SQLite (events are built and sealed in memory, exactly as the journal seals them).

Time is compressed: a counter's round (push `events_per_push` events, then pull its store's and
head office's new events) comes every `period_s` of shop time; the schedule is compressed so that
the whole chain offers `rate` events/s, and the report says the factor. Latency is measured from
the moment a round was due (open loop: a server that falls behind shows as latency, not as a
politely slower generator). Every counter checks what it pulls: each other device's events
exactly once, contiguous, linked by hash, and in its store's order.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import queue
import random
import statistics
import threading
import time
import uuid
from collections import Counter as Tally
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from desk.bench import BenchContext, BenchRow
from desk.bench.sync import sale_command
from desk.platform.errors import DeskError
from desk.platform.events import GENESIS_HASH, Event
from desk.platform.hlc import HybridLogicalClock
from desk.sync.central import HQ_STORE, add_stores, role_for_store
from desk.sync.transport import PgTransport, PullPage

PULL_LIMIT = 1000  # a steady chain's pulls are a few events; a catching-up counter pages by 2 500


@dataclass(frozen=True)
class ChainLoad:
    stores: int = 1000
    counters: int = 10  # per store
    events_per_push: int = 5
    period_s: float = 30.0  # a counter's round, in shop time
    rate: float = 6000.0  # events/s the whole chain offers (compresses period_s)
    seconds: float = 30.0  # the measured window
    workers: int = 16  # threads per process running rounds (a store's never two at once)
    processes: int = max(2, os.cpu_count() or 2)  # the generator's, each with a share of stores
    pull: bool = True
    seed_events: int = 100  # events per store already on the server before the load
    chain_sizes: tuple[int, ...] = (10, 100, 1000)  # where a store's pull cost is measured
    prefix: str = "C"  # store ids C0001…; roles are cluster-wide, tests use their own prefix

    @property
    def compressed_period_s(self) -> float:
        return self.stores * self.counters * self.events_per_push / self.rate

    @property
    def speedup(self) -> float:
        return self.period_s / self.compressed_period_s


@dataclass
class ChainReport:
    load: ChainLoad
    provision_s: float = 0.0  # 1 000 store roles created
    connect_s: float = 0.0  # one connection per store opened
    devices_s: float = 0.0  # every counter's first push (registers the device)
    events: int = 0  # inserted by the server in the measured window
    rounds: int = 0
    window_s: float = 0.0  # first round due -> last round done
    window_end: float = 0.0  # perf_counter of the last round done
    push_latency_ms: list[float] = field(default_factory=list)  # from due to acknowledged
    push_service_ms: list[float] = field(default_factory=list)  # the push call alone
    pull_ms: list[float] = field(default_factory=list)
    pulled: int = 0  # in the window
    pulled_total: int = 0  # window and the final drain: every event each counter received
    faults: Tally[str] = field(default_factory=Tally)  # lost, duplicated, out_of_order, broken
    pull_cost: dict[int, dict[str, float]] = field(default_factory=dict)  # chain size -> ms
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    server_mb: float = 0.0  # the server's memory after the window, all connections open
    load_before: float = 0.0  # 1-minute load average when the window started
    load_after: float = 0.0

    @property
    def events_per_s(self) -> float:
        return self.events / self.window_s if self.window_s else 0.0

    def push_ms(self, q: float) -> float:
        return percentile(self.push_latency_ms, q)


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0 < q < 100, nearest rank on the sorted samples); NaN when empty."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def store_url(admin_url: str, role: str, password: str) -> str:
    """The admin URL with a store's role and password instead of the owner's."""
    parts = urlsplit(admin_url)
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{quote(role, safe='')}:{quote(password, safe='')}@{host}"
                          ).geturl()


def all_store_ids(load: ChainLoad) -> list[str]:
    return [f"{load.prefix}{i:04d}" for i in range(1, load.stores + 1)]


def password(store_id: str) -> str:
    return f"bench-{store_id.lower()}"  # a throw-away server's roles


# --- the simulated chain -------------------------------------------------------------------------
class SimCounter:
    """One counter: its own hash chain, its cursor, and what it has seen of the others."""

    def __init__(self, store: str, device_id: str) -> None:
        self.store = store
        self.device_id = device_id
        self.seq = 0
        self.last_hash = GENESIS_HASH
        self.clock = HybridLogicalClock(device_id, lambda: int(time.time() * 1000))
        self.cursor: dict[str, int] = {}
        self.seen: dict[str, tuple[int, str]] = {}  # device -> (last seq, last hash) pulled
        self.order: dict[str, int] = {}  # store -> last number pulled
        self.faults: Tally[str] = Tally()  # lost, duplicated, out_of_order, broken
        self.received = 0  # events pulled since the measured window started
        self.ready: list[Event] = []  # built ahead (prepare)
        self.acked = 0  # the last sequence the server said it holds

    def prepare(self, n: int) -> None:
        """Build and seal the next n events now (before the window: the generator's own CPU
        must not be what limits the rate it offers)."""
        self.ready += self.build(n)

    def next_events(self, n: int) -> list[Event]:
        taken, self.ready = self.ready[:n], self.ready[n:]
        return taken + self.build(n - len(taken))

    def build(self, n: int) -> list[Event]:
        out: list[Event] = []
        for _ in range(n):
            self.seq += 1
            sale = sale_command(self.seq)
            event = Event(event_id=str(uuid.uuid4()), store_id=self.store,
                          device_id=self.device_id, device_seq=self.seq, hlc=self.clock.now(),
                          actor="1001", kind="sale.recorded", entity_id=str(sale["receipt_no"]),
                          payload=sale, prev_hash=self.last_hash).sealed()
            self.last_hash = event.hash
            out.append(event)
        return out

    def take(self, page: PullPage) -> None:
        """Check a pulled page against what this counter saw before, then keep its cursor."""
        faults = self.faults
        for pulled in page.events:
            e = pulled.event
            if pulled.server_seq <= self.order.get(e.store_id, 0):
                faults["out_of_order"] += 1
            self.order[e.store_id] = pulled.server_seq
            seq, link = self.seen.get(e.device_id, (0, GENESIS_HASH))
            if e.device_seq <= seq:
                faults["duplicated"] += 1
                continue
            if e.device_seq != seq + 1:
                faults["lost"] += e.device_seq - seq - 1
            elif e.prev_hash != link:  # the server checked each hash; the links show order
                faults["broken"] += 1
            self.seen[e.device_id] = (e.device_seq, e.hash)
        self.cursor = page.cursor

    def skip_to(self, tops: dict[str, int], devices: Sequence[SimCounter]) -> None:
        """Start the measured window as a counter that has synced: past everything so far."""
        self.cursor = {s: n for s, n in tops.items() if s in (self.store, HQ_STORE)}
        self.order = dict(self.cursor)
        self.seen = {d.device_id: (d.seq, d.last_hash) for d in devices
                     if d.device_id != self.device_id}
        self.received = 0


@dataclass
class SimStore:
    store_id: str
    transport: PgTransport
    lock: threading.Lock = field(default_factory=threading.Lock)
    counters: list[SimCounter] = field(default_factory=list)

    def pull(self, counter: SimCounter) -> int:
        pulled = 0  # what this counter received, kept on it too (for the totals)
        while True:
            page = self.transport.pull([counter.store, HQ_STORE], counter.cursor, PULL_LIMIT,
                                       exclude_device=counter.device_id)
            counter.take(page)
            counter.received += len(page.events)
            pulled += len(page.events)
            if page.complete:
                return pulled


class Chain:
    """Stores (one connection each) and their counters: the whole chain, or one process's share."""

    def __init__(self, admin_url: str, load: ChainLoad, report: ChainReport,
                 store_ids: Sequence[str] | None = None) -> None:
        self.admin_url = admin_url
        self.load = load
        self.report = report
        self.ids = list(store_ids) if store_ids is not None else all_store_ids(load)
        self.stores: list[SimStore] = []
        self.hq: SimStore | None = None

    def create_roles(self) -> None:
        """Every store's role (and head office's) in one transaction."""
        started = time.perf_counter()
        add_stores(self.admin_url, [(s, password(s)) for s in [*self.ids, HQ_STORE]])
        self.report.provision_s = time.perf_counter() - started

    def connect(self) -> None:
        """One connection per store of this share (and head office), opened in parallel."""
        made = [SimStore(s, PgTransport(store_url(self.admin_url, role_for_store(s),
                                                  password(s)))) for s in [*self.ids, HQ_STORE]]
        started = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda st: st.transport.connection(), made))
        self.report.connect_s = time.perf_counter() - started
        self.hq, self.stores = made[-1], made[:-1]
        for st in self.stores:
            st.counters = [SimCounter(st.store_id, f"{st.store_id}-{n}")
                           for n in range(1, self.load.counters + 1)]

    def close(self) -> None:
        for st in [*self.stores, *([self.hq] if self.hq else [])]:
            st.transport.close()

    def parallel(self, work: Callable[[Any], object], items: Sequence[Any]) -> None:
        with ThreadPoolExecutor(self.load.workers) as pool:
            list(pool.map(work, items))

    def tops(self) -> dict[str, int]:
        from desk.sync.transport import connect_pg

        with connect_pg(self.admin_url) as conn:
            return {str(s): int(n) for s, n in
                    conn.execute("SELECT store_id, last_seq FROM desk.store_seq").fetchall()}


# --- phases ---------------------------------------------------------------------------------------
def seed_and_measure_pulls(chain: Chain) -> None:
    """Grow the chain size by size; at each, a sample of stores pulls (a counter joining: the
    store's whole history; a counter that synced: the last 10 events; nothing new)."""
    load, filled = chain.load, 0
    seeders = {st.store_id: SimCounter(st.store_id, f"{st.store_id}-seed") for st in chain.stores}
    if chain.hq is not None:  # head office's documents: in every store's pull
        chain.hq.transport.push("HQ-1", HQ_STORE, SimCounter(HQ_STORE, "HQ-1").next_events(20))
    for size in sorted({min(s, load.stores) for s in load.chain_sizes}):
        def seed(st: SimStore) -> None:
            counter = seeders[st.store_id]
            with st.lock:
                st.transport.push(counter.device_id, st.store_id,
                                  counter.next_events(load.seed_events))

        chain.parallel(seed, chain.stores[filled:size])
        filled = size
        chain.report.pull_cost[size] = pull_costs(chain.stores[:size], chain.tops())


def pull_costs(stores: Sequence[SimStore], tops: dict[str, int]) -> dict[str, float]:
    sample = random.Random(len(stores)).sample(list(stores), min(20, len(stores)))
    timings: dict[str, list[float]] = {"join_ms": [], "last10_ms": [], "nothing_ms": []}
    hq = tops.get(HQ_STORE, 0)
    for st in sample:
        top = tops[st.store_id]
        for name, after in (("join_ms", {}), ("last10_ms", {st.store_id: max(0, top - 10),
                                                            HQ_STORE: hq}),
                            ("nothing_ms", {st.store_id: top, HQ_STORE: hq})):
            started = time.perf_counter()
            st.transport.pull([st.store_id, HQ_STORE], after, PULL_LIMIT)
            timings[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in timings.items()}


def register_devices(chain: Chain) -> None:
    """Every counter's first push (one event): the server registers the device."""
    def first(st: SimStore) -> None:
        with st.lock:
            for counter in st.counters:
                counter.acked = st.transport.push(counter.device_id, st.store_id,
                                                  counter.next_events(1)).last_seq

    started = time.perf_counter()
    chain.parallel(first, chain.stores)
    chain.report.devices_s = time.perf_counter() - started
    tops = chain.tops()
    for st in chain.stores:
        for counter in st.counters:
            counter.skip_to(tops, st.counters)


def run_window(chain: Chain, start: Callable[[], float]) -> None:
    """The open-loop schedule: every counter's rounds at its own phase, for `seconds` from the
    moment `start()` returns (a perf_counter value: CLOCK_MONOTONIC, the same in every process)."""
    load, report = chain.load, chain.report
    period = load.compressed_period_s
    slots = [(random.Random(c.device_id).uniform(0, period), st, c)
             for st in chain.stores for c in st.counters]
    slots.sort(key=lambda s: s[0])
    due_q: queue.Queue[tuple[float, SimStore, SimCounter] | None] = queue.Queue()
    done: list[float] = []
    inserted: list[int] = []
    pulls: list[int] = []

    def worker() -> None:
        while (item := due_q.get()) is not None:
            due, st, counter = item
            events = counter.next_events(load.events_per_push)
            with st.lock:
                started = time.perf_counter()
                try:
                    ack = st.transport.push(counter.device_id, st.store_id, events)
                    pushed = time.perf_counter()
                    counter.acked = ack.last_seq
                    pulled = st.pull(counter) if load.pull else 0
                except DeskError as err:  # counted, and the run goes on: a fault, not a hang
                    counter.faults[f"failed {err.code}"] += 1
                    continue
                finished = time.perf_counter()
            inserted.append(ack.inserted)  # list.append is atomic; `+=` on a field is not
            pulls.append(pulled)
            report.push_latency_ms.append((pushed - due) * 1000)
            report.push_service_ms.append((pushed - started) * 1000)
            if load.pull:
                report.pull_ms.append((finished - pushed) * 1000)
            done.append(finished)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(load.workers)]
    for t in threads:
        t.start()
    t0 = start()
    end = t0 + load.seconds
    rounds = 0
    while True:
        due = t0 + rounds * period
        if due >= end:
            break
        for phase, st, counter in slots:
            if due + phase >= end:
                break
            wait = due + phase - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            due_q.put((due + phase, st, counter))
        rounds += 1
    for _ in threads:
        due_q.put(None)
    for t in threads:
        t.join()
    report.window_s = (max(done) if done else end) - t0
    report.window_end = max(done) if done else end
    report.events, report.pulled, report.rounds = sum(inserted), sum(pulls), len(inserted)


def drain_and_check(chain: Chain) -> None:
    """Every counter pulls what is left, then must have seen every other device's last event."""
    report = chain.report

    def drain(st: SimStore) -> None:
        with st.lock:
            for counter in st.counters:
                st.pull(counter)
                for other in st.counters:
                    seq, _ = counter.seen.get(other.device_id, (0, ""))
                    if other is not counter and seq != other.acked:
                        counter.faults["lost"] += abs(other.acked - seq)

    chain.parallel(drain, chain.stores)
    for st in chain.stores:
        for counter in st.counters:
            report.faults.update(counter.faults)
            report.pulled_total += counter.received


# --- CPU accounting -------------------------------------------------------------------------------
def server_processes(postmaster_pid: int | None) -> list[tuple[int, list[str]]]:
    """The server's processes (itself and its children) with their /proc stat fields."""
    if postmaster_pid is None or not os.path.isdir("/proc"):
        return []
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii") as f:
                fields = f.read().rpartition(")")[2].split()
        except OSError:
            continue
        if int(name) == postmaster_pid or int(fields[1]) == postmaster_pid:
            found.append((int(name), fields))
    return found


def server_cpu_s(postmaster_pid: int | None) -> float:
    """User + system CPU of the server's processes (Linux /proc; 0 elsewhere or unknown)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    return sum(int(f[11]) + int(f[12]) for _, f in server_processes(postmaster_pid)) / ticks


def server_memory_mb(postmaster_pid: int | None) -> float:
    """Proportional set size of the server's processes (shared memory counted once)."""
    total_kb = 0
    for pid, _ in server_processes(postmaster_pid):
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                total_kb += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except OSError:
            continue
    return total_kb / 1024


def measure(admin_url: str, load: ChainLoad, postmaster_pid: int | None = None) -> ChainReport:
    """Provision, seed and measure pull cost by chain size (this process), then the window in
    `load.processes` processes, each with its share of the stores (their connections, devices,
    rounds, drain and check): a Python generator on one core would otherwise be what limits the
    rate. `admin_url`: a central database (`init_central` done), a role that may create roles."""
    report = ChainReport(load)
    chain = Chain(admin_url, load, report)
    chain.create_roles()
    try:
        chain.connect()
        seed_and_measure_pulls(chain)
        setup_connect_s = report.connect_s
    finally:
        chain.close()  # the processes open their own
    context = multiprocessing.get_context("fork")
    shares = [chain.ids[i::load.processes] for i in range(load.processes)]
    ready = context.Barrier(len(shares) + 1)
    start = context.Value("d", 0.0)
    results: Any = context.Queue()
    workers = [context.Process(target=run_share, args=(admin_url, load, ids, ready, start,
                                                       results), daemon=True)
               for ids in shares]
    for w in workers:
        w.start()
    try:
        ready.wait(timeout=600)  # connected, devices registered, events built
        report.load_before = os.getloadavg()[0]
        cpu0, srv0 = own_cpu_s(workers), server_cpu_s(postmaster_pid)
        start.value = time.perf_counter() + 0.3
        ready.wait(timeout=60)  # go
        ready.wait(timeout=load.seconds * 20 + 600)  # every share's window is over
        report.client_cpu_s = own_cpu_s(workers) - cpu0
        report.server_cpu_s = server_cpu_s(postmaster_pid) - srv0
        report.load_after = os.getloadavg()[0]
        report.server_mb = server_memory_mb(postmaster_pid)
        ready.wait(timeout=60)  # measured: drain and check
        parts = [results.get(timeout=600) for _ in workers]
    finally:
        for w in workers:
            w.join(timeout=60)
    merge(report, parts, start.value)
    report.connect_s = max([setup_connect_s, *(p.connect_s for p in parts)])
    return report


def run_share(admin_url: str, load: ChainLoad, ids: list[str], ready: Any, start: Any,
              results: Any) -> None:
    """One process's stores: connect, register devices, build events; then the window (started
    by the parent), the drain and the check; the figures go back through `results`."""
    part = ChainReport(load)
    chain = Chain(admin_url, load, part, ids)
    try:
        chain.connect()
        register_devices(chain)
        rounds = math.ceil(load.seconds / load.compressed_period_s) + 1
        for st in chain.stores:
            for counter in st.counters:
                counter.prepare(rounds * load.events_per_push)
        ready.wait()
        ready.wait()
        run_window(chain, lambda: float(start.value))
        ready.wait()
        ready.wait()
        drain_and_check(chain)
    except BaseException:
        ready.abort()  # the parent stops waiting instead of hanging
        raise
    finally:
        chain.close()
    part.push_service_ms = [round(v, 3) for v in part.push_service_ms]
    results.put(part)


def merge(report: ChainReport, parts: Sequence[ChainReport], t0: float) -> None:
    for part in parts:
        report.events += part.events
        report.rounds += part.rounds
        report.pulled += part.pulled
        report.pulled_total += part.pulled_total
        report.faults.update(part.faults)
        report.push_latency_ms += part.push_latency_ms
        report.push_service_ms += part.push_service_ms
        report.pull_ms += part.pull_ms
        report.devices_s = max(report.devices_s, part.devices_s)
    report.window_end = max((p.window_end for p in parts), default=t0)
    report.window_s = report.window_end - t0


def own_cpu_s(workers: Sequence[Any]) -> float:
    """CPU of this process and of the share processes (Linux /proc)."""
    total = time.process_time()
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for w in workers:
        try:
            with open(f"/proc/{w.pid}/stat", encoding="ascii") as f:
                fields = f.read().rpartition(")")[2].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except OSError:
            continue
    return total


# --- the benchmark --------------------------------------------------------------------------------
POINTS = "events/s sustained by one PostgreSQL (chain load)"
PUSH_P95 = "chain push p95, due → acknowledged"
FAULTS = "chain events lost, duplicated or out of order"
PULL_RATIO = "a store's pull cost, largest chain ÷ smallest"


def run_on_temp_server(load: ChainLoad) -> ChainReport:
    """A throw-away durable server (fsync on) on loopback, sized for one connection per store."""
    from desk.bench.pgserver import TempPostgres
    from desk.sync.central import init_central

    with TempPostgres(fsync=True, max_connections=load.stores + 60,
                      shared_buffers="256MB") as pg:
        init_central(pg.url())
        return measure(pg.url(), load, pg.postmaster_pid())


def faults_total(report: ChainReport) -> int:
    return sum(report.faults.values())


def rows(report: ChainReport) -> list[BenchRow]:
    load = report.load
    sizes = sorted(report.pull_cost)
    ratio = (report.pull_cost[sizes[-1]]["last10_ms"] / report.pull_cost[sizes[0]]["last10_ms"]
             if len(sizes) > 1 else float("nan"))
    who = (f"{load.stores} stores × {load.counters} counters ({load.processes} generator "
           f"processes), {load.events_per_push} events per "
           f"round, rounds every {load.compressed_period_s:.2f} s ({load.period_s:.0f} s "
           f"compressed {load.speedup:.1f}×), {load.rate:,.0f} events/s offered")
    return [
        BenchRow(POINTS, report.events_per_s, "events/s", 5000.0,
                 f"{who}; {report.events:,} events in {report.window_s:.1f} s; server CPU "
                 f"{report.server_cpu_s:.1f} s, generator CPU {report.client_cpu_s:.1f} s; load "
                 f"average {report.load_before:.1f} → {report.load_after:.1f}", at_least=True),
        BenchRow(PUSH_P95, report.push_ms(95), "ms", 200.0,
                 f"p50 {report.push_ms(50):.1f} ms, p99 {report.push_ms(99):.1f} ms of "
                 f"{report.rounds:,} pushes; the push call alone p95 "
                 f"{percentile(report.push_service_ms, 95):.1f} ms; pull p95 "
                 f"{percentile(report.pull_ms, 95):.1f} ms"),
        BenchRow(FAULTS, float(faults_total(report)), "events", 0.0,
                 f"{report.pulled:,} events pulled and checked; "
                 + (", ".join(f"{k} {v}" for k, v in sorted(report.faults.items())) or "none"),
                 any_size=True),
        BenchRow(PULL_RATIO, ratio, "×", 2.0, "; ".join(
            f"{size} stores: join {c['join_ms']:.1f} ms, last 10 {c['last10_ms']:.1f} ms, "
            f"nothing new {c['nothing_ms']:.1f} ms" for size, c in
            sorted(report.pull_cost.items()))),
        BenchRow("chain set-up: stores, connections, devices", report.provision_s +
                 report.connect_s + report.devices_s, "s", None,
                 f"{load.stores + 1} store roles {report.provision_s:.1f} s, connections "
                 f"{report.connect_s:.1f} s, {load.stores * load.counters + 1:,} devices "
                 f"registered {report.devices_s:.1f} s; server memory with "
                 f"{load.stores + 1} connections {report.server_mb:,.0f} MB"),
    ]


QUICK = ChainLoad(stores=50, counters=3, rate=1500.0, seconds=4.0, seed_events=20,
                  chain_sizes=(10, 50), workers=8)


def bench(ctx: BenchContext) -> list[BenchRow]:
    return rows(run_on_temp_server(QUICK if ctx.quick else ChainLoad()))
