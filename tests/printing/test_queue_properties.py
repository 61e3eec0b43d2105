"""Random lives of the print queue (hypothesis state machine): whatever happens — failures,
holds, the app dying mid-send, reprints — no job comes out of the printer twice by itself and
no job is ever lost."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as s
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from desk.capabilities import open_database
from desk.printjobs import queue as q

T0 = 1_800_000_000_000


class QueueLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.db = open_database(None, wall_ms=lambda: T0)
        self.now = T0
        self.jobs: list[int] = []
        self.paper: list[int] = []  # job ids in the order they physically came out
        self.crashed: dict[int, bool] = {}  # uncertain job -> did it really come out?

    def teardown(self) -> None:
        self.db.dispose()

    @rule(copy=s.booleans())
    def enqueue(self, copy: bool) -> None:
        printed = [j for j in self.jobs if q.get(self.db, j, with_data=False).status == q.PRINTED]
        if copy and printed:
            self.jobs.append(q.reprint(self.db, printed[0], b"COPY", at_ms=self.now))
        else:
            self.jobs.append(q.enqueue(self.db, "quote", b"DOC", at_ms=self.now))

    @rule()
    def print_one(self) -> None:
        job = q.claim_next(self.db, self.now)
        if job is not None:
            self.paper.append(job.job_id)
            q.mark_printed(self.db, job.job_id, self.now)

    @rule(code=s.sampled_from(["printer.disconnected", "printer.write_timeout"]))
    def send_fails(self, code: str) -> None:
        job = q.claim_next(self.db, self.now)
        if job is not None:
            q.mark_failed(self.db, job.job_id, code, at_ms=self.now)

    @rule(came_out=s.booleans())
    def app_dies_mid_send(self, came_out: bool) -> None:
        job = q.claim_next(self.db, self.now)
        if job is None:
            return
        if came_out:
            self.paper.append(job.job_id)
        self.crashed[job.job_id] = came_out
        assert q.recover_interrupted(self.db, self.now) == [job.job_id]

    @precondition(lambda self: bool(self.crashed))
    @rule()
    def clerk_looks_at_the_printer(self) -> None:
        job_id, came_out = self.crashed.popitem()
        q.resolve_uncertain(self.db, job_id, printed=came_out, at_ms=self.now)

    @rule(code=s.sampled_from(["printer.paper_out", "printer.cover_open"]))
    def printer_stops(self, code: str) -> None:
        q.hold(self.db, code, at_ms=self.now)

    @rule()
    def printer_back(self) -> None:
        q.release(self.db, self.now)

    @rule(ms=s.integers(0, 400_000))
    def time_passes(self, ms: int) -> None:
        self.now += ms

    @invariant()
    def nothing_printed_twice(self) -> None:
        assert len(self.paper) == len(set(self.paper))

    @invariant()
    def nothing_lost(self) -> None:
        statuses = {j.job_id: j.status for j in q.history(self.db, limit=10_000)}
        assert set(statuses) == set(self.jobs)
        for job_id, status in statuses.items():
            if status == q.PRINTED:
                assert job_id in self.paper
            else:
                assert status in q.PENDING
        assert q.pending_count(self.db) == sum(st != q.PRINTED for st in statuses.values())


QueueLife.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
test_queue_life = QueueLife.TestCase
