"""Damaged local data: truncated, garbage, zero bytes, bad header — cache and app database.

A damaged cache is moved aside and rebuilt with a clear message; a damaged
``app.sqlite3`` gets a message naming the file and what to do (never a
traceback), and a backup can be restored; a read-only data folder is one
clear message.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mp_support import Procs, add_and_consent

from sage50_desktop.storage.snapshot_store import CACHE_REBUILT


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: max(4096, len(data) // 3)])
    elif how == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif how == "zero":
        path.write_bytes(b"")
    elif how == "header":
        path.write_bytes(b"NOT SQLite at all" + data[17:])
    else:
        raise AssertionError(how)
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)


def _checkpoint(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


CASES = ["truncated", "garbage", "zero", "header"]


@pytest.fixture
def downloaded(procs: Procs, sandbox) -> Procs:
    add_and_consent(procs, sandbox)
    first = procs.sage50("--json", "download", "products")
    assert first.code == 0, str(first)
    _checkpoint(procs.data / "cache.sqlite3")
    _checkpoint(procs.data / "app.sqlite3")
    return procs


@pytest.mark.parametrize("how", CASES)
def test_damaged_cache_is_moved_aside_and_rebuilt_with_a_clear_message(downloaded: Procs, how):
    procs = downloaded
    cache = procs.data / "cache.sqlite3"
    _damage(cache, how)
    again = procs.sage50("--json", "download", "products")
    assert again.code == 0, str(again)
    assert not again.json["unchanged"]  # stored afresh
    assert CACHE_REBUILT in again.err
    assert "Traceback" not in again.err and "sqlalche" not in again.err
    aside = [p.name for p in procs.data.iterdir() if p.name.startswith("cache.sqlite3.damaged-")]
    assert len(aside) == 1, aside
    db = sqlite3.connect(cache)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    listed = procs.sage50("--json", "snapshots", "products")
    assert listed.code == 0 and len(listed.json["snapshots"]) == 1, str(listed)
    assert CACHE_REBUILT not in listed.err  # said once


@pytest.mark.parametrize("how", CASES)
def test_damaged_app_database_names_the_file_and_what_to_do(downloaded: Procs, how):
    procs = downloaded
    app = procs.data / "app.sqlite3"
    _damage(app, how)
    done = procs.sage50("--json", "profile", "list")
    assert done.code == 1, str(done)
    assert "Traceback" not in done.err and "sqlalche" not in done.err
    hint = done.json["error"]["hint"]
    assert str(app) in hint and "damaged" in hint
    assert "restore-backup" in hint  # a daily backup was made by the first run
    # the file is not replaced by an empty database: connections are not silently lost
    assert app.read_bytes()[:16] != b"SQLite format 3\x00" or how == "truncated"
    restored = procs.sage50("--json", "restore-backup")
    assert restored.code == 0, str(restored)
    listed = procs.sage50("--json", "profile", "list")
    assert listed.code == 0, str(listed)
    assert [p["profile"] for p in listed.json["profiles"]] == ["default"]
    assert [p.name for p in procs.data.iterdir() if p.name.startswith("app.sqlite3.damaged-")]


def test_damaged_app_database_without_a_backup_says_so(procs: Procs, sandbox):
    add_and_consent(procs, sandbox)
    for backup in (procs.data / "backups").glob("*"):
        backup.unlink()
    app = procs.data / "app.sqlite3"
    _checkpoint(app)
    _damage(app, "zero")
    done = procs.sage50("--json", "profile", "list")
    assert done.code == 1, str(done)
    hint = done.json["error"]["hint"]
    assert str(app) in hint and "No backup exists" in hint
    assert app.stat().st_size == 0  # left as it was, for the user to decide


def test_a_backup_is_made_before_a_migration(procs: Procs, sandbox):
    add_and_consent(procs, sandbox)
    first = procs.sage50("--json", "uploads")  # creates the uploads tables
    assert first.code == 0, str(first)
    app = procs.data / "app.sqlite3"
    before = {p.name for p in (procs.data / "backups").iterdir()}
    db = sqlite3.connect(app)  # as an older app left it: the uploads tables not made yet
    for table in ("upload_record_results", "upload_status_history", "uploads"):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute("DELETE FROM schema_versions WHERE component='uploads'")
    db.commit()
    db.close()
    done = procs.sage50("--json", "uploads")
    assert done.code == 0, str(done)
    after = {p.name for p in (procs.data / "backups").iterdir()}
    [made] = [n for n in after - before if "upgrade" in n]
    backup = sqlite3.connect(procs.data / "backups" / made)
    assert backup.execute("SELECT count(*) FROM profiles").fetchone() == (1,)
    backup.close()


@contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only for this user: a read-only bind mount as root, else chmod 0500."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)
        return
    bind = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"root ignores permissions and bind mounts are not permitted: {bind.stderr!r}")
    try:
        ro = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True, text=True
        )
        if ro.returncode != 0:
            pytest.skip(f"a read-only bind mount is not permitted here: {ro.stderr.strip()}")
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions and mounts")
def test_read_only_data_folder_is_one_clear_message(procs: Procs, sandbox):
    add_and_consent(procs, sandbox)
    with _read_only(procs.data):
        done = procs.sage50("--json", "download", "products")
        listed = procs.sage50("--json", "profile", "list")
    assert done.code == 1, str(done)
    assert "Traceback" not in done.err and "Errno" not in done.err
    hint = done.json["error"]["hint"]
    assert "data folder" in hint and str(procs.data) in hint and "read-only" in hint
    assert len(done.err.strip().splitlines()) == 1, done.err
    # reading what is stored still works
    assert listed.code == 0, str(listed)
    assert [p["profile"] for p in listed.json["profiles"]] == ["default"]
