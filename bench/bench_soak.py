"""Soak: many ``sage50`` processes on one data folder against the sandbox, short-lived keys.

    .venv/bin/python bench/bench_soak.py [--processes 12] [--seconds 60] [--key-lifetime 8]

Starts the sandbox (in this process, on loopback), adds a profile and gives
consent with the real ``sage50`` console script, then runs ``--processes``
child processes (``soak_child.py``) for ``--seconds``: each runs downloads of
two scopes, listings, snapshot lists and now and then an upload with
``--wait``, in turn, while this process publishes a new version of both
scopes every few seconds. Keys live ``--key-lifetime`` seconds, so every
process meets rotations by the others. Prints the commands run, the failures
(target 0), the rotations per key lifetime (one process's worth is 1; the
cross-process lock keeps it near that), duplicate snapshots (target 0) and
``PRAGMA integrity_check`` of both databases. Bounded: it ends after
``--seconds`` plus the last commands (each at most a minute).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "helpers"))

from orders import make_order  # noqa: E402

from sage50_desktop.sandbox.config import SandboxConfig  # noqa: E402
from sage50_desktop.sandbox.testing import SandboxThread  # noqa: E402


def _script() -> str:
    found = Path(sys.executable).with_name("sage50")
    return str(found) if found.exists() else (shutil.which("sage50") or "sage50")


def _figure(name: str, value: object, target: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("MET" if met else "MISSED")
    print(f"{name:<34} {value!s:<16} {target:<12} {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--processes", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--key-lifetime", type=float, default=8.0)
    parser.add_argument("--publish-every", type=float, default=5.0)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sage50-soak-"))
    home = work / "home"
    env = dict(os.environ)
    env.update(
        {
            "SAGE50_DESKTOP_HOME": str(home),
            "PYTHON_KEYRING_BACKEND": "soak_keyring.LockedFileKeyring",
            "SAGE50_SOAK_KEYRING": str(work / "keyring.json"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")])),
        }
    )
    orders = work / "orders.json"
    orders.write_bytes(orjson.dumps([make_order(5001 + i) for i in range(3)]))
    sb = SandboxThread(
        SandboxConfig(step_delay=0.2, customers=300, products=600, passcode_lifetime=120)
    ).start()
    try:
        assert sb.control is not None
        control = sb.control
        control.set_key_lifetime(args.key_lifetime)

        def run(*a: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [_script(), "--json", *a], env=env, capture_output=True, text=True, timeout=120
            )

        added = run(
            "profile",
            "add",
            "default",
            "--base-url",
            sb.base_url,
            "--developer-id",
            sb.developer_id,
            "--application-id",
            sb.application_id,
            "--domain",
            sb.domain,
        )
        control.auto_approve(0)
        consent = run("consent", "--timeout", "30", "--poll-interval", "0.05")
        control.auto_approve(None)
        if added.returncode or consent.returncode:
            print(added.stderr, consent.stderr)
            return 1
        control.reset_counters()
        print(
            f"soak: {args.processes} processes x {args.seconds:.0f} s, keys live "
            f"{args.key_lifetime:.0f} s, data in {home}; load {os.getloadavg()[0]:.1f}"
        )
        started = time.monotonic()
        children = [
            subprocess.Popen(
                [sys.executable, str(HERE / "soak_child.py"), str(args.seconds), str(orders)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(args.processes)
        ]
        published = 0
        while time.monotonic() - started < args.seconds:
            time.sleep(args.publish_every)
            control.publish("products", changed=0.05)
            control.publish("customers", changed=0.05)
            published += 2
        reports, crashed = [], []
        for child in children:
            out, err = child.communicate(timeout=args.seconds + 300)
            try:
                reports.append(json.loads(out.strip().splitlines()[-1]))
            except (ValueError, IndexError):
                crashed.append(err[-500:])
        elapsed = time.monotonic() - started
        counters = control.counters()
    finally:
        sb.stop()

    runs = sum(r["runs"] for r in reports)
    failures = sum(n for r in reports for code, n in r["codes"].items() if code != "0")
    rotations = counters.get("rotateApikey", 0)
    lifetimes = elapsed / args.key_lifetime
    data = home / "data"
    cache = sqlite3.connect(data / "cache.sqlite3")
    duplicates = cache.execute(
        "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM snap_snapshots "
        "GROUP BY scope_id, version HAVING n > 1)"
    ).fetchone()[0]
    snapshots = cache.execute("SELECT count(*) FROM snap_snapshots").fetchone()[0]
    cache_ok = cache.execute("PRAGMA integrity_check").fetchone()[0]
    cache.close()
    app = sqlite3.connect(data / "app.sqlite3")
    app_ok = app.execute("PRAGMA integrity_check").fetchone()[0]
    app.close()
    print(f"{'figure':<34} {'value':<16} {'target':<12}")
    _figure("commands run", runs)
    _figure("versions published", published)
    _figure("failures", failures, "0", failures == 0 and not crashed)
    _figure("children that crashed", len(crashed), "0", not crashed)
    _figure("rotations per key lifetime", f"{rotations / lifetimes:.2f} ({rotations})", "~1")
    _figure("snapshots stored", snapshots)
    _figure("duplicate snapshots", duplicates, "0", duplicates == 0)
    _figure("integrity_check cache.sqlite3", cache_ok, "ok", cache_ok == "ok")
    _figure("integrity_check app.sqlite3", app_ok, "ok", app_ok == "ok")
    for line in [e for r in reports for e in r["errors"]][:10] + crashed[:3]:
        print("  failure:", line)
    print(f"load at the end {os.getloadavg()[0]:.1f}; {elapsed:.0f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if failures == 0 and not crashed and duplicates == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
