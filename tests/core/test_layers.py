"""Imports point down: ui/cli -> services -> api, storage. Qt only in ui/ (and app.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sage50_desktop"
QT = ("PySide6", "qasync", "shiboken6")

# layer -> package prefixes it must not import
FORBIDDEN = {
    "api": QT + ("sage50_desktop.storage", "sage50_desktop.services", "sage50_desktop.ui",
                 "sage50_desktop.cli", "sage50_desktop.sandbox", "sage50_desktop.app"),
    "storage": QT + ("sage50_desktop.services", "sage50_desktop.ui", "sage50_desktop.cli",
                     "sage50_desktop.sandbox", "sage50_desktop.app"),
    "services": QT + ("sage50_desktop.ui", "sage50_desktop.cli", "sage50_desktop.app"),
    "sandbox": QT + ("sage50_desktop.ui", "sage50_desktop.cli", "sage50_desktop.services",
                     "sage50_desktop.storage", "sage50_desktop.app"),
    "cli": QT + ("sage50_desktop.ui", "sage50_desktop.app"),
}


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down(layer):
    offences = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if name.startswith(FORBIDDEN[layer]):
                offences.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offences, "\n".join(offences)


def test_top_level_core_modules_are_qt_free():
    for name in ("events.py", "paths.py", "redaction.py", "resources.py", "schemas.py",
                 "logging_setup.py"):
        assert not [n for n in _imports(PACKAGE / name) if n.startswith(QT)], name
