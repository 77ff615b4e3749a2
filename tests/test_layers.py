"""Layers go one way: no import cycle anywhere in pipeline/, counting imports inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def module_name(path: Path, root: Path) -> str:
    """`pipeline/ingest/claim.py` -> `pipeline.ingest.claim`; a package's __init__ is the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except under `if TYPE_CHECKING:` (never run)."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        children = list(ast.iter_child_nodes(node))
        if _type_checking_only(node):
            children = [c for c in children if c not in node.body]  # type: ignore[attr-defined]
        stack.extend(children)
    return found


def _targets(node: ast.Import | ast.ImportFrom, here: str, is_package: bool, known: set[str]) -> set[str]:
    if isinstance(node, ast.Import):
        return {a.name for a in node.names}
    base = node.module or ""
    if node.level:
        package = here if is_package else here.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    # `from pkg import sub` imports the submodule when there is one, else a name from pkg itself.
    return {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}


def import_graph(root: Path, package: str = "pipeline") -> dict[str, set[str]]:
    """Module -> the modules of `package` it imports (module level and inside functions)."""
    files = {module_name(p, root): p for p in (root / package).rglob("*.py")}
    known = set(files)
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(), str(path))):
            targets |= _targets(node, name, path.name == "__init__.py", known)
        graph[name] = {t for t in targets if t in known and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that returns to its start, or None when the graph has none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_import_cycle_in_pipeline() -> None:
    graph = import_graph(REPO)
    assert "pipeline.orchestrator" in graph and len(graph) > 50
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_ingest_sits_below_the_orchestrator_and_the_drivers_above_it() -> None:
    graph = import_graph(REPO)
    ingest = [m for m in graph if m.startswith("pipeline.ingest")]
    assert "pipeline.ingest.claim" in ingest and "pipeline.ingest.ledger" in ingest
    for module in ingest:
        above = {t for t in graph[module] if t == "pipeline.orchestrator" or t.startswith("pipeline.drivers")}
        assert not above, f"{module} imports {above}"
    assert not any(t.startswith("pipeline.drivers") for t in graph["pipeline.orchestrator"])
    assert "pipeline.orchestrator" in graph["pipeline.drivers.watch"]


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    pkg = tmp_path / "pipeline"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pipeline.sub import b\n")
    (pkg / "sub" / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                      "    from pipeline import c\n")
    (pkg / "c.py").write_text("def f():\n    from .a import x\n")
    graph = import_graph(tmp_path)
    assert graph["pipeline.a"] == {"pipeline.sub.b"} and graph["pipeline.c"] == {"pipeline.a"}
    assert find_cycle(graph) is None  # a TYPE_CHECKING import never runs
    (pkg / "sub" / "b.py").write_text("import pipeline.c\n")
    assert find_cycle(graph := import_graph(tmp_path)) is not None
    assert set(find_cycle(graph) or []) == {"pipeline.a", "pipeline.sub.b", "pipeline.c"}
