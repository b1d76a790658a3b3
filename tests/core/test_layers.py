"""Imports point down: ui/cli -> services -> api, storage. Qt only in ui/ (and app.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sage50_desktop"
QT = ("PySide6", "qasync", "shiboken6")

# layer -> package prefixes it must not import
FORBIDDEN = {
    "api": QT
    + (
        "sage50_desktop.storage",
        "sage50_desktop.services",
        "sage50_desktop.ui",
        "sage50_desktop.cli",
        "sage50_desktop.sandbox",
        "sage50_desktop.app",
    ),
    "storage": QT
    + (
        "sage50_desktop.services",
        "sage50_desktop.ui",
        "sage50_desktop.cli",
        "sage50_desktop.sandbox",
        "sage50_desktop.app",
    ),
    "services": QT + ("sage50_desktop.ui", "sage50_desktop.cli", "sage50_desktop.app"),
    "sandbox": QT
    + (
        "sage50_desktop.ui",
        "sage50_desktop.cli",
        "sage50_desktop.services",
        "sage50_desktop.storage",
        "sage50_desktop.app",
    ),
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
    for name in (
        "events.py",
        "paths.py",
        "redaction.py",
        "resources.py",
        "schemas.py",
        "logging_setup.py",
    ):
        assert not [n for n in _imports(PACKAGE / name) if n.startswith(QT)], name


SQL = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\b.+\bSET|DELETE\s+FROM|CREATE\s+"
    r"(TABLE|INDEX|VIEW)|DROP\s+(TABLE|INDEX)|PRAGMA\s+\w+|WITH\s+RECURSIVE)\b",
    re.IGNORECASE | re.DOTALL,
)


def _ui_files() -> list[Path]:
    return sorted((PACKAGE / "ui").rglob("*.py"))


def test_ui_does_not_talk_to_sqlite():
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _ui_files()
        for name in _imports(path)
        if name.split(".")[0] in ("sqlite3", "sqlalchemy")
    ]
    assert not offences, "\n".join(offences)


def test_ui_holds_no_sql_and_no_snapshot_tables():
    offences = []
    for path in _ui_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if SQL.search(node.value):
                    offences.append(f"{path.relative_to(PACKAGE)}:{node.lineno} SQL string")
                if "snap_" in node.value:
                    offences.append(
                        f"{path.relative_to(PACKAGE)}:{node.lineno} names a snap_ table"
                    )
            elif isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name.startswith("snap_"):
                    offences.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
    assert not offences, "\n".join(offences)


def test_no_class_level_registries():
    """Shared objects are handed to constructors, never kept in a class attribute dict."""
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "sandbox" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                value = item.value if isinstance(item, ast.Assign | ast.AnnAssign) else None
                if isinstance(value, ast.Dict | ast.Call) and (
                    isinstance(value, ast.Dict)
                    and not value.keys
                    or isinstance(value, ast.Call)
                    and isinstance(value.func, ast.Name)
                    and value.func.id in ("dict", "WeakValueDictionary")
                ):
                    offences.append(
                        f"{path.relative_to(PACKAGE)}: {node.name} keeps a class-level registry"
                    )
    assert not offences, "\n".join(offences)
