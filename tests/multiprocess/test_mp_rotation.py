"""A key-rotation storm across processes never reports consent lost while it stands."""

from __future__ import annotations

import pytest
from mp_support import Procs, add_and_consent


@pytest.mark.timeout(300)
def test_rotation_storm_across_processes_never_loses_consent(procs: Procs, sandbox):
    sandbox.control.set_key_lifetime(2)  # keys issued from now on expire soon
    add_and_consent(procs, sandbox)
    sandbox.control.faults(rotation_delay=0.3)  # rotations overlap between processes
    children = [
        procs.start_py("mp_child_loop.py", "15", "scopes", "download products") for _ in range(6)
    ]
    done = procs.wait_all(children, timeout=240)
    reports = []
    for d in done:
        assert d.code == 0, str(d)
        reports.append(d.json)
    runs = sum(r["runs"] for r in reports)
    failures = [e for r in reports for e in r["errors"]]
    assert runs >= 10
    assert not failures, "\n".join(failures[:5])
    assert sandbox.control.counters().get("rotateApikey", 0) >= 1
    final = procs.sage50("--json", "scopes")
    assert final.code == 0, str(final)
