"""One worker thread for ``app.sqlite3`` work of the event loop: callers await, the loop runs on.

The GUI's event loop (qasync) must never block on SQLite: a write can wait
seconds for another process's lock, and a big read takes long by itself.
:meth:`DbWorker.run` hands one call to the worker thread and awaits it. One
thread, so the loop's database work runs in the order it was asked for and
never competes with itself for SQLite's write lock; other processes and the
other threads (query workers, index builds) keep their own connections.

A call whose awaiting coroutine is cancelled still runs to its end on the
worker (as with ``asyncio.to_thread``): a write is never cut in half.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class DbWorker:
    """A single thread that runs database calls for coroutines (see the module doc)."""

    def __init__(self, name: str = "app-sqlite3") -> None:
        self.name = name
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False

    async def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """``fn(*args, **kwargs)`` on the worker thread; its result (or its exception)."""
        loop = asyncio.get_running_loop()
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await loop.run_in_executor(self._executor(), call)

    def on_worker(self) -> bool:
        """True on the worker thread (tests check where the work ran)."""
        return threading.current_thread().name.startswith(self.name + "_")

    def close(self) -> None:
        """Finish the calls asked for, then stop the thread (idempotent)."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError(f"the {self.name} worker is closed")
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name)
            return self._pool
