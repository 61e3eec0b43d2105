"""Checklists as versioned data: one TOML file per product kind and version in
resources/checklists/, validated like the policy documents (desk/policies/document.py): a bad
file is refused with its file, line and reason (`checklist.invalid`).

Always the nine steps of rules.CHECKLIST_STEPS in order, exactly three checks each; every check
names its evidence (rules.EVIDENCE) and who may do it (technician or clerk). A value check needs
its unit and allowed range, a signature check the document signed, a system check a condition the
system verifies (rules.CONDITIONS). The definition that a ticket pins is `Checklist.to_dict()`,
carried in the journal (`checklist.adopted`), so a later file never changes a ticket in progress.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from desk.platform.errors import DeskError
from desk.platform.money import parse_yuan
from desk.repairs.rules import (
    CHECKLIST_STEPS,
    CONDITIONS,
    EVIDENCE,
    KINDS,
    SIGNED_DOCUMENTS,
    WHO,
    Check,
    Checklist,
    Step,
)

_TOML_LINE = re.compile(r"at line (\d+)")
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
_HEAD_KEYS = {"kind", "version", "effective_from", "title", "title_en", "quote_tolerance",
              "quote_tolerance_percent"}
_CHECK_KEYS = {"id", "zh", "en", "evidence", "who", "unit", "min", "max", "document",
               "condition"}


class ChecklistError(DeskError):
    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__("checklist.invalid", file=file, line=line, reason=reason)
        self.file, self.line, self.reason = file, line, reason


def _locate(text: str, header: str | None, index: int, key: str | None) -> int:
    """The line of `key` in the `index`-th table headed `header` (counted over the whole file);
    that table's header line when the key is absent there; line 1 when nothing is found."""
    seen, current, header_line = -1, None, 1
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0]
        found = _HEADER.match(line)
        if found:
            current = found.group(1)
            if current == header:
                seen += 1
                if seen == index:
                    header_line = number
            continue
        inside = (current == header and seen == index) or (header is None and current is None)
        if inside and key is not None and re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return number
    return header_line


def parse_checklist(text: str, source: str) -> Checklist:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = _TOML_LINE.search(str(err))
        raise ChecklistError(source, int(match.group(1)) if match else 1,
                             f"not valid TOML: {err}") from None

    def fail(header: str | None, index: int, key: str | None, reason: str) -> ChecklistError:
        return ChecklistError(source, _locate(text, header, index, key), reason)

    for name in data:
        if name not in ("checklist", "step"):
            raise fail(name, 0, None, f"unknown section [{name}]")
    head = data.get("checklist")
    if not isinstance(head, dict):
        raise fail(None, 0, None, "the [checklist] table (kind, version, effective_from) is "
                                  "missing")
    for key in head:
        if key not in _HEAD_KEYS:
            raise fail("checklist", 0, key, f"unknown key '{key}' in [checklist]")
    kind = head.get("kind")
    if kind not in KINDS:
        raise fail("checklist", 0, "kind", f"kind must be one of {', '.join(KINDS)}")
    version = head.get("version")
    if not isinstance(version, str) or not version.strip():
        raise fail("checklist", 0, "version", "version must be text, e.g. \"2026.1\"")
    effective = head.get("effective_from")
    if not isinstance(effective, date) or hasattr(effective, "hour"):
        raise fail("checklist", 0, "effective_from", "effective_from must be a date "
                                                     "(YYYY-MM-DD)")
    titles = _titles(head, fail)
    try:
        tolerance = parse_yuan(str(head.get("quote_tolerance", "0")))
    except DeskError:
        raise fail("checklist", 0, "quote_tolerance",
                   "quote_tolerance is an amount in yuan, e.g. \"50.00\"") from None
    percent = head.get("quote_tolerance_percent", 0)
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise fail("checklist", 0, "quote_tolerance_percent",
                   "quote_tolerance_percent is a whole number from 0 to 100")
    raw_steps = data.get("step")
    if not isinstance(raw_steps, list):
        raise fail(None, 0, None, "the steps are missing: write nine [[step]] tables")
    if len(raw_steps) != len(CHECKLIST_STEPS):
        raise fail("step", min(len(raw_steps), len(CHECKLIST_STEPS)) - 1 if raw_steps else 0,
                   None, f"a checklist has exactly {len(CHECKLIST_STEPS)} steps, this one has "
                         f"{len(raw_steps)}")
    steps: list[Step] = []
    check_index = 0  # the [[step.check]] tables counted over the whole file (for line numbers)
    seen_ids: set[str] = set()
    for number, (raw, expected) in enumerate(zip(raw_steps, CHECKLIST_STEPS, strict=True),
                                             start=1):
        index = number - 1
        if not isinstance(raw, dict):
            raise fail("step", index, None, "a step must be a table")
        for key in raw:
            if key not in ("key", "check"):
                raise fail("step", index, key, f"unknown key '{key}' in step {number}")
        if raw.get("key") != expected:
            raise fail("step", index, "key", f"step {number} must be '{expected}'")
        checks_raw = raw.get("check")
        if not isinstance(checks_raw, list) or len(checks_raw) != 3:
            count = len(checks_raw) if isinstance(checks_raw, list) else 0
            raise fail("step", index, None,
                       f"step {number} ({expected}) needs exactly 3 checks, it has {count}")
        checks = []
        for raw_check in checks_raw:
            checks.append(_check(raw_check, number, seen_ids,
                                 lambda key, reason, i=check_index: fail("step.check", i, key,
                                                                         reason)))
            check_index += 1
        steps.append(Step(expected, tuple(checks)))
    return Checklist(kind=kind, version=version.strip(), effective_from=effective.isoformat(),
                     title=titles[0], quote_tolerance_fen=tolerance,
                     quote_tolerance_percent=percent, steps=tuple(steps), title_en=titles[1])


