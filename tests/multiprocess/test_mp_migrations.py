"""Several processes opening a fresh data folder at once: one migrates, all succeed."""

from __future__ import annotations

import sqlite3

from mp_support import Procs

from sage50_desktop.storage.snapshot_schema import COMPONENT, STEPS


def test_ten_processes_on_a_fresh_folder_all_migrate_once(procs: Procs):
    children = [procs.start_py("mp_child_open.py", str(procs.data)) for _ in range(10)]
    done = procs.wait_all(children)
    failures = [str(d) for d in done if d.code != 0]
    assert not failures, "\n".join(failures)
    cache = sqlite3.connect(procs.data / "cache.sqlite3")
    assert cache.execute(
        "SELECT version FROM schema_versions WHERE component=?", (COMPONENT,)
    ).fetchone() == (len(STEPS),)
    assert cache.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    app = sqlite3.connect(procs.data / "app.sqlite3")
    versions = dict(app.execute("SELECT component, version FROM schema_versions"))
    assert set(versions) == {"profiles", "uploads", "activity"}
    assert app.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_profile_add_in_eight_processes_on_a_fresh_folder(procs: Procs, sandbox):
    children = [
        procs.start_cli(
            "--json",
            "profile",
            "add",
            f"p{i}",
            "--base-url",
            sandbox.base_url,
            "--developer-id",
            sandbox.developer_id,
            "--application-id",
            sandbox.application_id,
            "--domain",
            sandbox.domain,
        )
        for i in range(8)
    ]
    done = procs.wait_all(children)
    failures = [str(d) for d in done if d.code != 0]
    assert not failures, "\n".join(failures)
    listed = procs.sage50("--json", "profile", "list")
    assert listed.code == 0, str(listed)
    assert sorted(p["profile"] for p in listed.json["profiles"]) == [f"p{i}" for i in range(8)]
