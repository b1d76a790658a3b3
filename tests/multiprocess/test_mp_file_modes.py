"""Files the app creates in its data and log folders are 0600, folders 0700 — also in old folders."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from mp_support import Procs, add_and_consent, sage50_script

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


def _loose(folder: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            mode = stat.S_IMODE(path.lstat().st_mode)
            if mode & 0o077:
                found.append(f"{path.relative_to(folder)}: {oct(mode)}")
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        found.append(f".: {oct(stat.S_IMODE(folder.stat().st_mode))}")
    return found


def test_data_and_log_folders_are_private_also_when_they_existed_looser(procs: Procs, sandbox):
    old = os.umask(0o022)
    try:
        for name in ("data", "logs", "data/uploads"):
            (procs.home / name).mkdir(parents=True)
            (procs.home / name).chmod(0o755)
        leftover = procs.home / "data" / "uploads" / "old-orders.json"
        leftover.write_text("[]")
        leftover.chmod(0o644)
    finally:
        os.umask(old)
    add_and_consent(procs, sandbox)
    download = procs.sage50("--json", "download", "products")
    assert download.code == 0, str(download)
    # started with a permissive umask, as from a scheduler
    listing = procs.wait(
        procs.start(
            [
                "sh",
                "-c",
                'umask 000 && exec "$0" "$@"',
                sage50_script(),
                "--json",
                "snapshots",
                "products",
            ]
        )
    )
    assert listing.code == 0, str(listing)
    assert (procs.data / "cache.sqlite3").is_file()
    assert (procs.home / "logs").is_dir()
    assert _loose(procs.data) == []
    assert _loose(procs.home / "logs") == []
