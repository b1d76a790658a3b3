"""Damaged local data: truncated, garbage, zero bytes, bad header — cache and app database.

A damaged cache is moved aside and rebuilt with a clear message; a damaged
``app.sqlite3`` gets a message naming the file and what to do (never a
traceback), and a backup can be restored; a read-only data folder is one
clear message.
"""

from __future__ import annotations

import os
import sqlite3
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


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="POSIX permissions (root ignores them)"
)
def test_read_only_data_folder_is_one_clear_message(procs: Procs, sandbox):
    add_and_consent(procs, sandbox)
    procs.data.chmod(0o500)
    try:
        done = procs.sage50("--json", "download", "products")
    finally:
        procs.data.chmod(0o700)
    assert done.code == 1
    assert "Traceback" not in done.err
    assert "data folder" in done.json["error"]["hint"]
