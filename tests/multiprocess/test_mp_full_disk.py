"""A 100% full disk and a read-only data folder, on a real file system (tmpfs, as root).

``sage50`` child processes on a data folder inside a small tmpfs mount: with
the disk filled to the last byte (or the mount made read-only), every command
that only reads works and gives what it gave before; every command that must
write ends with exit 1 and one line naming the data folder and what to do — no
traceback, no SQL, no ``Errno``; afterwards both databases pass
``integrity_check`` and, with space freed, the next download works.
Skipped where mounting is not permitted (not root, not Linux).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from mp_support import Done, Procs, add_and_consent
from orders import make_order

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="a real full or read-only file system needs a tmpfs mount (root on Linux)",
)


def _mount(point: Path, options: str) -> None:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 24 MiB tmpfs mounted at ``tmp_path/disk`` (unmounted afterwards)."""
    point = tmp_path / "disk"
    point.mkdir()
    _mount(point, "size=24m,mode=0700")
    try:
        yield point
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(point)], capture_output=True)
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte; returns the filler file (delete it to free space)."""
    filler = disk / "filler"
    chunk = b"\0" * (1 << 20)
    with filler.open("wb", buffering=0) as fh:
        for size in (1 << 20, 4096, 1):
            while True:
                try:
                    fh.write(chunk[:size])
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    st = os.statvfs(disk)
    assert st.f_bavail == 0
    return filler


def clean(done: Done) -> str:
    """The one line a failed command printed; asserts it is plain."""
    assert done.code == 1, str(done)
    lines = [line for line in done.err.splitlines() if line.strip()]
    assert len(lines) == 1, done.err
    for word in ("Traceback", "Errno", "sqlite", "SQL", "INSERT", "CREATE", "sqlalche"):
        assert word not in done.err, done.err
    return lines[0]


def integrity(path: Path) -> str:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


READS = [
    ("--json", "profile", "list"),
    ("--json", "snapshots", "products"),
    ("--json", "diff", "products"),
    ("--json", "uploads"),
]


@pytest.fixture
def used(small_disk: Path, sandbox, tmp_path: Path) -> Procs:
    """A data folder on the small disk with two versions of products and a finished upload."""
    procs = Procs(small_disk)
    procs.keyring_file = tmp_path / "keyring.json"  # the credential store is elsewhere
    procs.env["SAGE50_TEST_KEYRING_FILE"] = str(procs.keyring_file)
    add_and_consent(procs, sandbox)
    assert procs.sage50("--json", "download", "products").code == 0
    sandbox.control.publish("products", changed_count=2, added_count=1, removed_count=1)
    assert procs.sage50("--json", "download", "products").code == 0
    orders = tmp_path / "orders.json"
    orders.write_bytes(orjson.dumps([make_order(3001 + i) for i in range(3)]))
    sent = procs.sage50("--json", "upload", "orders", str(orders), "--wait", "--timeout", "60")
    assert sent.code == 0, str(sent)
    procs.upload_id = sent.json["uploadId"]  # type: ignore[attr-defined]
    return procs


def test_full_disk_reads_work_and_writes_name_the_full_folder(used: Procs, sandbox, small_disk):
    procs = used
    upload_id = procs.upload_id  # type: ignore[attr-defined]
    reads = [*READS, ("--json", "track", upload_id)]
    before = {argv: procs.sage50(*argv) for argv in reads}
    assert all(done.code == 0 for done in before.values()), [str(d) for d in before.values()]
    sandbox.control.publish("products", changed_count=1)
    filler = fill(small_disk)

    for argv in reads:
        done = procs.sage50(*argv)
        assert done.code == 0, str(done)
        assert done.json == before[argv].json, argv
        assert done.err == "", done.err
    scopes = procs.sage50("--json", "scopes")
    assert scopes.code == 0, str(scopes)
    assert {s["scope"] for s in scopes.json["scopes"]} == {"customers", "products"}

    data = str(procs.data)
    writes = [
        ("download", "products"),
        ("download", "customers"),
        ("profile", "add", "two", "--base-url", sandbox.base_url, "--developer-id", "d",
         "--application-id", "a", "--domain", sandbox.domain),
    ]  # fmt: skip
    for argv in writes:
        line = clean(procs.sage50(*argv))
        assert data in line and "full" in line, line
        assert "Free some space" in line, line
    as_json = procs.sage50("--json", "download", "customers")
    assert as_json.code == 1
    assert as_json.json["error"]["type"] == "DiskFull"
    assert data in as_json.json["error"]["hint"]
    exported = clean(
        procs.sage50("export", "products", "--format", "csv", "--output", str(small_disk / "x.csv"))
    )
    assert "disk is full" in exported

    assert integrity(procs.data / "app.sqlite3") == "ok"
    assert integrity(procs.data / "cache.sqlite3") == "ok"
    assert not list(procs.data.glob("*.damaged-*")), "a full disk is not damage"
    assert not list((procs.data / "downloads").iterdir())

    filler.unlink()
    again = procs.sage50("--json", "download", "products")
    assert again.code == 0, str(again)
    assert again.json["unchanged"] is False
    listed = procs.sage50("--json", "snapshots", "products").json["snapshots"]
    assert len(listed) == 3
    assert procs.sage50("--json", "profile", "list").json == before[READS[0]].json


def test_read_only_mount_reads_work_and_writes_name_the_folder(used: Procs, sandbox, small_disk):
    procs = used
    before = {argv: procs.sage50(*argv) for argv in READS}
    ro = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True)
    if ro.returncode != 0:
        pytest.skip(f"remounting read-only is not permitted here: {ro.stderr!r}")
    try:
        for argv in READS:
            done = procs.sage50(*argv)
            assert done.code == 0, str(done)
            assert done.json == before[argv].json, argv
            assert done.err == "", done.err
        for argv in (("download", "customers"), ("rotate",)):
            line = clean(procs.sage50(*argv))
            assert str(procs.data) in line and "read-only" in line, line
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert integrity(procs.data / "app.sqlite3") == "ok"
    assert procs.sage50("--json", "download", "customers").code == 0
