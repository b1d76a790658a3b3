"""The window on a 100% full disk (a real tmpfs, as root): it starts, browses, says it once."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from qt_helpers import wait_until

from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.storage.data_folder import DataFolderUnavailable
from sage50_desktop.storage.profiles import Profile
from sage50_desktop.storage.snapshot_view import ViewSpec

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="a real full file system needs a tmpfs mount (root on Linux)",
)


@pytest.fixture
def full_disk(tmp_path: Path):
    point = tmp_path / "disk"
    point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")
    yield point
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _fill(disk: Path) -> None:
    with (disk / "filler").open("wb", buffering=0) as fh:
        for size in (1 << 20, 4096, 1):
            while True:
                try:
                    fh.write(b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break


def _stored(data: Path, tmp_path: Path) -> None:
    """A connection and a 50-record snapshot stored while there was space."""
    runtime = Runtime(data)
    try:
        profile = runtime.profiles.add(
            Profile(
                name="shop",
                base_url="https://api.example.com",
                developer_id="D",
                application_id="A",
                domain="ecommerce",
            )
        )
        source = tmp_path / "products.json"
        source.write_bytes(orjson.dumps([{"id": f"P{i:03}", "name": f"n{i}"} for i in range(50)]))
        conn = runtime.snapshots.connect()
        try:
            ingest_file(
                conn, source, profile_id=profile.id, domain="ecommerce", scope="products",
                version="1.a",
            )  # fmt: skip
        finally:
            conn.close()
    finally:
        runtime.close()


@pytest.mark.log_warnings_expected("opening read-only on a full disk is logged")
async def test_window_starts_and_browses_on_a_full_disk_and_says_it_once(
    full_disk, tmp_path, qtbot
):
    from sage50_desktop.app import Shell

    data = full_disk / "data"
    _stored(data, tmp_path)
    _fill(full_disk)
    runtime = Runtime(data)
    assert runtime.read_only is not None and runtime.read_only.full
    shell = Shell(runtime, open_wizard_when_empty=False)
    seen: list[str] = []
    try:
        shell.start()
        assert shell.window.isVisible()
        await wait_until(
            lambda: isinstance(QApplication.activeModalWidget(), QMessageBox),
            timeout=10,
            message="the full-disk message shows",
        )
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.close()
        assert str(data) in seen[0] and "full" in seen[0] and "view what is stored" in seen[0]
        # browsing: the stored snapshot pages through the window's query workers
        [profile] = runtime.profiles.list_profiles()
        [snap] = runtime.snapshots.list_snapshots(profile.id, "ecommerce", "products")
        plan = shell.backend.runner.plan(ViewSpec(snap.id)).result(10)
        rows = shell.backend.runner.page(plan, 0, 20).result(10)
        assert [r["id"] for r in rows] == [f"P{i:03}" for i in range(20)]
        sorted_page = runtime.snapshots.page(snap.id, 0, 5, sort_column="name", descending=True)
        assert len(sorted_page.rows) == 5
        # something that must write: the one clear error, nothing changed
        with pytest.raises(DataFolderUnavailable) as info:
            runtime.profiles.add(
                Profile(
                    name="two", base_url="https://b.example.com", developer_id="D",
                    application_id="A", domain="ecommerce",
                )
            )  # fmt: skip
        assert str(data) in info.value.hint and "full" in info.value.hint
        assert [p.name for p in runtime.profiles.list_profiles()] == ["shop"]
    finally:
        await shell.shutdown()
    assert not isinstance(QApplication.activeModalWidget(), QMessageBox)
