"""The layout of DESIGN.md, checked on the source: one home per capability, no import cycles, no
private names across modules, capabilities that talk through each other's read side, pure rules,
and no SQL in ui/ or printing/."""

from __future__ import annotations

import ast

from tests.architecture.graph import ROOT, Import, cycles, graph, modules

CAPABILITIES = {"staff", "catalog", "sales", "returns", "policies", "signatures", "repairs",
                "lookup", "sync", "printjobs", "closure"}
STORAGE = ("sqlalchemy", "alembic", "psycopg")
IMPURE_PLATFORM = ("desk.platform.db", "desk.platform.uow", "desk.platform.bus",
                   "desk.platform.journal", "desk.platform.settings")
EDGES = graph()
KNOWN = modules()


def third_party_roots(module: str) -> set[str]:
    tree = ast.parse(KNOWN[module].read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def is_pure(module: str) -> bool:
    """No storage, no I/O ports: data and functions only."""
    if third_party_roots(module) & set(STORAGE):
        return False
    return not any(e.target in IMPURE_PLATFORM for e in EDGES if e.source == module)


def capability(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "desk" and parts[1] in CAPABILITIES else None


def is_read_model(module: str) -> bool:
    """Read models may join other capabilities' tables: queries modules, and the lookup box."""
    return module.split(".")[-1].endswith("queries") or capability(module) == "lookup"


def crossing_allowed(edge: Import) -> bool:
    source, target = capability(edge.source), capability(edge.target)
    if source is None or target is None or source == target or target == "staff":
        return True  # DESIGN: capabilities use platform, staff and each other's read side
    leaf = edge.target.split(".")[-1]
    if leaf in ("queries", "commands") or leaf.endswith("_queries"):
        return True
    if leaf == "tables":
        return is_read_model(edge.source)
    return is_pure(edge.target)


def test_there_is_no_import_cycle():
    assert cycles(EDGES) == []


def test_the_cycle_finder_finds_one():
    a, b, c = (Import("a", "b", (), 1), Import("b", "c", (), 1), Import("c", "a", (), 1))
    assert cycles([a, b, c, Import("c", "d", (), 1)]) == [["a", "b", "c"]]


def test_no_private_name_is_imported_from_another_module():
    found = [f"{e.source}:{e.line} takes {n} from {e.target}" for e in EDGES for n in e.names
             if n.startswith("_") and not n.startswith("__")]
    assert found == []


def test_capabilities_use_each_other_only_through_their_read_side():
    found = [f"{e.source}:{e.line} -> {e.target}" for e in EDGES if not crossing_allowed(e)]
    assert found == []


def test_the_boundary_check_refuses_a_write_side_crossing():
    assert not crossing_allowed(Import("desk.returns.handlers", "desk.sales.tables", (), 1))
    assert not crossing_allowed(Import("desk.returns.handlers", "desk.sales.handlers", (), 1))
    assert crossing_allowed(Import("desk.returns.queries", "desk.sales.tables", (), 1))
    assert crossing_allowed(Import("desk.returns.handlers", "desk.sales.queries", (), 1))


def test_every_capability_has_one_declaration_and_rules_are_pure():
    for name in CAPABILITIES:
        assert f"desk.{name}.capability" in KNOWN, name
    rules = [m for m in KNOWN if m.endswith(".rules")]
    assert rules and [m for m in rules if not is_pure(m)] == []


def test_ui_and_printing_hold_no_sql():
    found = []
    for module in KNOWN:
        if module.split(".")[0] not in ("ui", "printing"):
            continue
        if third_party_roots(module) & set(STORAGE):
            found.append(f"{module} imports storage")
        found += [f"{module} reads {e.target}" for e in EDGES
                  if e.source == module and e.target.endswith(".tables")]
    assert found == []


def test_nothing_registers_itself_by_being_imported():
    """No decorator fills a global registry, no import is kept only for its side effect."""
    found = []
    for module, path in KNOWN.items():
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if line.lstrip().startswith(("@handles", "@projects", "@invariant")):
                found.append(f"{module}:{number} {line.strip()}")
            if "import" in line and "noqa: F401" in line:
                found.append(f"{module}:{number} {line.strip()}")
    assert found == []


def test_the_layout_map_in_the_docs_names_every_capability():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in CAPABILITIES:
        assert f"desk/{name}/" in text, name
