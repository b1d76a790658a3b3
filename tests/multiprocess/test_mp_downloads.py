"""Many ``sage50`` processes on one data folder: each version stored once, content intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

import orjson
import pytest
from mp_support import Procs, add_and_consent
from orders import make_order

from sage50_desktop.storage.snapshot_records import canonical


def _stored_versions(data: Path) -> list[tuple[str, str, int]]:
    cache = sqlite3.connect(data / "cache.sqlite3")
    try:
        return cache.execute(
            "SELECT c.scope, s.version, count(*) FROM snap_snapshots s JOIN snap_scopes c "
            "ON c.id = s.scope_id GROUP BY c.scope, s.version ORDER BY 1, 2"
        ).fetchall()
    finally:
        cache.close()


def _published(sandbox, scope: str) -> tuple[str, list[bytes]]:
    catalog = sandbox.server.runtime.catalog
    latest = catalog.get(sandbox.domain, scope)
    path = catalog.files[latest.version][0]
    records = orjson.loads(Path(path).read_bytes())
    return latest.version, sorted(canonical(r) for r in records)


def _exported(procs: Procs, tmp: Path, scope: str, version: str) -> list[bytes]:
    out = tmp / f"{scope}-{version}.json"
    done = procs.sage50(
        "--json", "export", scope, "--format", "json", "--output", str(out), "--snapshot", version
    )
    assert done.code == 0, str(done)
    return sorted(canonical(r) for r in orjson.loads(out.read_bytes()))


@pytest.mark.timeout(400)
def test_ten_processes_download_two_scopes_list_and_upload_at_once(procs: Procs, sandbox, tmp_path):
    add_and_consent(procs, sandbox)
    for round_ in range(2):
        # new orders each round: the same accepted orders again would be held back (exit 4)
        orders = tmp_path / f"orders-{round_}.json"
        orders.write_bytes(orjson.dumps([make_order(2001 + 10 * round_ + i) for i in range(3)]))
        if round_:
            sandbox.control.publish("products", changed=0.2)
            sandbox.control.publish("customers", changed=0.2)
        children = [procs.start_cli("--json", "download", "products") for _ in range(4)]
        children += [procs.start_cli("--json", "download", "customers") for _ in range(3)]
        children += [
            procs.start_cli("--json", "scopes"),
            procs.start_cli("--json", "uploads"),
            procs.start_cli(
                "--json", "upload", "orders", str(orders), "--wait", "--timeout", "120"
            ),
        ]
        done = procs.wait_all(children)
        failures = [str(d) for d in done if d.code != 0]
        assert not failures, "\n".join(failures)
        downloads = [d.json for d in done[:7]]
        assert sum(not d["unchanged"] for d in downloads if d["scope"] == "products") <= 1
        assert sum(not d["unchanged"] for d in downloads if d["scope"] == "customers") <= 1
    stored = _stored_versions(procs.data)
    assert [n for _s, _v, n in stored] == [1] * len(stored), stored
    assert {s for s, _v, _n in stored} == {"products", "customers"}
    for scope in ("products", "customers"):
        version, records = _published(sandbox, scope)
        assert (scope, version, 1) in stored
        assert _exported(procs, tmp_path, scope, version) == records
    assert not [p for p in (procs.data / "downloads").iterdir()], "temp files left behind"


def test_download_when_another_process_stored_the_version_meanwhile_is_unchanged(
    procs: Procs, sandbox
):
    add_and_consent(procs, sandbox)
    first = procs.sage50("--json", "download", "products")
    assert first.code == 0 and not first.json["unchanged"], str(first)
    again = procs.sage50("--json", "download", "products")
    assert again.code == 0 and again.json["unchanged"], str(again)
    assert again.json["version"] == first.json["version"]
    assert again.json["records"] == first.json["records"]


def test_sigterm_during_a_download_removes_the_temp_file(procs: Procs, sandbox):
    add_and_consent(procs, sandbox)
    sandbox.control.set_records("products", 50_000)  # big enough to be caught mid-way
    child = procs.start_cli("--json", "download", "products")
    downloads = procs.data / "downloads"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if downloads.is_dir() and any(p.stat().st_size > 0 for p in downloads.iterdir()):
            break
        time.sleep(0.05)
    else:
        child.kill()
        pytest.fail("the download never started writing")
    child.send_signal(signal.SIGTERM)
    done = procs.wait(child, 60)
    assert done.code == 143, str(done)
    assert "Traceback" not in done.err
    assert list(downloads.iterdir()) == []


def test_stale_temp_file_of_a_dead_process_is_removed_at_start(procs: Procs, sandbox):
    add_and_consent(procs, sandbox)
    downloads = procs.data / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    dead = procs.start(["true"])
    procs.wait(dead)
    stale = downloads / f".tmp-download-{dead.pid}-abc.json.part"
    stale.write_bytes(b'[{"id": 1, "email": "someone@example.com"}')
    legacy = downloads / "p.ecommerce.products.0123456789abcdef.json.part"
    legacy.write_bytes(b"[")
    alive = downloads / f".tmp-download-{os.getpid()}-xyz.json.part"
    alive.write_bytes(b"[")
    done = procs.sage50("--json", "snapshots", "products")
    assert done.code == 0, str(done)
    assert not stale.exists() and not legacy.exists()
    assert alive.exists()  # this (test) process still runs: its file is not stale
