"""Every user-visible string of the GUI has a Spanish translation in a shipped catalogue."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sage50_desktop.resources import resource_path

PACKAGE = Path(__file__).resolve().parents[2] / "sage50_desktop"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message
    return found


def _lupdate() -> str | None:
    return shutil.which("pyside6-lupdate") or (
        str(Path(sys.executable).parent / "pyside6-lupdate")
        if (Path(sys.executable).parent / "pyside6-lupdate").exists()
        else None
    )


def test_spanish_catalogues_are_complete_and_compiled():
    catalogues = sorted(resource_path("translations").glob("sage50_*_es.ts"))
    assert {p.name for p in catalogues} >= {
        "sage50_shell_es.ts",
        "sage50_wizard_es.ts",
        "sage50_browser_es.ts",
        "sage50_uploads_es.ts",
    }
    for ts in catalogues:
        assert ts.with_suffix(".qm").exists(), f"{ts.name} is not compiled"
        for (context, source), message in _messages(ts).items():
            translation = message.find("translation")
            assert (
                translation is not None
                and translation.get("type") != "unfinished"
                and (translation.text or translation.findall("numerusform"))
            ), f"{ts.name}: {context}: {source!r} has no Spanish translation"


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_every_tr_string_in_the_gui_is_in_a_spanish_catalogue(tmp_path):
    sources = [
        str(p)
        for p in sorted(PACKAGE.rglob("*.py"))
        if "ui" in p.relative_to(PACKAGE).parts or p.name == "app.py"
    ]
    extracted = tmp_path / "all.ts"
    subprocess.run(
        [_lupdate(), "-locations", "none", *sources, "-ts", str(extracted)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shipped: set[tuple[str, str]] = set()
    for ts in resource_path("translations").glob("sage50_*_es.ts"):
        shipped |= set(_messages(ts))
    missing = sorted(set(_messages(extracted)) - shipped)
    assert not missing, f"{len(missing)} strings without a Spanish translation, e.g. {missing[:5]}"
