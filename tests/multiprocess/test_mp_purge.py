"""``sage50 profile remove`` deletes the connection's local data; ``--keep-data`` keeps it."""

from __future__ import annotations

import sqlite3

import orjson
import pytest
from mp_support import Procs, add_and_consent
from orders import make_order


def _counts(procs: Procs) -> dict[str, int]:
    cache = sqlite3.connect(procs.data / "cache.sqlite3")
    app = sqlite3.connect(procs.data / "app.sqlite3")
    try:
        return {
            "snapshots": cache.execute("SELECT count(*) FROM snap_snapshots").fetchone()[0],
            "scopes": cache.execute("SELECT count(*) FROM snap_scopes").fetchone()[0],
            "bodies": cache.execute("SELECT count(*) FROM snap_bodies").fetchone()[0],
            "uploads": app.execute("SELECT count(*) FROM uploads").fetchone()[0],
            "history": app.execute("SELECT count(*) FROM upload_status_history").fetchone()[0],
        }
    finally:
        cache.close()
        app.close()


def _with_data(procs: Procs, sandbox, tmp_path) -> None:
    add_and_consent(procs, sandbox)
    for scope in ("products", "customers"):
        done = procs.sage50("--json", "download", scope)
        assert done.code == 0, str(done)
    orders = tmp_path / "orders.json"
    orders.write_bytes(orjson.dumps([make_order(4001 + i) for i in range(3)]))
    sent = procs.sage50("--json", "upload", "orders", str(orders), "--wait", "--timeout", "120")
    assert sent.code == 0, str(sent)
    assert sent.json["resultPath"]


@pytest.mark.timeout(300)
def test_profile_remove_deletes_snapshots_uploads_files_listing_and_activity(
    procs: Procs, sandbox, tmp_path
):
    _with_data(procs, sandbox, tmp_path)
    before = _counts(procs)
    assert before["snapshots"] == 2 and before["uploads"] == 1 and before["bodies"] > 0
    uploads_dir = procs.data / "uploads"
    assert [p for p in uploads_dir.iterdir() if not p.name.startswith(".")]
    source = tmp_path / "orders.json"
    removed = procs.sage50("--json", "profile", "remove", "default")
    assert removed.code == 0, str(removed)
    assert removed.json["deleted"]["snapshots"] == 2
    assert removed.json["deleted"]["uploads"] == 1
    assert removed.json["deleted"]["files"] >= 2  # the saved copy and the result file
    assert _counts(procs) == {"snapshots": 0, "scopes": 0, "bodies": 0, "uploads": 0, "history": 0}
    assert [p for p in uploads_dir.iterdir() if not p.name.startswith(".")] == []
    assert source.exists()  # the user's own file is never touched
    listings = procs.data / "listings"
    assert not listings.exists() or list(listings.iterdir()) == []


@pytest.mark.timeout(300)
def test_profile_remove_keep_data_keeps_it(procs: Procs, sandbox, tmp_path):
    _with_data(procs, sandbox, tmp_path)
    before = _counts(procs)
    removed = procs.sage50("--json", "profile", "remove", "default", "--keep-data")
    assert removed.code == 0, str(removed)
    assert "deleted" not in removed.json
    assert _counts(procs) == before
