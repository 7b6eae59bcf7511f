"""Dependencies run one way (STYLE.md): the project's glue (`coaching`) sits on top and may
import every app; the apps sit in the middle (`sessions_grow` and `mpc` on `engagements`);
the shared building blocks (`kit`) sit below and import no app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PACKAGES = ["kit", "engagements", "sessions_grow", "mpc", "coaching"]

# What each package may never import: those above it, and its siblings.
FORBIDDEN = {
    "kit": {"engagements", "sessions_grow", "mpc", "coaching"},
    "engagements": {"sessions_grow", "mpc", "coaching"},
    "sessions_grow": {"mpc", "coaching"},
    "mpc": {"sessions_grow", "coaching"},
    "coaching": set(),
}


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports, at its top or inside a function."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def modules_of(package: str) -> list[Path]:
    # Migrations name other apps in their dependencies, never by importing them.
    return [p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_nothing_above_it_or_beside_it(package):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[package])
        for path in modules_of(package)
    }

    assert {path: names for path, names in wrong.items() if names} == {}


def test_the_check_sees_an_import_written_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from coaching.views import dashboard\n")

    assert imported_packages(module) == {"coaching"}
