"""The one way core events and worker results reach Qt: a bridge owned by a Qt object.

The core (``services``, ``storage``) reports through Qt-free
:class:`~sage50_desktop.events.Signal` events, and worker threads through
``concurrent.futures.Future`` callbacks. A :class:`GuiBridge` is a child of the
Qt object that wants them:

* :meth:`GuiBridge.subscribe` connects a core event to a slot; the slot runs at
  once when the event is emitted on the GUI thread, otherwise it is posted to
  the GUI thread (queued);
* :meth:`GuiBridge.post` runs a function on the GUI thread from any thread;
* :meth:`GuiBridge.when_done` calls back on the GUI thread once a future is done.

When the bridge's owner is destroyed the bridge goes with it, every
subscription is disconnected from its core event and nothing already posted
runs: no manual ``detach()``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from sage50_desktop import events

log = logging.getLogger(__name__)


class _State:
    """What outlives the bridge's C++ object: its subscriptions and whether it lives."""

    def __init__(self) -> None:
        self.alive = True
        self.subscriptions: list[tuple[events.Signal, Callable[..., Any]]] = []

    def detach(self, *_args: Any) -> None:
        self.alive = False
        subscriptions, self.subscriptions = self.subscriptions, []
        for event, listener in subscriptions:
            event.disconnect(listener)


class GuiBridge(QObject):
    """Delivers core events and worker results to its owner on the GUI thread.

    Signals:
        call(object): carries ``(function, args)`` to the GUI thread (queued).
    """

    call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = _State()
        self._thread = threading.get_ident()
        self.call.connect(self._run)
        self.destroyed.connect(self._state.detach)

    @property
    def alive(self) -> bool:
        return self._state.alive

    def subscribe(self, event: events.Signal, slot: Callable[..., Any]) -> None:
        """Call ``slot(*args)`` on the GUI thread on each ``event.emit(*args)``."""
        state, gui_thread = self._state, self._thread
        post = self.post

        def listener(*args: Any) -> None:
            if not state.alive:
                return
            if threading.get_ident() == gui_thread:
                slot(*args)
            else:
                post(slot, *args)

        event.connect(listener)
        state.subscriptions.append((event, listener))

    def detach(self) -> None:
        """Disconnect every subscription now (the owner stays)."""
        self._state.detach()

    def post(self, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` on the GUI thread soon (safe from any thread)."""
        if not self._state.alive:
            return
        try:
            self.call.emit((function, args))
        except RuntimeError:  # the bridge is gone: its owner no longer wants results
            pass

    def when_done(self, future: Future[Any], callback: Callable[[Future[Any]], Any]) -> None:
        """Call ``callback(future)`` on the GUI thread once ``future`` is done."""
        future.add_done_callback(lambda f: self.post(callback, f))

    @Slot(object)
    def _run(self, item: tuple[Callable[..., Any], tuple[Any, ...]]) -> None:
        if not self._state.alive:
            return
        function, args = item
        function(*args)
