"""The demo's repair tickets walked forward through the real repair commands.

`plan_walks` decides, from each ticket's opening time, service level and promised date, how far
it has got by now: the steps done (with the time of each), the pickup (completion signed), the
follow-up call and the archive. Tickets go at a pace that keeps the promise; then about one in
ten of the tickets still in the workshop is made late (promised date passed, not picked up),
chosen among the recently due ones. `Walker` then dispatches what a plan says — checks with
their evidence, the quote and its signature, the completion signature with its payment, the
follow-up and the archive checks — each with a fixed clock at the plan's time.

Evidence: one small generated photo (stored once, the evidence store dedupes by hash) and one
set of strokes with one small image for every signature (a signature's id comes from the
document it signs, so the same ink on another document is another signature).
"""

from __future__ import annotations

import base64
import random
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from desk.demo import data as d
from desk.platform.bus import Context
from desk.platform.commands import Command
from desk.platform.ports import FixedClock
from desk.platform.uow import UnitOfWork
from desk.repairs import rules as r
from desk.repairs.commands import (
    Payment,
    ProposeQuote,
    QuotePart,
    RecordCheck,
    SignCompletion,
    SignQuote,
)
from desk.repairs.evidence import store_photo
from desk.repairs.queries import TicketRecord, ticket_record
from desk.repairs.service_levels import RESPONSE_WINDOWS
from desk.signatures.commands import CaptureSignature

LATE_SHARE = 0.10  # of the tickets still in the workshop: promised date passed
OPEN_AT, LAST_AT = time(9, 40), time(21, 30)  # when the counter and the workshop record facts
TECH_IDS = tuple(s.staff_id for s in d.STAFF if s.role == "technician")
_PARTS = {"appliance": ("温控器", 3800), "electronics": ("扬声器单元", 6500),
          "clothing": ("拉链头", 1500), "jewelry": ("链扣", 8800), "general": ("配件", 2000)}
_NOTES = {"environment_asked": "家中日常使用，无进水、无摔落",
          "parts_recorded": "已更换配件，旧件交还客户",
          "call_made": "已电话回访客户", "recurrence_asked": "故障未再出现"}


@dataclass(frozen=True)
class TicketToWalk:
    code: str
    kind: str  # checklist kind
    fault: str
    opened: datetime
    promised: str  # YYYY-MM-DD
    level: str


@dataclass(frozen=True)
class WalkPlan:
    ticket: TicketToWalk
    steps: tuple[datetime, ...]  # when each of steps 1..n was done (n <= 7)
    quote_only: datetime | None = None  # at step 3: proposed, not yet signed
    picked_up: datetime | None = None
    followed_up: datetime | None = None  # steps 8 and 9: the call, then the archive

    @property
    def stage(self) -> str:
        """'step N' (the current step, 1..7), 'pickup' (waiting), 'picked_up', 'archived'."""
        if self.followed_up is not None:
            return "archived"
        if self.picked_up is not None:
            return "picked_up"
        return "pickup" if len(self.steps) >= r.EXPLANATION_STEP else f"step {len(self.steps) + 1}"

    @property
    def commands(self) -> int:
        """How many commands the walk dispatches (each records one event)."""
        n = len(self.steps)
        count = n * 3 + (1 if n >= 2 else 0)  # + the intake signature
        if n >= 3 or self.quote_only is not None:
            count += 1 if self.quote_only is not None else 3  # quote; its signature
        if self.picked_up is not None:
            count += 2
        if self.followed_up is not None:
            count += 6
        return count


def _shop(moment: datetime) -> datetime:
    """The same moment if the shop is open then, else the next opening (plus what was left)."""
    day = moment.date()
    if moment.time() < OPEN_AT:
        return datetime.combine(day, OPEN_AT) + timedelta(seconds=moment.minute * 7)
    if moment.time() > LAST_AT:
        return datetime.combine(day + timedelta(days=1), OPEN_AT) + timedelta(
            seconds=moment.minute * 7)
    return moment


def _timeline(rng: random.Random, t: TicketToWalk, ready: datetime) -> list[datetime]:
    """When steps 1..7 are done: the counter's intake at once, the first answer within the
    level's response window, the rest spread up to `ready`."""
    window = RESPONSE_WINDOWS[t.level].total_seconds()
    first = t.opened + timedelta(seconds=rng.randint(40, 100))
    answer = t.opened + timedelta(seconds=110 + rng.random() * max(window * 0.8 - 110, 30))
    times = [first, answer]
    span = max((ready - answer).total_seconds(), 600)
    for k in range(1, 6):
        times.append(max(_shop(answer + timedelta(seconds=span * k / 5)),
                         times[-1] + timedelta(minutes=10)))
    return times


