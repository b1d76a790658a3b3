"""Results of worker-thread futures and engine callbacks, delivered on the GUI thread.

The browser's database work runs on worker threads
(:class:`~sage50_desktop.ui.browser.snapshot_view.QueryRunner`); its
``concurrent.futures.Future`` callbacks fire on those threads. A
:class:`GuiBridge` re-emits them through a queued Qt signal, so the callback
runs on the GUI thread, and only while the bridge (and its owner) lives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class GuiBridge(QObject):
    """Calls functions on the GUI thread, from any thread.

    Signals:
        call(object): carries ``(function, args)``; connected (queued) to the runner.
    """

    call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.call.connect(self._run)

    def post(self, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` on the GUI thread soon (safe from any thread)."""
        try:
            self.call.emit((function, args))
        except RuntimeError:  # the bridge is gone: its owner no longer wants results
            pass

    def when_done(self, future: Future[Any], callback: Callable[[Future[Any]], Any]) -> None:
        """Call ``callback(future)`` on the GUI thread once ``future`` is done."""
        future.add_done_callback(lambda f: self.post(callback, f))

    @staticmethod
    def _run(item: tuple[Callable[..., Any], tuple[Any, ...]]) -> None:
        function, args = item
        function(*args)
