"""A tiny Qt-free signal: lower layers report changes, the UI subscribes.

Callbacks run synchronously in the emitting thread; the UI adapts them onto
the GUI thread. A failing listener is logged and does not stop the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


class Signal:
    """A list of callbacks called with the same arguments on ``emit``."""

    def __init__(self, name: str = "signal") -> None:
        self._name = name
        self._listeners: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        if callback not in self._listeners:
            self._listeners.append(callback)
        return callback

    def disconnect(self, callback: Callable[..., Any]) -> None:
        try:
            self._listeners.remove(callback)
        except ValueError:
            pass

    def emit(self, *args: Any, **kwargs: Any) -> None:
        for callback in list(self._listeners):
            try:
                callback(*args, **kwargs)
            except Exception:  # a broken listener must not break the emitter
                log.exception("listener of %s failed", self._name)

    def __len__(self) -> int:
        return len(self._listeners)