def _on_time(rng: random.Random, t: TicketToWalk, now: datetime) -> WalkPlan:
    promised_end = datetime.combine(datetime.fromisoformat(t.promised).date(), LAST_AT)
    ready = t.opened + (promised_end - t.opened) * rng.uniform(0.35, 0.85)
    times = _timeline(rng, t, ready)
    pickup = times[-1] + (promised_end - times[-1]) * rng.uniform(0.1, 0.95)
    pickup = max(min(_shop(pickup), promised_end), times[-1] + timedelta(minutes=30))
    follow = _shop(pickup + timedelta(days=rng.randint(1, 3), minutes=rng.randint(0, 300)))
    return _cut(rng, t, times, pickup, follow, now)


def _late(rng: random.Random, t: TicketToWalk, now: datetime) -> WalkPlan:
    """Behind its promise: still in the workshop, or ready and the customer not come."""
    if rng.random() < 0.3:
        ready = t.opened + (now - t.opened) * rng.uniform(0.5, 0.9)
    else:
        ready = now + (now - t.opened) * rng.uniform(0.1, 1.0)
    return _cut(rng, t, _timeline(rng, t, ready), None, None, now)


def _cut(rng: random.Random, t: TicketToWalk, times: list[datetime], pickup: datetime | None,
         follow: datetime | None, now: datetime) -> WalkPlan:
    """What of the timeline has happened by now (each step's checks take a few minutes)."""
    last = now - timedelta(minutes=10)
    done = tuple(x for x in times if x <= last)
    quote_only = None
    if len(done) == 2 and times[2] > last and rng.random() < 0.5:
        quote_only = done[1] + timedelta(minutes=15)
        quote_only = quote_only if quote_only <= last else None
    if len(done) < len(times) or pickup is None or pickup > last:
        return WalkPlan(t, done, quote_only)
    return WalkPlan(t, done, None, pickup, follow if follow is not None and follow <= last
                    else None)


def plan_walks(rng: random.Random, tickets: list[TicketToWalk], now: datetime,
               limit: int | None = None) -> list[WalkPlan]:
    """How far each ticket has got by `now` (see the module doc); with `limit`, only the plans
    of the tickets `plan_store` walks."""
    return plan_store(rng, tickets, now, limit)[1]


def plan_store(rng: random.Random, tickets: list[TicketToWalk], now: datetime,
               limit: int | None = None) -> tuple[list[WalkPlan], list[WalkPlan]]:
    """(finished before, walked). Without `limit` every ticket is walked. With it, the tickets
    older than the `limit` most recent ones and finished by now (archived) are set apart: the
    store's long past, which the demo imports as the previous system's repair history. The
    late ones are a tenth of the walked tickets still in the workshop."""
    plans = [_on_time(rng, t, now) for t in tickets]
    before: list[WalkPlan] = []
    if limit is not None and limit < len(plans):
        by_age = sorted(range(len(plans)), key=lambda i: plans[i].ticket.opened)
        newest = set(by_age[len(plans) - max(limit, 0):])
        before = [p for i, p in enumerate(plans) if i not in newest and p.stage == "archived"]
        plans = [p for i, p in enumerate(plans) if i in newest or p.stage != "archived"]
    in_workshop = sum(p.picked_up is None for p in plans)
    due = sorted((i for i, p in enumerate(plans)
                  if p.picked_up is not None and p.ticket.promised < now.date().isoformat()),
                 key=lambda i: (plans[i].ticket.promised, plans[i].ticket.code), reverse=True)
    late = round(in_workshop * LATE_SHARE / (1 - LATE_SHARE))
    for i in rng.sample(due[:late * 4], min(late, len(due))):
        plans[i] = _late(rng, plans[i].ticket, now)
    return before, plans


# --- dispatching a plan ------------------------------------------------------------------------

