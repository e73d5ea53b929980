"""Imports run downwards only (docs/architecture.md): presentation → services, selectors → models.

Reads and writes never import the admin, the public pages or the API; the models import no
service or selector. (The extraction engine's purity is tests/extraction/test_purity.py's.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRESENTATION = ("meetings.admin", "meetings.web", "meetings.api", "meetings.tasks", "meetings.management")
RULES = {
    "meetings/services": PRESENTATION,
    "meetings/selectors": PRESENTATION,
    "meetings/models.py": (*PRESENTATION, "meetings.services", "meetings.selectors"),
    "newsdesk/models.py": (*PRESENTATION, "meetings.services", "meetings.selectors", "newsdesk.services"),
    "newsdesk/intake.py": ("meetings", "newsdesk.services", "newsdesk.models", "django.db"),
}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def files(where: str) -> list[Path]:
    path = ROOT / where
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


@pytest.mark.parametrize("where", list(RULES))
def test_a_layer_never_imports_the_layers_above_it(where):
    forbidden = RULES[where]
    found = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files(where)
        for name in sorted(imported_modules(path))
        if any(name == prefix or name.startswith(prefix + ".") for prefix in forbidden)
    ]
    assert not found, "\n".join(found)


def test_the_rules_name_folders_that_exist():
    assert all((ROOT / where).exists() for where in RULES)
