"""Helpers for GUI tests (import as ``from qt_helpers import wait_until``)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def wait_until(predicate: Callable[[], object], timeout: float = 10.0,
                     interval: float = 0.02, message: str = "") -> None:
    """Await until ``predicate()`` is truthy (Qt and asyncio keep running)."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting: {message or predicate}")
        await asyncio.sleep(interval)