def _titles(head: dict[str, Any], fail: Any) -> tuple[str, str]:
    """The checklist's name in Chinese (`title`) and English (`title_en`): both or neither, as a
    check has its words in both languages."""
    found = []
    for key in ("title", "title_en"):
        value = head.get(key, "")
        if not isinstance(value, str):
            raise fail("checklist", 0, key, f"{key} must be text")
        found.append(value.strip())
    if bool(found[0]) != bool(found[1]):
        missing = "title_en" if found[0] else "title"
        raise fail("checklist", 0, missing if missing in head else None,
                   "a checklist named in one language needs its name in the other: "
                   f"write '{missing}'")
    return found[0], found[1]


def _check(raw: Any, step: int, seen: set[str], fail: Any) -> Check:
    if not isinstance(raw, dict):
        raise fail(None, "a check must be a table")
    for key in raw:
        if key not in _CHECK_KEYS:
            raise fail(key, f"unknown key '{key}' in a check")
    check_id = raw.get("id")
    if not isinstance(check_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", check_id):
        raise fail("id", "a check needs an id (lower-case letters, digits, _)")
    if check_id in seen:
        raise fail("id", f"check id '{check_id}' is used twice")
    seen.add(check_id)
    for key in ("zh", "en"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(key, f"check '{check_id}' needs its words in '{key}'")
    evidence = raw.get("evidence")
    if evidence not in EVIDENCE:
        raise fail("evidence", f"evidence '{evidence}' is not one of {', '.join(EVIDENCE)}")
    who = raw.get("who")
    if who not in WHO:
        raise fail("who", f"who must be one of {', '.join(WHO)}")
    unit, low, high, document, condition = "", "", "", "", ""
    if evidence == "value":
        unit = raw.get("unit", "")
        if not isinstance(unit, str) or not unit.strip():
            raise fail(None, f"value check '{check_id}' needs a unit")
        for key in ("min", "max"):
            value = raw.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise fail(key if key in raw else None,
                           f"value check '{check_id}' needs a number '{key}'")
        low, high = str(Decimal(str(raw["min"]))), str(Decimal(str(raw["max"])))
        if Decimal(low) > Decimal(high):
            raise fail("max", f"check '{check_id}': max is below min")
    elif any(k in raw for k in ("unit", "min", "max")):
        raise fail("unit" if "unit" in raw else "min", "unit, min and max are for value checks")
    if evidence == "signature":
        document = raw.get("document", "")
        if document not in SIGNED_DOCUMENTS:
            raise fail("document", f"a signature check names its document: "
                                   f"{', '.join(SIGNED_DOCUMENTS)}")
    if evidence == "system":
        condition = raw.get("condition", "")
        if condition not in CONDITIONS:
            raise fail("condition", f"condition '{condition}' is not one of "
                                    f"{', '.join(CONDITIONS)}")
    return Check(check_id, step, raw["zh"].strip(), raw["en"].strip(), evidence, who, unit, low,
                 high, document, condition)


def load_file(path: Path) -> Checklist:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ChecklistError(str(path), 1, f"not UTF-8 text: {err.reason}") from None
    except OSError as err:
        raise ChecklistError(str(path), 1, f"cannot read the file: {err.strerror}") from None
    return parse_checklist(text, str(path))


def load_folder(folder: Path) -> list[Checklist]:
    """Every checklist file of a folder (sorted by name); one bad file refuses them all."""
    found = [load_file(p) for p in sorted(folder.glob("*.toml"))]
    seen: set[tuple[str, str]] = set()
    for c in found:
        if (c.kind, c.version) in seen:
            raise ChecklistError(str(folder), 1, f"two files for {c.kind} {c.version}")
        seen.add((c.kind, c.version))
    return found


def in_force(checklists: list[Checklist], kind: str, day: date) -> Checklist | None:
    """The version of `kind` in force on `day` (latest effective_from not after it)."""
    candidates = [c for c in checklists if c.kind == kind and c.effective_from <= day.isoformat()]
    return max(candidates, key=lambda c: c.effective_from, default=None)
