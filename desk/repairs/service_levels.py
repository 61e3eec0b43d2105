"""Service levels of repair tickets: the response clock of each level, and when a ticket is
breached, overdue or stale. Pure rules: times are the journal's local ISO times
(`YYYY-MM-DDTHH:MM:SS`), `now` is the injected clock's — so the clocks keep counting offline.

- The response clock starts at the ticket's `opened_at`: simple — answered within 5 minutes,
  complex — a solution within 30 minutes, major — on site within 2 hours (DESIGN.md "Repairs").
- **Responded**: the first fact of the ticket's work after intake — a check recorded or waived
  that is not one of the intake's own checks (fault described, usage environment asked, contact
  confirmed, intake signed: what the counter records while opening the ticket), or a quote.
- **Breached**: the response deadline passed without a response (a response after the deadline
  does not undo the breach).
- **Overdue**: the promised date passed and the ticket is not picked up (completion signed).
- **Stale**: no new fact on the ticket for `STALE_HOURS` hours (an escalation is not a new fact
  of the repair: it does not make a ticket fresh).
Only tickets still in the workshop (open, not picked up) are breached, overdue or stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.repairs.rules import INTAKE_NOTES, INTAKE_SIGNATURE, INTAKE_TICK

RESPONSE_WINDOWS: dict[str, timedelta] = {
    "simple": timedelta(minutes=5),
    "complex": timedelta(minutes=30),
    "major": timedelta(hours=2),
}
STALE_HOURS = 24  # "not updated for N hours": a store rule, the same for every level
INTAKE_CHECKS = frozenset({*INTAKE_NOTES, INTAKE_TICK, INTAKE_SIGNATURE})
REASONS = ("response_breached", "overdue", "stale")  # why a ticket is escalated
_DAY_END = "T23:59:59"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def respond_by(opened_at: str, service_level: str) -> str:
    """The response deadline of a ticket opened at `opened_at` (an unknown level: the
    strictest window, so a bad row never hides a breach)."""
    window = RESPONSE_WINDOWS.get(service_level, RESPONSE_WINDOWS["simple"])
    return _iso(datetime.fromisoformat(opened_at) + window)


def is_response(step: int, check_id: str) -> bool:
    """Whether a check fact answers the ticket (see the module doc): any check but the intake's."""
    return not (step <= 2 and check_id in INTAKE_CHECKS)


@dataclass(frozen=True)
class TicketClock:
    """The derived times of one ticket (the ticket_clocks row)."""

    code: str
    status: str  # the ticket's: open, returned, archived
    service_level: str
    opened_at: str
    respond_by: str
    responded_at: str  # "" until the first response
    promised_date: str
    picked_up_at: str  # "" until the completion is signed
    last_fact_at: str
    escalated: frozenset[str] = frozenset()  # reasons escalated so far
    stale_escalated_at: str = ""  # the latest escalation for staleness

    @property
    def in_workshop(self) -> bool:
        return self.status == "open" and not self.picked_up_at

    @property
    def due_at(self) -> str:
        """What the queue sorts by: the response deadline until answered, then the end of the
        promised day."""
        if not self.responded_at and self.in_workshop:
            return min(self.respond_by, self.promised_date + _DAY_END)
        return self.promised_date + _DAY_END


def breached(clock: TicketClock, now: str) -> bool:
    return clock.in_workshop and (clock.responded_at or now) > clock.respond_by


def overdue(clock: TicketClock, now: str) -> bool:
    return clock.in_workshop and now[:10] > clock.promised_date


def stale_since(now: str, hours: int = STALE_HOURS) -> str:
    """The time before which a ticket's last fact makes it stale."""
    return _iso(datetime.fromisoformat(now) - timedelta(hours=hours))


def stale(clock: TicketClock, now: str, hours: int = STALE_HOURS) -> bool:
    return clock.in_workshop and clock.last_fact_at < stale_since(now, hours)


def standing(clock: TicketClock, now: str) -> tuple[str, ...]:
    """Every reason a ticket stands out now, in REASONS order."""
    checks = (breached(clock, now), overdue(clock, now), stale(clock, now))
    return tuple(reason for reason, on in zip(REASONS, checks, strict=True) if on)


def to_escalate(clock: TicketClock, now: str) -> tuple[str, ...]:
    """The reasons a sweep should escalate now: a breach and an overdue ticket once each; a
    stale ticket once per stretch without news (again when it goes stale again after a fact)."""
    out = []
    for reason in standing(clock, now):
        if reason == "stale":
            if clock.stale_escalated_at < clock.last_fact_at:  # "" before any escalation
                out.append(reason)
        elif reason not in clock.escalated:
            out.append(reason)
    return tuple(out)
