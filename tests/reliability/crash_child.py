"""Child process of the kill -9 tests (``tests/reliability``) and of ``bench/crash_1m.py``.

    python crash_child.py ingest CACHE_DB JSON_FILE PROFILE_ID DOMAIN SCOPE VERSION PROGRESS_FILE

Ingests JSON_FILE as a new snapshot exactly as ``SyncService`` does (the same
``ingest_file`` on a connection of its own) and writes the number of records
stored so far to PROGRESS_FILE after every batch, so the parent can pick the
moment to send SIGKILL. Prints ``done <records>`` if it is not killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.storage.snapshot_store import SnapshotStore


def ingest(
    cache: str,
    source: str,
    profile_id: str,
    domain: str,
    scope: str,
    version: str,
    progress_file: str,
) -> None:
    store = SnapshotStore(Path(cache))
    progress_path = Path(progress_file)

    def progress(records: int) -> None:
        progress_path.write_text(str(records))

    conn = store.connect()
    try:
        result = ingest_file(
            conn,
            Path(source),
            profile_id=profile_id,
            domain=domain,
            scope=scope,
            version=version,
            progress=progress,
        )
    finally:
        conn.close()
        store.close()
    print(f"done {result.records}", flush=True)


def kill_mid_ingest(
    cache: Path,
    source: Path,
    profile_id: str,
    domain: str,
    scope: str,
    version: str,
    kill_at: int,
    timeout: float = 60.0,
) -> int:
    """Run the child; SIGKILL it once it has stored ``kill_at`` records (uncommitted).

    Returns the records the child had reported when it was killed. Raises
    AssertionError if the child finished (or died) first or took too long.
    """
    progress = cache.with_name(cache.name + ".progress")
    progress.unlink(missing_ok=True)
    child = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "ingest",
            str(cache),
            str(source),
            profile_id,
            domain,
            scope,
            version,
            str(progress),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                done = int(progress.read_text() or 0)
            except (FileNotFoundError, ValueError):
                done = 0
            if done >= kill_at:
                os.kill(child.pid, signal.SIGKILL)
                break
            if child.poll() is not None:
                out, err = child.communicate()
                raise AssertionError(
                    f"the child ended before the kill (rc {child.returncode}): {out} {err[-2000:]}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"the child stored only {done} records in {timeout} s")
            time.sleep(0.005)
        child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == -signal.SIGKILL, child.returncode
    progress.unlink(missing_ok=True)
    return done


if __name__ == "__main__":
    if len(sys.argv) != 9 or sys.argv[1] != "ingest":
        sys.exit(__doc__)
    ingest(*sys.argv[2:])
