"""The one-way data flow: metrics/ is pure pandas and never imports streamlit, even indirectly; the packages
import in one direction (metrics <- charts <- reports/app <- pages); no import cycle among metrics modules."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT_IMPORT = re.compile(r"^\s*(import streamlit|from streamlit)", re.MULTILINE)


def test_no_module_in_metrics_imports_streamlit():
    offenders = [path.name for path in (ROOT / "metrics").rglob("*.py") if STREAMLIT_IMPORT.search(path.read_text())]
    assert offenders == []


def test_importing_every_metrics_module_does_not_load_streamlit():
    modules = sorted(path.stem for path in (ROOT / "metrics").glob("*.py") if path.stem != "__main__")
    code = ("import sys\n" + "".join(f"import metrics.{name}\n" for name in modules)
            + "print('streamlit' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_no_helper_modules_hide_in_pages():
    # Every file in pages/ becomes a page; helpers belong in app/ or charts/.
    for path in (ROOT / "pages").glob("*.py"):
        assert not path.stem.startswith("_"), path.name


# --------------------------------------------------------------------------- the package graph
#
# The allowed direction of imports: metrics <- charts <- reports / app <- pages / dashboard.py.
# metrics imports nothing of charts, reports, app or pages; charts imports only metrics; reports
# imports metrics and charts (not app); app imports metrics, charts and reports (not pages); pages
# and dashboard.py may import anything below them. Imports inside functions count too.

LAYERS = ("metrics", "charts", "reports", "app", "pages", "dashboard")
ALLOWED = {
    "metrics": {"metrics"},
    "charts": {"metrics", "charts"},
    "reports": {"metrics", "charts", "reports"},
    "app": {"metrics", "charts", "reports", "app"},
    "pages": {"metrics", "charts", "reports", "app", "pages"},
    "dashboard": {"metrics", "charts", "reports", "app", "pages"},
}
# The one allowed exception: `python -m metrics report` dispatches to the report command line.
COMMAND_LINE_DISPATCH = {("metrics/__main__.py", "reports.cli")}
# Edges allowed to break the direction (file, imported module): none.
KNOWN_LAYER_VIOLATIONS: set[tuple[str, str]] = set()
# Import cycles allowed among metrics modules (each a sorted tuple): none.
KNOWN_METRICS_CYCLES: set[tuple[str, ...]] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _source_files() -> list[Path]:
    files = [ROOT / "dashboard.py"] if (ROOT / "dashboard.py").exists() else []
    for layer in LAYERS[:-1]:
        files += sorted((ROOT / layer).rglob("*.py"))
    return files


def _known_modules() -> set[str]:
    return {_module_name(path) for path in _source_files()}


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every project module a file imports (top level and inside functions), as dotted names.

    ``from package import name`` counts as importing ``package.name`` when that is a module,
    else ``package``; relative imports are resolved against the file's package.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(part for part in base_parts + ([node.module] if node.module else []) if part)
            else:
                base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    top_levels = {name.split(".")[0] for name in known}
    return {name for name in found if name.split(".")[0] in top_levels}


def _layer(name: str) -> str:
    return name.split(".")[0]


def test_imports_follow_the_layers():
    known = _known_modules()
    violations = set()
    for path in _source_files():
        relative = path.relative_to(ROOT).as_posix()
        layer = _layer(_module_name(path))
        for imported in _imports(path, known):
            if _layer(imported) in ALLOWED[layer] or (relative, imported) in COMMAND_LINE_DISPATCH:
                continue
            violations.add((relative, imported))
    assert violations - KNOWN_LAYER_VIOLATIONS == set(), "imports against the direction metrics <- charts <- reports/app <- pages"
    assert KNOWN_LAYER_VIOLATIONS - violations == set(), "fixed: remove these from KNOWN_LAYER_VIOLATIONS"


def test_the_layer_rules_see_imports_inside_functions():
    # The parser is what the layering rests on: make sure it catches a late import.
    path = ROOT / "metrics" / "kpis.py"
    assert "metrics.rows" in _imports(path, _known_modules())
    engine = _imports(ROOT / "metrics" / "engine.py", _known_modules())
    assert {"metrics.catalogue", "metrics.filters", "metrics.targets", "metrics.memo"} <= engine
    main = _imports(ROOT / "metrics" / "__main__.py", _known_modules())
    assert "reports.cli" in main  # imported inside main(): seen


def _metrics_graph() -> dict[str, set[str]]:
    """metrics module -> the metrics modules it imports; a module's import of its own parent
    package is left out (Python imports the parent first anyway)."""
    known = _known_modules()
    graph: dict[str, set[str]] = {}
    for path in sorted((ROOT / "metrics").rglob("*.py")):
        module = _module_name(path)
        edges = set()
        for imported in _imports(path, known):
            if _layer(imported) != "metrics" or imported == module or module.startswith(imported + "."):
                continue
            edges.add(imported)
        graph[module] = edges
    return graph


def _cycles(graph: dict[str, set[str]]) -> set[tuple[str, ...]]:
    """The strongly connected components with more than one module (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: set[tuple[str, ...]] = set()
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                components.add(tuple(sorted(component)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_cycle_detection_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {("a", "b", "c")}
    assert _cycles({"a": {"b"}, "b": set()}) == set()


def test_no_import_cycle_among_metrics_modules():
    graph = _metrics_graph()
    assert {"metrics.kpis", "metrics.engine", "metrics.rows", "metrics.years", "metrics.memo"} <= set(graph)
    cycles = _cycles(graph)
    assert cycles - KNOWN_METRICS_CYCLES == set(), "import cycles among metrics modules"
    assert KNOWN_METRICS_CYCLES - cycles == set(), "fixed: remove these from KNOWN_METRICS_CYCLES"


def test_the_kpi_modules_import_in_one_direction():
    # years, background <- codes <- memo <- rows <- kpis <- catalogue <- engine <- breakdowns; targets and filters below the engine.
    graph = _metrics_graph()
    assert graph["metrics.years"] == set()
    assert graph["metrics.background"] == set()
    assert graph["metrics.codes"] <= {"metrics.background"}
    assert graph["metrics.memo"] == set()
    assert graph["metrics.rows"] <= {"metrics.memo", "metrics.years", "metrics.codes", "metrics.background"}
    assert graph["metrics.kpis"] <= {"metrics.rows", "metrics.years", "metrics.countries", "metrics.outcomes", "metrics.memo"}
    assert graph["metrics.catalogue"] <= {"metrics.kpis"}
    assert graph["metrics.targets"] == set()
    assert "metrics.engine" not in graph["metrics.filters"] | graph["metrics.targets"] | graph["metrics.catalogue"]
