"""Cold start of the app against its floor, in fresh processes (not a test).

    .venv/bin/python bench/bench_startup.py [--runs 3] [--records 0] [--data DIR] [--sandbox]

Each figure is the time from ``Popen`` (process start) to the first paint of
a window, measured by a child running ``bench/startup_child.py``:

* **floor**: an empty PySide6 ``QMainWindow`` with one lazy ``QTableView``
  (a 1,000,000-row model that answers only the rows it paints), offscreen;
* **app**: ``sage50_desktop.app.main()`` on a fresh data folder
  (``SAGE50_DESKTOP_HOME``), to the first paint of its window (the opening
  window, ``ui/opening.py``: the app's data, the sandbox and the pages are
  opened behind it); also printed: to the first paint of the built main window;
* with ``--records N``: the app on a data folder holding a cached snapshot of
  N products whose window was closed on the products page (the window opens it
  again), to the first paint of the records table with its first page of rows
  (the note: how long after the main window's first paint, and the process's
  CPU time to then); ``--data DIR`` keeps that data folder in DIR and reuses it
  when it holds a snapshot of N already (preparing 1M takes a minute);
* with ``--sandbox``: ``--sandbox`` on a fresh folder (the demo data is
  generated on the first start): to the first paint of the main window.

The median of ``--runs`` runs of each is printed, with MET/MISSED against
"app <= 2x floor". Runs alternate floor/app so machine load hits both alike.
The package is byte-compiled first (an installed app starts from ``.pyc``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = ROOT / "bench" / "startup_child.py"


def run_child(
    mode: str, home: Path, extra: list[str] | None = None, timeout: float = 120
) -> tuple[float, str]:
    home.mkdir(parents=True, exist_ok=True)
    out = home / f"paint-{mode}.txt"
    out.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SAGE50_DESKTOP_HOME=str(home))
    started = time.time()
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), mode, str(out), *(extra or [])],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    if not out.exists():
        raise RuntimeError(f"{mode}: no paint reported\n{err.decode()[-2000:]}")
    painted, note = out.read_text().split("\n", 1)
    return float(painted) - started, note.strip()


def prepare_snapshot(home: Path, records: int) -> None:
    """A data folder with one profile and a cached products snapshot of ``records``."""
    subprocess.run(
        [sys.executable, str(CHILD), "prepare", str(home / "prep.txt"), str(records)],
        env=dict(os.environ, SAGE50_DESKTOP_HOME=str(home), QT_QPA_PLATFORM="offscreen"),
        cwd=ROOT,
        check=True,
    )


def cpu_of(note: str) -> float:
    """The child's CPU time (all threads) to its paint, from its note."""
    found = re.search(r"CPU ([0-9.]+) s", note)
    return float(found.group(1)) if found else float("nan")


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--records",
        type=int,
        default=0,
        help="also: first rows of a cached snapshot of this many products",
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="keep the cached snapshot's data folder here; reused when it holds --records",
    )
    parser.add_argument("--sandbox", action="store_true", help="also: --sandbox first start")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    # an installed app starts from byte code: compile ours once (PYTHONDONTWRITEBYTECODE
    # would otherwise make every child compile ~150 modules again)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "sage50_desktop")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(
        f"load average at start: {' / '.join(f'{x:.2f}' for x in os.getloadavg())} "
        f"({os.cpu_count()} CPUs)",
        flush=True,
    )
    try:
        cached = args.data.resolve() if args.data else work / "cached"
        prepared = cached / "prepared-records.txt"
        if args.records and prepared.exists() and prepared.read_text() == str(args.records):
            print(f"reusing the cached snapshot of {args.records:,} products in {cached}")
        elif args.records:
            if prepared.exists():  # a bench folder of another size
                shutil.rmtree(cached)
            elif cached.exists() and any(cached.iterdir()):
                parser.error(f"--data {cached}: not empty and not a folder this bench made")
            t = time.perf_counter()
            prepare_snapshot(cached, args.records)
            prepared.write_text(str(args.records))
            print(
                f"prepared a cached snapshot of {args.records:,} products in "
                f"{time.perf_counter() - t:.1f} s",
                flush=True,
            )
        floors, apps, readies, rows, sandboxes = [], [], [], [], []
        floor_cpus, rows_cpus = [], []
        for n in range(args.runs):
            seconds, note = run_child("floor", work / f"floor{n}")
            floors.append(seconds)
            floor_cpus.append(cpu_of(note))
            fresh = work / f"fresh{n}"
            apps.append(run_child("app", fresh)[0])
            readies.append(run_child("ready", work / f"ready{n}")[0])
            if args.records:
                seconds, note = run_child("rows", cached)
                rows.append(seconds)
                rows_cpus.append(cpu_of(note))
            if args.sandbox:
                sandboxes.append(run_child("sandbox", work / f"sandbox{n}")[0])
            print(
                f"  run {n + 1}: floor {floors[-1]:.2f} s, app {apps[-1]:.2f} s "
                f"(main window built {readies[-1]:.2f} s)"
                + (f", first rows {rows[-1]:.2f} s ({note})" if args.records else "")
                + (f", --sandbox first start {sandboxes[-1]:.2f} s" if args.sandbox else ""),
                flush=True,
            )
        floor = statistics.median(floors)
        app = statistics.median(apps)
        print(
            f"floor (empty window + lazy QTableView): {floor:.2f} s (median of {args.runs}; "
            f"CPU {statistics.median(floor_cpus):.2f} s)"
        )
        print(
            f"cold start to a painted main window: {app:.2f} s = {app / floor:.2f}x floor "
            f"[target <= 2x: {verdict(app <= 2 * floor)}]"
        )
        ready = statistics.median(readies)
        print(
            f"cold start to the built main window (sidebar, pages, menus; the app's data "
            f"opened behind the window): {ready:.2f} s = {ready / floor:.2f}x floor"
        )
        if rows:
            first = statistics.median(rows)
            print(
                f"cold start to the first rows of a cached {args.records:,}-record snapshot: "
                f"{first:.2f} s = {first / floor:.2f}x floor [target <= 2x: "
                f"{verdict(first <= 2 * floor)}]"
            )
            print(
                f"  CPU time (all threads) to those rows: {statistics.median(rows_cpus):.2f} s "
                f"(median; the floor's {statistics.median(floor_cpus):.2f} s)"
            )
        if sandboxes:
            sb = statistics.median(sandboxes)
            print(
                f"--sandbox first start to a painted main window: {sb:.2f} s = "
                f"{sb / floor:.2f}x floor [target <= 2x: {verdict(sb <= 2 * floor)}]"
            )
        print(f"load average at the end: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
