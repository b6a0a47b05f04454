"""The layout's rules, read from the source: imports point one way, no circle, no module over 500 lines.

Every ``import`` counts, those inside functions too: a lazy import hides a circle, it does not remove it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["trajet_emploi", "cms", "home", "events", "registrations", "evaluations", "minutes", "search"]
MAX_LINES = 500


def source_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, known):
    """The project modules ``path`` imports (absolute and relative, at any depth of the file)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            # The longest known module that the name starts with ("events.models.Phase" -> "events.models").
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


@pytest.fixture(scope="module")
def graph():
    paths = list(source_files())
    known = {module_name(path) for path in paths}
    return {module_name(path): imported_modules(path, known) for path in paths}


def app_of(module):
    return module.split(".")[0]


def test_no_import_circle(graph):
    """Tarjan's strongly connected components: any component of more than one module is a circle."""
    index, lowlink, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(node):
        index[node] = lowlink[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                lowlink[node] = min(lowlink[node], lowlink[target])
            elif target in on_stack:
                lowlink[node] = min(lowlink[node], index[target])
        if lowlink[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert circles == []


# Which apps each app may import: the project package wires everything; pages point to services, never back.
ALLOWED = {
    "trajet_emploi": set(APPS),
    "home": {"cms", "events", "registrations", "evaluations", "minutes"},
    "events": {"cms", "registrations"},
    "registrations": {"cms"},
    "evaluations": {"cms", "registrations"},
    "minutes": {"cms"},
    "search": {"cms"},
    "cms": set(),
}


def test_apps_import_one_way(graph):
    wrong = sorted(
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if app_of(target) != app_of(module) and app_of(target) not in ALLOWED[app_of(module)]
    )
    assert wrong == []


def test_events_reaches_registrations_only_through_the_page_mixin(graph):
    """``events`` uses ``registrations.pages`` (the mixin, ``with_places``) and nothing else of that app."""
    reached = {target for module, targets in graph.items() if app_of(module) == "events" for target in targets}
    assert {target for target in reached if app_of(target) == "registrations"} <= {"registrations.pages"}


def test_no_module_over_500_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in source_files()
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_graph_sees_imports():
    """Guards the reader above: it must find the imports this layout is known to have."""
    paths = list(source_files())
    known = {module_name(path) for path in paths}
    found = imported_modules(ROOT / "events" / "models.py", known)
    assert "registrations.pages" in found and "cms.privacy" in found