def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small one-colour PNG, written without an imaging library."""
    def chunk(tag: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + tag + body
                + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF))
    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


_INK_PNG = base64.b64encode(png(60, 20, (30, 30, 30))).decode("ascii")
_STROKES = [[[20 + 8 * i, 60 + (i * 7) % 23, 15 * i, 1000] for i in range(32)]]


class Walker:
    """Dispatches walk plans into a unit of work, through each command's own handler."""

    def __init__(self, evidence: Path) -> None:
        self.photo = store_photo(evidence, png(64, 48, (180, 150, 120))).sha256

    def walk(self, uow: UnitOfWork, plan: WalkPlan, rng: random.Random) -> None:
        t = plan.ticket
        record = self._record(uow, t.code)
        assert record.checklist is not None
        for step, at in enumerate(plan.steps, start=1):
            if step == 3:  # the quote and its signature come before the quote's checks
                self._quote(uow, t, at, True, rng)
                at += timedelta(minutes=2)
            for i, check in enumerate(record.checklist.steps[step - 1].checks):
                self._check(uow, plan, record, check, at + timedelta(minutes=i), rng)
        if plan.quote_only is not None:  # at step 3: proposed, the customer not yet signed
            self._quote(uow, t, plan.quote_only, False, rng)
        if plan.picked_up is not None:
            self._pickup(uow, t, plan.picked_up, rng)
        if plan.followed_up is not None:
            for step in (8, 9):
                for i, check in enumerate(record.checklist.steps[step - 1].checks):
                    at = plan.followed_up + timedelta(minutes=i + 3 * (step - 8))
                    self._check(uow, plan, record, check, at, rng)

    @staticmethod
    def _record(uow: UnitOfWork, code: str) -> TicketRecord:
        record = ticket_record(uow.conn, code)
        assert record is not None, code
        return record

    @staticmethod
    def _run(uow: UnitOfWork, command: Command, actor: str, at: datetime) -> Any:
        uow.actor = actor
        spec = uow.db.registry.spec(command.name)
        assert spec is not None, command.name
        return spec.handler(command, uow, Context(FixedClock(at), None))

    def _sign(self, uow: UnitOfWork, kind: str, code: str, sha: str, at: datetime,
              clerk: str) -> str:
        captured = self._run(uow, CaptureSignature(document_kind=kind, document_ref=code,
                                                   document_sha256=sha, png_base64=_INK_PNG,
                                                   strokes=_STROKES), clerk, at)
        return str(captured.signature_id)

    def _check(self, uow: UnitOfWork, plan: WalkPlan, record: TicketRecord, check: r.Check,
               at: datetime, rng: random.Random) -> None:
        who = rng.choice(TECH_IDS if check.who == "technician" else d.CLERK_IDS)
        value, note, photo, signature = "", "", "", ""
        if check.evidence == "value":
            value = rng.choice("55543") if check.id == "satisfaction" else check.min
        elif check.evidence == "note":
            note = plan.ticket.fault if check.id in ("fault_described", "fault_classified") \
                else _NOTES.get(check.id, "已记录")
        elif check.evidence == "photo":
            photo = self.photo
        elif check.evidence == "signature":
            signature = self._sign(uow, "intake", record.code, record.intake_sha256, at, who)
        self._run(uow, RecordCheck(ticket_code=record.code, step=check.step, check_id=check.id,
                                   value=value, note=note, photo_sha256=photo,
                                   signature_id=signature), who, at)

    def _quote(self, uow: UnitOfWork, t: TicketToWalk, at: datetime, signed: bool,
               rng: random.Random) -> None:
        clerk = rng.choice(d.CLERK_IDS)
        part, price = _PARTS[t.kind]
        quoted = self._run(uow, ProposeQuote(ticket_code=t.code,
                                             parts=[QuotePart(part, "", price)],
                                             labour_fen=rng.choice((2000, 3000, 5000))),
                           clerk, at)
        if signed:
            sha = str(quoted["quote_sha256"])
            self._run(uow, SignQuote(ticket_code=t.code, signature_id=self._sign(
                uow, "quote", t.code, sha, at, clerk)), clerk, at + timedelta(minutes=1))

    def _pickup(self, uow: UnitOfWork, t: TicketToWalk, at: datetime,
                rng: random.Random) -> None:
        record = self._record(uow, t.code)
        clerk = rng.choice(d.CLERK_IDS)
        due = record.quote.charged_fen if record.quote is not None else 0
        tender = rng.choice(("wechat_pay", "alipay", "wechat_pay", "cash", "bank_card"))
        self._run(uow, SignCompletion(
            ticket_code=t.code,
            signature_id=self._sign(uow, "completion", t.code, record.completion_sha256, at,
                                    clerk),
            payments=[Payment(tender, due)] if due else []), clerk, at)
