"""Repair rules (pure): the nine checklist steps, the checklist model, the state of a ticket's
checklist as a function of the set of its check facts, evidence, quotes, and when a ticket is
overdue.

The checklist state is computed from the *set* of facts (recorded, waived, corrected checks),
never from their arrival order: two counters ticking offline both keep their ticks, and a
correction supersedes exactly the fact it names, which stays in the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property
from operator import attrgetter
from typing import Any

from desk.platform.errors import DeskError
from desk.policies.document import TENDER_KINDS

CHECKLIST_STEPS = ("booking", "diagnosis", "quote", "repair", "cleaning", "testing",
                   "explanation", "follow_up", "archive")
REPAIR_STEP = 4  # 施工: cannot start before the quote is signed
TESTING_STEP = 6
EXPLANATION_STEP = 7  # the three demonstrations; the completion signature covers steps 1..7
SERVICE_LEVELS = frozenset({"simple", "complex", "major"})
KINDS = ("appliance", "electronics", "clothing", "jewelry", "general")
# category kind (catalog) -> checklist kind
CATEGORY_TO_KIND = {"appliance": "appliance", "electronics": "electronics",
                    "clothing": "clothing", "down_jacket": "clothing", "jewelry": "jewelry"}
EVIDENCE = ("tick", "value", "note", "photo", "signature", "system")
WHO = ("technician", "clerk")
SIGNED_DOCUMENTS = ("intake",)
CONDITIONS = ("quote_present", "quote_signed", "test_value_present", "completion_signed",
              "file_complete")
CONDITION_REFUSALS = {"quote_present": "repair.quote_missing",
                      "quote_signed": "repair.quote_not_signed",
                      "test_value_present": "repair.test_value_missing",
                      "completion_signed": "repair.completion_unsigned"}
WAIVER_REASONS = ("not_applicable", "customer_declined", "part_unavailable",
                  "customer_absent", "other")
FREE_REASONS = ("", "warranty", "lifetime")
# the checks the counter's intake does (every checklist has them): what the customer answers
INTAKE_NOTES = {"fault_described": "fault", "environment_asked": "environment"}
INTAKE_TICK = "contact_confirmed"
INTAKE_SIGNATURE = "intake_signed"
MAX_NOTE = 2000


def checklist_kind(category_kind: str | None) -> str:
    return CATEGORY_TO_KIND.get(category_kind or "", "general")


@dataclass(frozen=True)
class Check:
    id: str
    step: int
    zh: str
    en: str
    evidence: str
    who: str
    unit: str = ""
    min: str = ""  # decimal text
    max: str = ""
    document: str = ""
    condition: str = ""


@dataclass(frozen=True)
class Step:
    key: str
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Checklist:
    kind: str
    version: str
    effective_from: str
    title: str
    quote_tolerance_fen: int
    quote_tolerance_percent: int
    steps: tuple[Step, ...]
    title_en: str = ""  # the English name; `title` is the Chinese one

    def check(self, step: int, check_id: str) -> Check:
        if not 1 <= step <= len(self.steps):
            raise DeskError("repair.unknown_check", step=step, check_id=check_id)
        for c in self.steps[step - 1].checks:
            if c.id == check_id:
                return c
        raise DeskError("repair.unknown_check", step=step, check_id=check_id)

    @cached_property
    def blank_states(self) -> tuple[tuple[CheckState, ...], ...]:
        """Per step, each check not done (no fact, no history): made once per checklist (an
        immutable value), the state of every check a ticket has no fact for."""
        return tuple(tuple(CheckState(c, None, ()) for c in s.checks) for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "version": self.version,
                "effective_from": self.effective_from, "title": self.title,
                "title_en": self.title_en,
                "quote_tolerance_fen": self.quote_tolerance_fen,
                "quote_tolerance_percent": self.quote_tolerance_percent,
                "steps": [{"key": s.key, "checks": [vars(c) for c in s.checks]}
                          for s in self.steps]}

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> Checklist:
        return Checklist(d["kind"], d["version"], d["effective_from"], d["title"],
                         d["quote_tolerance_fen"], d["quote_tolerance_percent"],
                         tuple(Step(s["key"], tuple(Check(**c) for c in s["checks"]))
                               for s in d["steps"]),
                         d.get("title_en", ""))  # a ticket pinned before the English name


# --- facts and the checklist state --------------------------------------------------------------

@dataclass(frozen=True)
class CheckFact:
    event_id: str
    hlc: str
    kind: str  # recorded, waived, corrected
    step: int
    check_id: str
    actor: str
    at: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    reason: str = ""  # a waiver's reason code, a correction's note
    approved_by: str = ""  # who approved a waiver
    corrects: str = ""  # the event id a correction supersedes


@dataclass(frozen=True)
class CheckState:
    check: Check
    fact: CheckFact | None  # the fact in force (None: not done)
    history: tuple[CheckFact, ...]  # every fact of this check, oldest first

    @property
    def done(self) -> bool:
        return self.fact is not None

    @property
    def waived(self) -> bool:
        return self.fact is not None and self.fact.kind == "waived"


@dataclass(frozen=True)
class ChecklistState:
    checklist: Checklist
    steps: tuple[tuple[CheckState, ...], ...]

    @property
    def current_step(self) -> int:
        """The first step not complete (1..9); 10 when all nine are."""
        for number, states in enumerate(self.steps, start=1):
            if not all(s.done for s in states):
                return number
        return len(self.steps) + 1

    def step_complete(self, step: int) -> bool:
        return all(s.done for s in self.steps[step - 1])

    def state(self, step: int, check_id: str) -> CheckState:
        for s in self.steps[step - 1]:
            if s.check.id == check_id:
                return s
        raise DeskError("repair.unknown_check", step=step, check_id=check_id)


def checklist_state(checklist: Checklist, facts: Iterable[CheckFact]) -> ChecklistState:
    """The state from the set of facts: order-independent (sorted by HLC, then event id).
    Every command on a ticket computes it (~30 us for a ticket's ~17 facts)."""
    ordered = sorted(facts, key=_FACT_ORDER)
    superseded = {f.corrects for f in ordered if f.corrects}
    by_check: dict[tuple[int, str], list[CheckFact]] = {}
    for f in ordered:
        key = (f.step, f.check_id)
        found = by_check.get(key)
        if found is None:
            by_check[key] = [f]
        else:
            found.append(f)
    steps = []
    for number, (step, blanks) in enumerate(zip(checklist.steps, checklist.blank_states,
                                                strict=True), start=1):
        states = []
        for check, blank in zip(step.checks, blanks, strict=True):
            history = by_check.get((number, check.id))
            if history is None:
                states.append(blank)
                continue
            live = None
            for f in reversed(history):
                if f.event_id not in superseded:
                    live = f
                    break
            states.append(CheckState(check, live, tuple(history)))
        steps.append(tuple(states))
    return ChecklistState(checklist, tuple(steps))


_FACT_ORDER = attrgetter("hlc", "event_id")


def has_test_value(state: ChecklistState) -> bool:
    """Step 6 has a recorded value (a waived value check does not count)."""
    return any(s.fact is not None and s.fact.kind != "waived" and "value" in s.fact.evidence
               for s in state.steps[TESTING_STEP - 1] if s.check.evidence == "value")


# --- what may be done ---------------------------------------------------------------------------

def require_in_order(state: ChecklistState, step: int, check_id: str) -> CheckState:
    current = state.current_step
    if step > current:
        raise DeskError("repair.step_out_of_order", step=step, current=current)
    check_state = state.state(step, check_id)
    if check_state.done:
        raise DeskError("repair.check_done", step=step, check_id=check_id)
    return check_state


def require_role(check: Check, role: str | None) -> None:
    """A technician's check is done by a technician (or a manager, admin); anyone else may do a
    clerk's check. `None` is the system actor (the demo)."""
    if check.who == "technician" and role == "clerk":
        raise DeskError("repair.not_allowed_for_role", check_id=check.id, who=check.who,
                        role=role)


def clean_evidence(check: Check, value: str, note: str, photo_sha256: str,
                   signature_id: str) -> dict[str, Any]:
    """The evidence the check asks for, checked (photos and signatures are then looked up)."""
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise DeskError("value.invalid", field="note", reason=f"longer than {MAX_NOTE}")
    out: dict[str, Any] = {"note": note} if note else {}
    if check.evidence == "value":
        if not value.strip():
            raise DeskError("repair.value_missing", check_id=check.id, unit=check.unit)
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise DeskError("repair.value_missing", check_id=check.id, unit=check.unit) from None
        if not number.is_finite() or not Decimal(check.min) <= number <= Decimal(check.max):
            raise DeskError("repair.value_out_of_range", value=value.strip(), unit=check.unit,
                            min=check.min, max=check.max)
        out |= {"value": str(number), "unit": check.unit}
    elif check.evidence == "note" and not note:
        raise DeskError("repair.note_missing", check_id=check.id)
    elif check.evidence == "photo":
        if not photo_sha256.strip():
            raise DeskError("repair.photo_missing", sha256="")
        out["photo_sha256"] = photo_sha256.strip().lower()
    elif check.evidence == "signature":
        if not signature_id.strip():
            raise DeskError("repair.signature_missing", check_id=check.id)
        out["signature_id"] = signature_id.strip()
    return out


def require_condition(condition: str, facts: Mapping[str, bool]) -> None:
    if condition == "file_complete":
        for needed in ("quote_signed", "test_value_present", "completion_signed"):
            require_condition(needed, facts)
        return
    if not facts.get(condition):
        raise DeskError(CONDITION_REFUSALS[condition])


# --- quotes ---------------------------------------------------------------------------------------

def quote_charged(parts_fen: int, labour_fen: int, free_reason: str) -> int:
    """What the customer pays: nothing under warranty or lifetime repair."""
    return 0 if free_reason else parts_fen + labour_fen


def free_reason_of(recorded: str | None, asked: str) -> str:
    """The quote's free reason: the warranty verdict recorded at intake decides. A ticket from
    before verdicts (None) keeps the clerk's choice; otherwise the clerk may only repeat it."""
    if recorded is None:
        return asked
    if asked and asked != recorded:
        raise DeskError("repair.not_under_warranty", free_reason=asked)
    return recorded


def check_payments(payments: Iterable[tuple[str, int]], due_fen: int) -> list[dict[str, Any]]:
    """A pickup's payment by tender (mixed tenders too): known tenders, positive amounts, and a
    sum that is exactly the amount due (nothing when nothing is due)."""
    out: list[dict[str, Any]] = []
    for tender, amount in payments:
        if tender not in TENDER_KINDS:
            raise DeskError("repair.tender_unknown", tender=tender)
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise DeskError("repair.payment_invalid", tender=tender)
        out.append({"tender": tender, "amount_fen": amount})
    paid, due = sum(p["amount_fen"] for p in out), max(0, due_fen)
    if paid != due:
        raise DeskError("repair.payment_mismatch", paid=f"{paid // 100}.{paid % 100:02d}",
                        due=f"{due // 100}.{due % 100:02d}")
    return out


def within_tolerance(signed_fen: int, new_fen: int, tolerance_fen: int, percent: int) -> bool:
    """A revised quote keeps the customer's signature only when it is no dearer than the signed
    one by more than the tolerance (both the amount and the percent must hold)."""
    rise = new_fen - signed_fen
    return rise <= 0 or (rise <= tolerance_fen and rise * 100 <= signed_fen * percent)


# --- dates ---------------------------------------------------------------------------------------

def days_late(promised_date: str, today: date) -> int:
    """Whole days past the promised date (0 on the day itself and before it)."""
    return max(0, (today - date.fromisoformat(promised_date)).days)


def is_overdue(promised_date: str, status: str, today: date) -> bool:
    """The one definition of overdue: an open ticket whose promised date has passed."""
    return status == "open" and days_late(promised_date, today) > 0
