"""Full-size kill -9 check: SIGKILL an ingest of 1,000,000 records half-way, then restart.

    /work/venv/bin/python bench/crash_1m.py [--records 1000000] [--data /tmp/sage50-crash]
                                            [--kill-at 0.5]

1. generates a products file of ``--records`` records with the sandbox's generator
   (cached in ``--data``; ~775 MB at 1M, ~35 s the first time);
2. stores a small previous snapshot (1,000 records) in a fresh ``cache.sqlite3``;
3. runs the ingest in a child process (``tests/reliability/crash_child.py``, the same
   ``ingest_file`` the app uses) and sends SIGKILL once it has stored
   ``--kill-at`` of the records (uncommitted);
4. checks, as after a restart: ``PRAGMA integrity_check`` is ``ok``, only the
   previous snapshot is visible (no half snapshot), then ingests the big file again
   ("the next download") and checks it is complete.

Prints each check with PASS/FAIL and exits 1 on any failure. Not a test.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

from crash_child import kill_mid_ingest  # noqa: E402

from sage50_desktop.sandbox import generator  # noqa: E402
from sage50_desktop.services.ingest import ingest_file  # noqa: E402
from sage50_desktop.storage.snapshot_store import SnapshotStore  # noqa: E402

PROFILE, DOMAIN, SCOPE = "bench-profile", "ecommerce", "products"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/sage50-crash"))
    parser.add_argument(
        "--kill-at",
        type=float,
        default=0.5,
        help="share of the records stored when the child is killed",
    )
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    big = args.data / f"products-{args.records}.json"
    small = args.data / "products-1000.json"
    started = time.monotonic()
    if not big.is_file():
        generator.write_scope_file(big, SCOPE, 50, range(1, args.records + 1), {})
    if not small.is_file():
        generator.write_scope_file(small, SCOPE, 50, range(1, 1001), {})
    print(f"files ready in {time.monotonic() - started:.1f} s ({big.stat().st_size:,} bytes)")
    cache = args.data / "cache.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(cache) + suffix).unlink(missing_ok=True)
    store = SnapshotStore(cache)
    conn = store.connect()
    ingest_file(conn, small, profile_id=PROFILE, domain=DOMAIN, scope=SCOPE, version="1.small")
    conn.close()
    store.close()

    t = time.monotonic()
    done = kill_mid_ingest(
        cache,
        big,
        PROFILE,
        DOMAIN,
        SCOPE,
        "2.big",
        kill_at=int(args.records * args.kill_at),
        timeout=600,
    )
    print(
        f"child killed (SIGKILL) after {time.monotonic() - t:.1f} s with {done:,} records "
        "stored, uncommitted"
    )
    ok = True

    def check(name: str, passed: bool, detail: str = "") -> None:
        nonlocal ok
        ok &= passed
        print(f"{'PASS' if passed else 'FAIL'}  {name} {detail}")

    t = time.monotonic()
    raw = sqlite3.connect(cache)
    verdict = raw.execute("PRAGMA integrity_check").fetchone()[0]
    raw.close()
    check("integrity_check", verdict == "ok", f"({verdict}, {time.monotonic() - t:.1f} s)")
    store = SnapshotStore(cache)
    try:
        snaps = store.list_snapshots(PROFILE, DOMAIN, SCOPE)
        check(
            "no half snapshot visible",
            [s.version for s in snaps] == ["1.small"],
            str([(s.version, s.records) for s in snaps]),
        )
        check(
            "previous snapshot intact", bool(snaps) and store.page(snaps[0].id, 0, 1).total == 1000
        )
        t = time.monotonic()
        conn = store.connect()
        result = ingest_file(
            conn, big, profile_id=PROFILE, domain=DOMAIN, scope=SCOPE, version="2.big"
        )
        conn.close()
        check(
            "next ingest works",
            result.records == args.records,
            f"({result.records:,} records in {time.monotonic() - t:.1f} s)",
        )
    finally:
        store.close()
    raw = sqlite3.connect(cache)
    verdict = raw.execute("PRAGMA integrity_check").fetchone()[0]
    raw.close()
    check("integrity_check after the next ingest", verdict == "ok")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
