"""The layout is a map of the domain (README, *For developers*): each part of readiness/ imports
only the parts below it, nothing in readiness/ imports Streamlit or the app's own layers, and
no page or component reaches above itself. A new import that runs back up fails here, naming it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Bottom first. A module may import its own part and any part on a lower line.
LAYERS = (
    ("readiness.text", "readiness.palette", "readiness.framework", "readiness.vocabulary"),
    ("readiness.inspection_timing",),
    ("readiness.files",),
    ("readiness.settings", "readiness.access.roles"),
    ("readiness.db",),
    ("readiness.kpi",),
    ("readiness.plan",),
    ("readiness.inspection", "readiness.exports"),
    ("readiness.access",),
    ("readiness.board", "readiness.reminders"),
    ("readiness.self_evaluation",),
    ("readiness.demo",),
    ("readiness.store",),
    ("readiness.cli",),
    ("readiness.__main__",),
    ("components",),
    ("views",),
    ("app",),
)
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}


def part_of(module: str) -> str:
    """The layout's part a module belongs to: its longest listed prefix."""
    names = module.split(".")
    for n in range(len(names), 0, -1):
        prefix = ".".join(names[:n])
        if prefix in RANK:
            return prefix
    raise AssertionError(f"{module} belongs to no part of the layout: add it to LAYERS")


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


def imports(path: Path) -> set[str]:
    """The modules of this project that `path` imports (at any depth in the file)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return {name for name in found if name.split(".")[0] in ("readiness", "components", "views")}


SOURCES = [
    path
    for folder in ("readiness", "components", "views")
    for path in sorted((ROOT / folder).rglob("*.py"))
    if "migrations" not in path.parts and path != ROOT / "readiness" / "__init__.py"
] + [ROOT / "app.py"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_imports_only_its_own_part_and_those_below(path):
    here = part_of(module_name(path))
    upward = [
        name
        for name in imports(path)
        if part_of(name) != here and RANK[part_of(name)] >= RANK[here]
    ]
    assert not upward, f"{path.relative_to(ROOT)} ({here}) imports {upward}: above or beside it"


def test_the_domain_never_imports_streamlit():
    for path in (ROOT / "readiness").rglob("*.py"):
        names = {
            alias.name
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        modules = {
            node.module
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert "streamlit" not in names and not any(
            m.split(".")[0] == "streamlit" for m in modules
        ), path
