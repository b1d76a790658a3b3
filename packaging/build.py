#!/usr/bin/env python3
"""Build the one-folder bundle of Sage 50 Desktop for this OS and report its size.

Usage (from the repository root, in the project's venv with the ``package`` extra):

    python packaging/build.py [--self-test] [--clean]

Output: ``packaging/dist/sage50-desktop/`` (Windows/Linux) or
``packaging/dist/Sage 50 Desktop.app`` (macOS). With ``--self-test`` the built
``sage50-desktop --self-test`` is run from the bundle and its time reported.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = PACKAGING / "build"
DIST = PACKAGING / "dist"
ICON_SVG = ROOT / "resources" / "icons" / "app.svg"


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def render_icons() -> None:
    """PNG/ICO/ICNS app icons rendered from the SVG with Qt (no extra tools)."""
    out = BUILD / "icons"
    out.mkdir(parents=True, exist_ok=True)
    if not ICON_SVG.exists():
        print(f"note: {ICON_SVG} not found; building without an app icon")
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QIcon

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - needed by QIcon
    icon = QIcon(str(ICON_SVG))
    png = icon.pixmap(256, 256).toImage()
    png.save(str(out / "sage50-desktop.png"))
    # a 256px PNG inside an .ico container is valid since Windows Vista
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    png.save(buf, "PNG")
    raw = bytes(data.data())
    header = (
        b"\x00\x00\x01\x00\x01\x00"
        + bytes([0, 0, 0, 0])
        + (1).to_bytes(2, "little")
        + (32).to_bytes(2, "little")
        + len(raw).to_bytes(4, "little")
        + (22).to_bytes(4, "little")
    )
    (out / "sage50-desktop.ico").write_bytes(header + raw)


def build(clean: bool) -> Path:
    if clean:
        shutil.rmtree(BUILD, ignore_errors=True)
        shutil.rmtree(DIST, ignore_errors=True)
    render_icons()
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(BUILD / "work"),
        str(PACKAGING / "sage50-desktop.spec"),
    ]
    print("+", " ".join(cmd), flush=True)
    started = time.monotonic()
    subprocess.run(cmd, check=True, cwd=ROOT)
    print(f"built in {time.monotonic() - started:.0f} s")
    if sys.platform == "darwin":
        return DIST / "Sage 50 Desktop.app"
    return DIST / "sage50-desktop"


def self_test(bundle: Path) -> int:
    exe = bundle / ("sage50-desktop.exe" if sys.platform == "win32" else "sage50-desktop")
    if sys.platform == "darwin":
        exe = bundle / "Contents" / "MacOS" / "sage50-desktop"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.monotonic()
    result = subprocess.run([str(exe), "--self-test"], env=env, timeout=600)
    print(f"self-test exit code {result.returncode} in {time.monotonic() - started:.1f} s")
    return result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--self-test", action="store_true", help="run the bundle's self-test")
    parser.add_argument("--clean", action="store_true", help="remove earlier build output first")
    args = parser.parse_args()
    bundle = build(args.clean)
    size = folder_size(bundle)
    print(f"bundle: {bundle} ({size / 2**20:.0f} MiB)")
    if args.self_test:
        return self_test(bundle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
