"""What the event loop was doing when it stalled (benchmarks only, not a test).

:class:`StallWatch` pairs a probe on the loop (``beat()`` every ~10 ms: an
``asyncio.sleep`` loop or a ``QTimer``) with a watchdog thread that wakes
every 2 ms. When the loop has not beaten for longer than ``threshold``, the
watchdog samples every thread's Python stack (``sys._current_frames()``) —
the loop thread's own frame says what it was running, the others' say who had
the GIL — and keeps the samples of the longest stall. Garbage collections
overlapping the stall are counted too (a full collection holds the GIL).

A watchdog sample can only be taken when the watchdog itself gets the GIL: a
C call that holds it (a big ``orjson.loads``) shows as the frame that made the
call, in the thread that made it, on the first sample after it returns.
"""

from __future__ import annotations

import collections
import gc
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field


@dataclass
class Stall:
    seconds: float = 0.0
    #: (thread name, innermost frames) of each sample taken during the stall
    samples: list[tuple[str, list[str]]] = field(default_factory=list)
    gc_seconds: float = 0.0
    gc_runs: collections.Counter = field(default_factory=collections.Counter)


def _stack(frame: object, depth: int = 6) -> list[str]:
    entries = traceback.extract_stack(frame)[-depth:]  # type: ignore[arg-type]
    return [f"{e.filename.rsplit('/', 2)[-2:][-1]}:{e.lineno} {e.name}" for e in entries]


class StallWatch:
    def __init__(self, threshold: float = 0.03) -> None:
        self.threshold = threshold
        self.loop_thread = threading.get_ident()
        self.last = time.perf_counter()
        self.worst = Stall()
        self._current: Stall | None = None
        self._stop = threading.Event()
        self._gc_start: dict[int, float] = {}
        self._gc_log: collections.deque[tuple[float, float, int]] = collections.deque(maxlen=2000)
        self._thread = threading.Thread(target=self._watch, name="stall-watch", daemon=True)

    # --- the loop side --------------------------------------------------------
    def beat(self) -> None:
        now = time.perf_counter()
        gap = now - self.last
        self.last = now
        current, self._current = self._current, None
        if gap > self.worst.seconds:
            stall = current or Stall()
            stall.seconds = gap
            for start, end, gen in list(self._gc_log):
                overlap = min(end, now) - max(start, now - gap)
                if overlap > 0:
                    stall.gc_seconds += overlap
                    stall.gc_runs[gen] += 1
            self.worst = stall

    # --- the watchdog -----------------------------------------------------------
    def _watch(self) -> None:
        names = {}
        while not self._stop.wait(0.002):
            gap = time.perf_counter() - self.last
            if gap < self.threshold:
                continue
            stall = self._current
            if stall is None:
                stall = self._current = Stall()
            if len(stall.samples) >= 60:
                continue
            names = {t.ident: t.name for t in threading.enumerate()}
            for ident, frame in sys._current_frames().items():
                if ident == threading.get_ident():
                    continue
                name = names.get(ident, str(ident))
                if ident == self.loop_thread:
                    name = "LOOP"
                stall.samples.append((name, _stack(frame)))

    def _gc(self, phase: str, info: dict) -> None:
        tid = threading.get_ident()
        if phase == "start":
            self._gc_start[tid] = time.perf_counter()
        elif tid in self._gc_start:
            self._gc_log.append((self._gc_start.pop(tid), time.perf_counter(), info["generation"]))

    def __enter__(self) -> StallWatch:
        self.last = time.perf_counter()
        gc.callbacks.append(self._gc)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        gc.callbacks.remove(self._gc)

    def report(self, indent: str = "    ") -> str:
        """The longest stall: its length, GC inside it, the loop's most sampled frame
        and each other thread's most sampled innermost frame."""
        w = self.worst
        lines = [
            f"{indent}longest stall {w.seconds * 1000:.1f} ms; GC inside it "
            f"{w.gc_seconds * 1000:.1f} ms (runs by generation {dict(w.gc_runs)})"
        ]
        if not w.samples:
            lines.append(f"{indent}  (no sample: the watchdog did not get the GIL during it)")
            return "\n".join(lines)
        by_thread: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for name, stack in w.samples:
            by_thread[name][" <- ".join(reversed(stack[-3:]))] += 1
        for name in sorted(by_thread, key=lambda n: (n != "LOOP", n)):
            frame, hits = by_thread[name].most_common(1)[0]
            lines.append(
                f"{indent}  {name} ({hits}/{sum(by_thread[name].values())} samples): {frame}"
            )
        return "\n".join(lines)
