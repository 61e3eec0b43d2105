"""Every error code the code can raise or report, found on the source (AST), with the parameters
each site passes where that is statically knowable — for tests/architecture/test_error_texts.py.

Two nets: (1) code positions — the first argument of DeskError and its subclasses, of a
refusal or finding, `RowProblem(line, code)`, `record_conflict(conn, code)`, `unique_fact(..., code,
...)`, a `{"code": ...}` dict, `x.reason = ...`, a module constant `*_CODE`; (2) every other
dotted lower-case string literal in desk/ and printing/, which must be a code, an event kind or a
name from a short list of other keys — so a code raised in a way (1) misses still gets caught.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOTTED = re.compile(r"^[a-z_]+\.[a-z_][a-z_0-9]*$")
# the first positional argument is the code, keywords are its parameters
RAISERS = {"DeskError", "CommittedRefusal", "Refusal", "Finding", "SignatureRefused"}
# (callable, position of the code)
CODE_ARGUMENT = {"RowProblem": 1, "record_conflict": 1, "unique_fact": 4, "Query": 4,
                 "SyncWarning": 0, "_signature_on": 3}
CODE_ATTRIBUTES = ("reason", "code", "last_error", "error")  # x.reason = "lookup.other_store"
UNKNOWN = None  # the parameters of a site that passes **kwargs or a dict built elsewhere


@dataclass
class Sites:
    params: dict[str, list[frozenset[str] | None]] = field(default_factory=lambda:
                                                            defaultdict(list))
    where: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    dotted: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, code: str, params: frozenset[str] | None, where: str) -> None:
        self.params[code].append(params)
        self.where[code].append(where)


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and DOTTED.match(node.value):
        return node.value
    return None


def _codes(node: ast.AST | None, constants: dict[str, str]) -> list[str]:
    """The code(s) an expression can be: a literal, a module constant, `a or "x.y"`."""
    if node is None:
        return []
    if (code := _literal(node)) is not None:
        return [code]
    if isinstance(node, ast.Name) and node.id in constants:
        return [constants[node.id]]
    if isinstance(node, ast.BoolOp):
        return [c for value in node.values for c in _codes(value, constants)]
    return []


def _keywords(call: ast.Call) -> frozenset[str] | None:
    if any(k.arg is None for k in call.keywords):
        return UNKNOWN
    return frozenset(k.arg for k in call.keywords if k.arg)


def _dict_keys(node: ast.AST | None) -> frozenset[str] | None:
    if isinstance(node, ast.Dict) and all(_is_str(k) for k in node.keys):
        return frozenset(k.value for k in node.keys if isinstance(k, ast.Constant))
    return UNKNOWN


def _is_str(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and _is_str(body[0].value):
                ids.add(id(body[0].value))
    return ids


def _subclass_codes(tree: ast.Module) -> dict[str, tuple[str, frozenset[str] | None]]:
    """`class X(DeskError)` whose __init__ calls super().__init__("code", ...)."""
    found = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        for call in ast.walk(node):
            if (isinstance(call, ast.Call) and _name(call.func) == "__init__"
                    and call.args and (code := _literal(call.args[0]))):
                found[node.name] = (code, _keywords(call))
    return found


def scan(packages: tuple[str, ...] = ("desk", "printing")) -> Sites:
    sites = Sites()
    paths = [p for pkg in packages for p in sorted((ROOT / pkg).rglob("*.py"))
             if "migrations" not in p.parts]
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in paths}
    subclasses: dict[str, tuple[str, frozenset[str] | None]] = {}
    for tree in trees.values():
        subclasses |= _subclass_codes(tree)
    for path, tree in trees.items():
        _scan_module(path, tree, sites, subclasses)
    return sites


def _scan_module(path: Path, tree: ast.Module, sites: Sites,
                 subclasses: dict[str, tuple[str, frozenset[str] | None]]) -> None:
    rel = str(path.relative_to(ROOT))
    constants = {t.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and _literal(node.value) for t in node.targets if isinstance(t, ast.Name)}
    used: set[int] = _docstrings(tree)
    for node in tree.body:
        # A module-level mapping to codes that a function raises from (e.g. the central
        # server's SQLSTATEs -> codes in desk/sync/push_sql.py, a checklist's system conditions
        # -> codes in desk/repairs/rules.py): a dict whose every value is a dotted code.
        value_node = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if (isinstance(value_node, ast.Dict) and value_node.values
                and all(re.fullmatch(r"[a-z_]+\.[a-z_]+", _literal(v) or "")
                        for v in value_node.values)):
            node.value = value_node
            for value in node.value.values:
                code = _literal(value)
                if code and "." in code:
                    sites.add(code, UNKNOWN, f"{rel}:{value.lineno}")
                    used.add(id(value))
    for node in ast.walk(tree):
        where = f"{rel}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            name = _name(node.func)
            for kw in node.keywords:
                if kw.arg in CODE_ATTRIBUTES and (code := _literal(kw.value)):
                    sites.add(code, UNKNOWN, where)
                    used.add(id(kw.value))
            if name in RAISERS and node.args:
                params = _keywords(node) if name != "Refusal" else (
                    _dict_keys(node.args[1]) if len(node.args) > 1 else UNKNOWN)
                if name == "Finding":
                    params = UNKNOWN  # a finding's detail is for the list, not the sentence
                for code in _codes(node.args[0], constants):
                    sites.add(code, params, where)
                used |= {id(a) for a in node.args[:1]}
            elif name in subclasses:
                code, params = subclasses[name]
                sites.add(code, params, where)
            elif name in CODE_ARGUMENT and len(node.args) > CODE_ARGUMENT[name]:
                arg = node.args[CODE_ARGUMENT[name]]
                for code in _codes(arg, constants):
                    sites.add(code, UNKNOWN, where)  # a row problem carries its message
                used.add(id(arg))
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if _is_str(key) and key.value == "code" and (code := _literal(value)):
                    sites.add(code, UNKNOWN, where)
                    used.add(id(value))
        elif isinstance(node, ast.Assign) and (code := _literal(node.value)):
            target = node.targets[0]
            by_attribute = isinstance(target, ast.Attribute) and target.attr in CODE_ATTRIBUTES
            if by_attribute or (isinstance(target, ast.Name) and target.id.endswith("CODE")):
                sites.add(code, UNKNOWN, where)
                used.add(id(node.value))
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
            first = node.value.elts[0] if node.value.elts else None
            if (code := _literal(first)) is not None:  # `return "x.y", {params}`
                second = node.value.elts[1] if len(node.value.elts) > 1 else None
                sites.add(code, _dict_keys(second), where)
                used.add(id(first))
    for node in ast.walk(tree):
        if id(node) not in used and (text := _literal(node)) is not None:
            sites.dotted[text].append(f"{rel}:{getattr(node, 'lineno', 0)}")
