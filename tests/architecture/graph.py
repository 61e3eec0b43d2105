"""The module graph of the project's own packages, computed from the source (imports inside
functions included), for the architecture tests."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desk", "printing", "ui")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module
    names: tuple[str, ...]  # names taken from it (from X import a, b)
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The module `name` refers to (a module, or a package's __init__)."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, path: Path, known: dict[str, Path]) -> list[Import]:
    found: list[Import] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name, known)
                if target:
                    found.append(Import(module, target, (), node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in known:  # from package import module
                    found.append(Import(module, submodule, (), node.lineno))
                    continue
                target = _resolve(node.module, known)
                if target:
                    found.append(Import(module, target, (alias.name,), node.lineno))
    return found


def _with_packages(edges: list[Import], known: dict[str, Path]) -> list[Import]:
    """Importing a.b.c runs a/__init__ and a/b/__init__ first: edges to those packages too."""
    extra: list[Import] = []
    for e in edges:
        parent = e.target.rpartition(".")[0]
        while parent:
            if parent in known and parent != e.source and not e.source.startswith(parent + "."):
                extra.append(Import(e.source, parent, (), e.line))
            parent = parent.rpartition(".")[0]
    return edges + extra


def graph() -> list[Import]:
    known = modules()
    edges: list[Import] = []
    for module, path in known.items():
        edges += imports_of(module, path, known)
    return _with_packages(edges, known)


def cycles(edges: list[Import]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), plus self-imports."""
    succ: dict[str, set[str]] = {}
    for e in edges:
        if e.source != e.target:
            succ.setdefault(e.source, set()).add(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(succ.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(succ):
        if v not in index:
            visit(v)
    return groups
