"""Test modules share code through tests/support/ and fixtures through conftest.py: a test module
imported by another would run its tests twice and couple the two files' data."""

from __future__ import annotations

import ast

from tests.architecture.graph import ROOT


def imported_modules(tree: ast.AST) -> list[tuple[str, int]]:
    """Every module an import statement names, imports inside functions included."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def is_forbidden(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "tests" and any(p.startswith("test_") or p == "conftest" for p in parts)


def test_no_test_module_or_conftest_is_imported():
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(ROOT)}:{line} imports {module}"
                      for module, line in imported_modules(tree) if is_forbidden(module)]
    assert not offenders, "\n".join(offenders)


def test_the_check_sees_the_imports_it_forbids():
    tree = ast.parse("from tests.conftest import ADMIN\n"
                     "def f():\n    from tests.platform.test_journal import dump\n"
                     "import tests.sync.conftest\nfrom tests.support.journal import dump\n")
    assert [m for m, _ in imported_modules(tree) if is_forbidden(m)] == [
        "tests.conftest", "tests.conftest.ADMIN", "tests.sync.conftest",
        "tests.platform.test_journal", "tests.platform.test_journal.dump"]
