"""The set of policy versions and which one governs a rule on a given case.

A rule is looked up in the version in force on the return (or claim) date; when that rule says
``date_basis = "purchase"``, the same rule id is then taken from the version in force on the
purchase date (when that older version has no such rule, the current one applies and the
explanation says so). A date before the first version's effective date uses the first version.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desk.policies.document import PolicyDocument, PolicyError, Rule, load_file


@dataclass(frozen=True)
class Applied:
    """A rule as applied to a case: the rule, the version it came from and why that version."""

    rule: Rule
    version: str
    date_basis: str
    basis_date: date
    fallback: bool = False  # the purchase-date version lacked the rule; the current one applied

    def __getitem__(self, key: str) -> Any:
        return self.rule[key]

    def explain(self, **numbers: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule.id, "version": self.version,
                               "date_basis": self.date_basis,
                               "date": self.basis_date.isoformat(), "numbers": numbers}
        if self.fallback:
            out["fallback"] = True
        return out


class PolicySet:
    def __init__(self, documents: Iterable[PolicyDocument]) -> None:
        docs = sorted(documents, key=lambda d: d.effective_from)
        if not docs:
            raise PolicyError("(none)", 1, "no policy document")
        seen: dict[str, str] = {}
        dates: dict[date, str] = {}
        for doc in docs:
            if doc.version in seen:
                raise PolicyError(doc.source, 1, f"version '{doc.version}' is also in "
                                                 f"{seen[doc.version]}")
            if doc.effective_from in dates:
                raise PolicyError(doc.source, 1, f"another version ({dates[doc.effective_from]}) "
                                                 f"takes effect the same day")
            seen[doc.version] = doc.source
            dates[doc.effective_from] = doc.version
        self.documents: tuple[PolicyDocument, ...] = tuple(docs)

    @property
    def versions(self) -> list[str]:
        return [d.version for d in self.documents]

    def at(self, day: date) -> PolicyDocument:
        """The version in force on `day` (the first version for an earlier day)."""
        current = self.documents[0]
        for doc in self.documents:
            if doc.effective_from <= day:
                current = doc
        return current

    def resolve(self, rule_id: str, purchase: date, today: date) -> Applied:
        now = self.at(today)
        rule = now.rules[rule_id]
        if rule.date_basis == "return":
            return Applied(rule, now.version, "return", today)
        then = self.at(purchase)
        older = then.rules.get(rule_id)
        if older is None:
            return Applied(rule, now.version, "purchase", purchase, fallback=True)
        return Applied(older, then.version, "purchase", purchase)

    def singleton(self, section: str, purchase: date, today: date) -> Applied:
        return self.resolve(self.at(today).singletons[section], purchase, today)

    def return_rule(self, category_kind: str, purchase: date, today: date) -> Applied:
        return self.resolve(self.at(today).return_rule_id(category_kind), purchase, today)

    def tender_rule(self, tender: str, purchase: date, today: date) -> Applied | None:
        rule_id = self.at(today).tender_rules.get(tender)
        return None if rule_id is None else self.resolve(rule_id, purchase, today)

    def warranty_rule(self, category_kind: str, purchase: date, today: date) -> Applied | None:
        """The repair warranty of a category (None: no rule, every repair is paid). A rule that
        today's version dropped still holds for a purchase made under a version that had it."""
        rule_id = self.at(today).warranty_by_kind.get(category_kind)
        if rule_id is not None:
            return self.resolve(rule_id, purchase, today)
        then = self.at(purchase)
        rule_id = then.warranty_by_kind.get(category_kind)
        if rule_id is None:
            return None
        return Applied(then.rules[rule_id], then.version, "purchase", purchase)

    def compensation_rule(self, kind: str, purchase: date, today: date) -> Applied:
        return self.resolve(self.at(today).compensation_rules[kind], purchase, today)


def load_directory(folder: Path) -> PolicySet:
    """Every *.toml in `folder` (not its sub-folders): one version each."""
    files = sorted(p for p in folder.glob("*.toml") if p.is_file())
    if not files:
        raise PolicyError(str(folder), 1, "no policy file (*.toml) in this folder")
    return PolicySet(load_file(p) for p in files)


class PolicyHolder:
    """The policies in force at this counter. A reload that fails keeps the previous set and
    remembers the error (file, line, reason) for the screen and the log."""

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self._folders = list(folders or [])
        self._lock = threading.Lock()
        self._current: PolicySet | None = None
        self.last_error: PolicyError | None = None

    @property
    def folders(self) -> list[Path]:
        return list(self._folders)

    def current(self) -> PolicySet:
        with self._lock:
            if self._current is None:
                self._current = self._load()  # the first load must succeed: raise otherwise
            return self._current

    def reload(self, folders: Sequence[Path] | None = None) -> PolicyError | None:
        """Load again (optionally from other folders). Returns the error, if any; on an error
        the previous policies stay in force."""
        with self._lock:
            previous_folders = self._folders
            if folders is not None:
                self._folders = list(folders)
            try:
                fresh = self._load()
            except PolicyError as err:
                self._folders = previous_folders
                self.last_error = err
                return err
            self._current = fresh
            self.last_error = None
            return None

    def install(self, policies: PolicySet) -> None:
        with self._lock:
            self._current = policies

    def _load(self) -> PolicySet:
        docs: list[PolicyDocument] = []
        for folder in self._folders:
            files = sorted(p for p in folder.glob("*.toml") if p.is_file())
            docs.extend(load_file(p) for p in files)
        if not docs:
            where = ", ".join(str(f) for f in self._folders) or "(no folder)"
            raise PolicyError(where, 1, "no policy file (*.toml) found")
        return PolicySet(docs)
