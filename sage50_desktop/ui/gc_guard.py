"""Run Python's garbage collector on the GUI thread only.

A reference cycle that holds Qt objects may otherwise be collected on any
thread that happens to trigger a collection (a download worker, the sandbox
thread), destroying QTimers or widgets from the wrong thread, which Qt
punishes with warnings or a crash. Automatic collection is switched off and a
timer on the GUI thread collects instead (the approach qutebrowser uses).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GarbageCollector(QObject):
    """Collects generation by generation from a GUI-thread timer while it lives."""

    INTERVAL_MS = 500

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        starting: bool = False,
        was_enabled: bool | None = None,
    ) -> None:
        super().__init__(parent)
        #: the app is opening (``starting``): its modules and window are being made, all
        #: long-lived; the oldest generation waits for :meth:`freeze` (``main()``, once
        #: the window is built)
        self.starting = starting
        #: whether automatic collection is on again after :meth:`stop` (``was_enabled``:
        #: as it was before the caller switched it off earlier; default: as it is now)
        self._was_enabled = gc.isenabled() if was_enabled is None else was_enabled
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        counts = gc.get_count()
        if counts[0] > self._thresholds[0]:
            generation = 0
            if counts[1] > self._thresholds[1]:
                generation = 1
                if counts[2] > self._thresholds[2] and not self.starting:
                    generation = 2
            gc.collect(generation)

    def freeze(self, *, started: bool = False) -> None:
        """Treat every object made so far as long-lived (``gc.freeze``): the modules,
        classes and the window of the start-up are never scanned again; ``started``
        ends :attr:`starting`.

        Collecting the oldest generation every tenth collection of the middle one
        (CPython also waits until it grew by a quarter, which this timer cannot
        see) would otherwise walk all of them every few seconds on the GUI thread
        while the app opens: 0.1–0.3 s each, holding the GIL the opening needs.
        """
        gc.freeze()
        if started:
            self.starting = False

    def stop(self) -> None:
        self._timer.stop()
        gc.unfreeze()
        gc.collect()
        if self._was_enabled:
            gc.enable()
