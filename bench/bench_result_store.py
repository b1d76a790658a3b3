"""Benchmark: storing an upload result of 100,000 outcomes while the GUI loop runs (not a test).

    .venv/bin/python bench/bench_result_store.py [--outcomes 100000]

Builds the app's real upload engine on a fresh data folder (``Runtime``,
``UploadService``, an upload row), a result file of ``--outcomes`` outcomes
(one in ten rejected with an error), and stores it the way tracking does
(:meth:`~sage50_desktop.services.tracking.Tracker.store_result`: raw file +
outcomes in ``app.sqlite3``) on a qasync loop with a 5 ms ``QTimer`` probe.
Prints the store time and the longest GUI-loop stall, then the same store done
in one block on the GUI thread for comparison. Python's garbage collector runs
on the GUI thread as in the app (``ui/gc_guard.py``). Target: stall < 50 ms.

Then the upload service's small store calls while another process holds
``app.sqlite3``'s write lock for ``--lock-ms`` (as a ``sage50`` command
storing its own upload does): ``UploadService.cancel`` (a status write) on
the app's database thread, and the same write done directly on the GUI
thread for comparison. Target: stall < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import orjson  # noqa: E402
import qasync  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from sage50_desktop.api.models import RecordError, RecordResult, ResultFile  # noqa: E402
from sage50_desktop.services.runtime import Runtime  # noqa: E402
from sage50_desktop.services.settings import Settings  # noqa: E402
from sage50_desktop.services.tracking import Tracker  # noqa: E402
from sage50_desktop.services.uploads import UploadService  # noqa: E402
from sage50_desktop.storage.credentials import MemoryCredentialStore  # noqa: E402
from sage50_desktop.storage.profiles import Profile  # noqa: E402
from sage50_desktop.storage.upload_store import LocalState  # noqa: E402
from sage50_desktop.ui.gc_guard import GarbageCollector  # noqa: E402

TARGET_MS = 50.0


class StallProbe:
    """The longest gap between ticks of a 5 ms QTimer on the GUI thread."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.worst = 0.0

    def _tick(self) -> None:
        elapsed = self.clock.nsecsElapsed() / 1e6
        self.worst = max(self.worst, elapsed - 5.0)
        self.clock.restart()

    def start(self) -> None:
        self.worst = 0.0
        self.clock.start()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return max(0.0, self.worst)


def _result(upload_id: str, n: int) -> tuple[bytes, ResultFile]:
    results = tuple(
        RecordResult(
            f"ORD-{i}",
            "rejected" if i % 10 == 0 else "accepted",
            (RecordError("lines.0.productId", "unknown product"),) if i % 10 == 0 else (),
        )
        for i in range(n)
    )
    rejected = sum(1 for r in results if r.status == "rejected")
    result = ResultFile(upload_id, "failed", n, n - rejected, rejected, (), results)
    raw = orjson.dumps(
        {
            "uploadId": upload_id,
            "status": "failed",
            "summary": {"total": n, "accepted": n - rejected, "rejected": rejected},
            "errors": [],
            "results": [
                {
                    "id": r.id,
                    "status": r.status,
                    "errors": [{"path": e.path, "message": e.message} for e in r.errors],
                }
                for r in results
            ],
        }
    )
    return raw, result


