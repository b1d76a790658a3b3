"""One export at a time: a file writer on a worker thread, run as a named task, with its strip.

Both Export ▾ menus (a version's records, :mod:`~sage50_desktop.ui.browser.export_menu`,
and the differences of two versions, :mod:`~sage50_desktop.ui.browser.diff_export_menu`)
differ only in which writer they call and with what; this holds what they share:

* the writer (``services.export`` / ``services.diff_export``) runs in
  ``asyncio.to_thread`` inside a registry task (``if_running="replace"``), so the
  Activity dock lists it and a newer export replaces the running one;
* its progress reaches the task and the :class:`ExportProgress` strip on the GUI
  thread (``call_soon_threadsafe``); a *generation* number drops the progress and
  the end of an export that a newer one replaced;
* Cancel sets the writer's stop flag (it stops at its next check and removes its
  temporary file; the target is untouched), ends the task and hides the strip at
  once; a failure shows its translated message in the strip.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from sage50_desktop.services import activity as A
from sage50_desktop.services.export import ExportCancelled, ExportFailed
from sage50_desktop.services.tasks import TaskInfo, TaskRegistry
from sage50_desktop.ui.browser.export_progress import ExportProgress, failure_text


class ExportRun:
    """The running export of one menu (at most one) and its progress strip."""

    def __init__(self, progress: ExportProgress) -> None:
        self.progress = progress
        self.task_name: str | None = None
        self._registry: TaskRegistry | None = None
        self._stop: threading.Event | None = None
        self._generation = 0

    def start(
        self,
        registry: TaskRegistry,
        name: str,
        writer: Callable[..., int],
        writer_args: tuple[Any, ...],
        writer_kwargs: dict[str, Any],
        *,
        file_name: str,
        total: int | None,
        subject: str,
        target: str | None,
    ) -> TaskInfo:
        """Run ``writer(*writer_args, progress=…, cancelled=…, **writer_kwargs)`` as task ``name``."""
        stop = threading.Event()
        if self._stop is not None:
            self._stop.set()  # a newer export replaces the running one
        self._stop = stop
        self._registry = registry
        self.task_name = name
        self._generation += 1
        generation = self._generation
        self.progress.running(file_name, total)

        async def run() -> int:
            loop = asyncio.get_running_loop()

            def progress(done: int) -> None:
                loop.call_soon_threadsafe(self._progress, generation, name, done, total)

            try:
                count: int = await asyncio.to_thread(
                    writer,
                    *writer_args,
                    progress=progress,
                    cancelled=stop.is_set,
                    **writer_kwargs,
                )
            except asyncio.CancelledError:
                stop.set()  # the worker stops at its next check and removes its file
                self._ended(generation)
                raise
            except ExportCancelled:
                self._ended(generation)
                raise asyncio.CancelledError() from None
            except ExportFailed as exc:
                self._ended(generation, failure_text(exc))
                raise
            self._ended(generation)
            return count

        return registry.start(
            name, run(), kind=A.KIND_EXPORT, subject=subject, target=target, if_running="replace"
        )

    def cancel(self) -> bool:
        """Stop the running export; the strip goes at once, even before the worker ran."""
        if self._stop is not None:
            self._stop.set()
        if self.task_name is None or self._registry is None:
            return False
        name = self.task_name
        self._ended(self._generation)
        return self._registry.cancel(name)

    def _progress(self, generation: int, name: str, done: int, total: int | None) -> None:
        if generation != self._generation or self._registry is None:
            return
        self._registry.progress(name, done, total)
        self.progress.advance(done)

    def _ended(self, generation: int, failure: str | None = None) -> None:
        if generation != self._generation:
            return
        self.task_name = None
        self._stop = None
        if failure:
            self.progress.failed(failure)
        else:
            self.progress.hide()
