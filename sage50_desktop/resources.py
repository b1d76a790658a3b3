"""Locate the files shipped in ``resources/`` (schemas, translations, icons).

In a source checkout or an editable install they sit at the repository root;
in a wheel they are packaged as ``sage50_desktop/resources``; in a PyInstaller
bundle under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    candidates = [_PACKAGE / "resources", _PACKAGE.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "sage50_desktop" / "resources")
    for candidate in candidates:
        if (candidate / "schemas").is_dir():
            return candidate
    raise FileNotFoundError("the resources folder of sage50-desktop is missing; reinstall the app")


def schema_dir(domain: str) -> Path:
    return resources_dir() / "schemas" / domain


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
