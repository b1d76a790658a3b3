"""``sage50 download`` honours "versions kept", and keeps a version a window page shows."""

from __future__ import annotations

import json
import sqlite3

from mp_support import Procs, add_and_consent

from sage50_desktop.storage.snapshot_pins import Pins


def _stored(procs: Procs) -> list[int]:
    db = sqlite3.connect(procs.data / "cache.sqlite3")
    try:
        rows = db.execute(
            "SELECT s.id FROM snap_snapshots s JOIN snap_scopes c ON c.id = s.scope_id "
            "WHERE c.scope='products' ORDER BY s.seq DESC"
        ).fetchall()
    finally:
        db.close()
    return [r[0] for r in rows]


def _download_new_version(procs: Procs, sandbox) -> None:
    sandbox.control.publish("products", changed=0.1)
    done = procs.sage50("--json", "download", "products")
    assert done.code == 0 and not done.json["unchanged"], str(done)


def test_sage50_download_keeps_the_setting_and_a_version_the_window_shows(procs: Procs, sandbox):
    add_and_consent(procs, sandbox)
    settings = procs.home / "config" / "settings.json"
    values = json.loads(settings.read_text()) if settings.exists() else {}
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({**values, "snapshot_retention": 2}))
    for _ in range(3):
        _download_new_version(procs, sandbox)
    assert len(_stored(procs)) == 2  # honoured after each download
    older = _stored(procs)[1]
    pins = Pins(procs.data / "cache.sqlite3")  # this process: a window page showing it
    pins.hold(older)
    try:
        _download_new_version(procs, sandbox)
        assert older in _stored(procs) and len(_stored(procs)) == 3
    finally:
        pins.release(older)
    _download_new_version(procs, sandbox)
    assert len(_stored(procs)) == 2 and older not in _stored(procs)