def _hold_write_lock(path: Path, seconds: float, held: threading.Event) -> None:
    """Another process's write transaction on ``app.sqlite3`` (its own connection)."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
    finally:
        conn.close()


async def _locked_writes(
    service: UploadService, path: Path, lock_ms: int, probe: StallProbe
) -> float:
    """Status writes while the database is locked: through the service, then in one block."""
    worst = 0.0
    for label, in_block in (
        ("on the database thread", False),
        ("on the GUI thread (before)", True),
    ):
        upload_id = f"bench-lock-{int(in_block)}"
        service.store.add(
            id=upload_id,
            profile_id=service.profile_id,
            domain="ecommerce",
            scope="orders",
            file_name="orders.json",
            local_path="orders.json",
            size=0,
            sha256="0" * 64,
            tracking_url="http://127.0.0.1:9/t",
            upload_url=None,
            upload_url_expiration=None,
        )
        held = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, lock_ms / 1000, held))
        holder.start()
        await asyncio.to_thread(held.wait)
        probe.start()
        started = time.perf_counter()
        if in_block:
            service.store.set_state(upload_id, LocalState.CANCELLED, "Tracking cancelled.")
        else:
            await service.cancel(upload_id)
        seconds = time.perf_counter() - started
        await asyncio.sleep(0.02)
        stall = probe.stop()
        await asyncio.to_thread(holder.join)
        assert service.get(upload_id).state == LocalState.CANCELLED
        if not in_block:
            worst = stall
        print(
            f"status write while another process holds the write lock {lock_ms} ms, "
            f"{label}: {seconds:.2f} s, longest GUI stall {stall:.0f} ms"
        )
    return worst


async def run(outcomes: int, folder: Path, lock_ms: int = 500) -> int:
    runtime = Runtime(
        folder / "data",
        sandbox_credentials=MemoryCredentialStore(),
        settings=Settings(folder / "settings.json"),
    )
    profile = runtime.profiles.add(
        Profile(
            name="bench",
            base_url="http://127.0.0.1:9",
            developer_id="dev",
            application_id="app",
            domain="ecommerce",
            sandbox=True,
        )
    )
    connection = runtime.connect(profile)
    service = UploadService(runtime, connection)
    probe = StallProbe()
    try:
        figures = []
        for label, in_block in (
            ("through the worker thread", False),
            ("in one block on the GUI thread (before)", True),
        ):
            upload_id = f"bench-{int(in_block)}"
            service.store.add(
                id=upload_id,
                profile_id=profile.id,
                domain="ecommerce",
                scope="orders",
                file_name="orders.json",
                local_path="orders.json",
                size=0,
                sha256="0" * 64,
                tracking_url="http://127.0.0.1:9/t",
                upload_url=None,
                upload_url_expiration=None,
            )
            raw, result = _result(upload_id, outcomes)
            tracker = Tracker(service, upload_id)
            await asyncio.sleep(0.05)
            probe.start()
            started = time.perf_counter()
            if in_block:
                tracker._write_result(raw, result)
            else:
                await tracker.store_result(raw, result)
            seconds = time.perf_counter() - started
            await asyncio.sleep(0.02)
            stall = probe.stop()
            stored = len(service.outcomes(upload_id))
            assert stored == outcomes, stored
            figures.append((label, seconds, stall))
            print(
                f"store {outcomes:,} outcomes {label}: {seconds:.2f} s, "
                f"longest GUI stall {stall:.0f} ms"
            )
        _label, _seconds, stall = figures[0]
        verdict = "MET" if stall < TARGET_MS else "MISSED"
        print(
            f"longest GUI stall while storing a {outcomes:,}-outcome result: {stall:.0f} ms "
            f"(target < {TARGET_MS:.0f} ms) {verdict}  [load {os.getloadavg()[0]:.2f}]"
        )
        locked = await _locked_writes(service, runtime.data_dir / "app.sqlite3", lock_ms, probe)
        verdict = "MET" if locked < TARGET_MS else "MISSED"
        print(
            f"longest GUI stall of an upload's status write while app.sqlite3 is locked: "
            f"{locked:.0f} ms (target < {TARGET_MS:.0f} ms) {verdict}"
        )
        return 0
    finally:
        await service.aclose()
        await connection.aclose()
        runtime.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outcomes", type=int, default=100_000)
    parser.add_argument("--lock-ms", type=int, default=500, help="how long another process locks")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    gc_guard = GarbageCollector(app)  # as the app: collections on the GUI thread only
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory(prefix="sage50-bench-result-") as tmp, loop:
        try:
            return loop.run_until_complete(run(args.outcomes, Path(tmp), args.lock_ms))
        finally:
            gc_guard.stop()


if __name__ == "__main__":
    sys.exit(main())
