"""Named background tasks: one registry lists them, cancels them and reports their end.

Every piece of background work of the app (a download, an upload, a key
renewal, a consent, a refresh) runs through :meth:`TaskRegistry.start` under a
unique name, so the UI can list it with its progress, shutdown can cancel it,
and its errors reach the user one way: the ``finished`` signal with
``info.state == "failed"`` and ``info.error`` (the Activity dock records it).
The coroutine itself never needs to catch-and-show errors.

A running coroutine reports progress with :func:`report_progress` (it finds
its own task through a context variable), or anyone can call
:meth:`TaskRegistry.progress` with the task's name.

Qt-free: runs on any asyncio loop (the GUI runs it on qasync's).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.events import Signal
from sage50_desktop.redaction import redact

log = logging.getLogger(__name__)

RUNNING = "running"
SUCCEEDED = "succeeded"
FAILED = "failed"
CANCELLED = "cancelled"
FINAL_STATES = (SUCCEEDED, FAILED, CANCELLED)

_current: contextvars.ContextVar[TaskInfo | None] = contextvars.ContextVar(
    "sage50_current_task", default=None
)


class TaskRunning(RuntimeError):
    """A task with that name is running already."""


@dataclass(eq=False)
class TaskInfo:
    """What the registry knows about one task (mutable while it runs).

    Attributes:
        name: unique among running tasks, e.g. ``"download:<profile>/ecommerce/products"``.
        kind: what sort of work: ``download``, ``upload``, ``key_rotation``,
            ``consent``, ``refresh``, ``poll``, ``export`` … (the UI labels it).
        subject: what it works on, in the user's words (a scope, a connection name).
        target: where the UI jumps when the task is clicked (see :mod:`services.activity`).
        quiet: routine work (polling) that the history records only when it fails.
        cleanup: closing work (network clients, sockets): shutdown lets it end
            instead of cancelling it, and it may start while the app shuts down.
        done / total: progress in units of the task (bytes, records); ``total``
            None means unknown.
        detail: a short English status line (``"310 / 748 MB"``).
    """

    name: str
    kind: str
    subject: str = ""
    target: str | None = None
    quiet: bool = False
    cleanup: bool = False
    state: str = RUNNING
    done: int | None = None
    total: int | None = None
    detail: str = ""
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None
    error: BaseException | None = None
    result: Any = None
    task: asyncio.Task[Any] | None = field(default=None, repr=False)
    registry: TaskRegistry | None = field(default=None, repr=False)

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    @property
    def fraction(self) -> float | None:
        if self.done is None or not self.total:
            return None
        return max(0.0, min(1.0, self.done / self.total))


class TaskRegistry:
    """The app's running background tasks, by name.

    Signals:
        started(info: TaskInfo): a task began.
        progressed(info: TaskInfo): its ``done``/``total``/``detail`` changed.
        finished(info: TaskInfo): it ended; ``info.state`` is ``succeeded``,
            ``failed`` (``info.error`` set) or ``cancelled``.
        count_changed(count: int): how many tasks run now.
    """

    def __init__(self, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._clock = clock
        self._running: dict[str, TaskInfo] = {}
        self._closing = False
        self.started = Signal("task_started")
        self.progressed = Signal("task_progressed")
        self.finished = Signal("task_finished")
        self.count_changed = Signal("task_count_changed")

    # --- queries ------------------------------------------------------------------
    def get(self, name: str) -> TaskInfo | None:
        return self._running.get(name)

    def running(self) -> list[TaskInfo]:
        """The running tasks, oldest first."""
        return sorted(self._running.values(), key=lambda info: info.started_at)

    @property
    def closing(self) -> bool:
        """True once :meth:`cancel_all` ran: no new task can start."""
        return self._closing

    def is_running(self, name: str) -> bool:
        return name in self._running

    def __len__(self) -> int:
        return len(self._running)

    # --- control ------------------------------------------------------------------
    def start(
        self,
        name: str,
        coro: Coroutine[Any, Any, Any],
        *,
        kind: str = "task",
        subject: str = "",
        target: str | None = None,
        quiet: bool = False,
        cleanup: bool = False,
        if_running: str = "raise",
    ) -> TaskInfo:
        """Run ``coro`` as the task ``name``.

        Args:
            name: unique while running.
            coro: the work; may call :func:`report_progress`.
            kind / subject / target / quiet / cleanup: see :class:`TaskInfo`.
            if_running: what to do when ``name`` runs already: ``"raise"``
                (:class:`TaskRunning`), ``"keep"`` (return the running one and
                close ``coro`` unstarted) or ``"replace"`` (cancel it first).
        Returns:
            the task's :class:`TaskInfo`; ``info.task`` is the asyncio task
            (awaiting it gives the result, or None when the task failed).
        """
        if self._closing and not cleanup:
            coro.close()
            raise RuntimeError("the app is shutting down")
        existing = self._running.get(name)
        if existing is not None:
            if if_running == "keep":
                coro.close()
                return existing
            if if_running == "replace":
                self.cancel(name)
                self._running.pop(name, None)
            else:
                coro.close()
                raise TaskRunning(f"task {name!r} is running already")
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            coro.close()
            raise
        info = TaskInfo(
            name=name,
            kind=kind,
            subject=subject,
            target=target,
            quiet=quiet,
            cleanup=cleanup,
            started_at=self._clock(),
            registry=self,
        )
        self._running[name] = info
        info.task = loop.create_task(self._run(info, coro), name=name)
        info.task.add_done_callback(lambda _task: self._settle(info, coro))
        self.started.emit(info)
        self.count_changed.emit(len(self._running))
        return info

    def progress(
        self, name: str, done: int | None, total: int | None = None, detail: str | None = None
    ) -> None:
        info = self._running.get(name)
        if info is None:
            return
        info.done = done
        if total is not None:
            info.total = total
        if detail is not None:
            info.detail = detail
        self.progressed.emit(info)

    def cancel(self, name: str) -> bool:
        """Ask the task ``name`` to stop; True when it was running."""
        info = self._running.get(name)
        if info is None or info.task is None or info.task.done():
            return False
        info.task.cancel()
        return True

    async def cancel_all(self, grace: float = 5.0) -> None:
        """Cancel every task and wait (up to ``grace`` seconds) for them to end.

        From now on only ``cleanup`` tasks start; running ``cleanup`` tasks are
        waited for, not cancelled (a client half closed would leak its sockets).
        """
        self._closing = True
        infos = [info for info in self._running.values() if info.task is not None]
        tasks = [info.task for info in infos if info.task is not None]
        cancelled = [info.name for info in infos if not info.cleanup]
        log.info("shutdown: cancelling %d task(s)%s", len(cancelled), _names(cancelled))
        for info in infos:
            if not info.cleanup and info.task is not None:
                info.task.cancel()
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=grace)
            for task in pending:
                log.warning("task %s did not stop within %.0f s", task.get_name(), grace)

    # --- internals ----------------------------------------------------------------
    async def _run(self, info: TaskInfo, coro: Coroutine[Any, Any, Any]) -> Any:
        token = _current.set(info)
        try:
            info.result = await coro
        except asyncio.CancelledError:
            self._end(info, CANCELLED)
            raise
        except Exception as exc:  # the one place task errors are caught and reported
            if isinstance(exc, RuntimeError) and loop_ended():
                # stepped after the event loop stopped (qasync runs what is queued once
                # more as its loop ends): the app is closing; nothing failed
                log.debug("task %s stopped: the event loop ended", info.name)
                self._end(info, CANCELLED)
                return None
            info.error = exc
            if _meant_for_the_user(exc):
                log.warning(
                    "task %s failed: %s: %s", info.name, type(exc).__name__, redact(str(exc))
                )
            else:
                log.error("task %s failed unexpectedly", info.name, exc_info=exc)
            self._end(info, FAILED)
            return None
        else:
            self._end(info, SUCCEEDED)
            return info.result
        finally:
            _current.reset(token)

    def _settle(self, info: TaskInfo, coro: Coroutine[Any, Any, Any]) -> None:
        """After the asyncio task: a task cancelled before it ever ran still ends once."""
        coro.close()  # no-op when it ran; an unstarted one must not warn "never awaited"
        if info.state == RUNNING:
            self._end(info, CANCELLED)

    def _end(self, info: TaskInfo, state: str) -> None:
        info.state = state
        info.finished_at = self._clock()
        if self._running.get(info.name) is info:
            del self._running[info.name]
        self.finished.emit(info)
        self.count_changed.emit(len(self._running))


def loop_ended() -> bool:
    """True when no event loop runs this thread (qasync steps queued work once more as it stops)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return True
    return False


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:10]) + (" …" if len(names) > 10 else "")
    return f": {shown}" if names else ""


def current_task() -> TaskInfo | None:
    """The :class:`TaskInfo` of the registry task this coroutine runs in, if any."""
    return _current.get()


def report_progress(done: int | None, total: int | None = None, detail: str | None = None) -> None:
    """Report progress of the registry task this coroutine runs in (no-op outside one).

    Args:
        done / total: units done and in all (``total`` None: unknown).
        detail: short English status line.
    """
    info = _current.get()
    if info is not None and info.registry is not None:
        info.registry.progress(info.name, done, total, detail)


def _meant_for_the_user(exc: BaseException) -> bool:
    """An error with words for the user, not a bug: the app's own (``Sage50Error``) or one
    that carries its own ``hint`` (``ExportFailed``: a folder chosen as the target, a full
    disk…). It is logged as one warning line; anything else with its traceback."""
    return isinstance(exc, Sage50Error) or isinstance(getattr(exc, "hint", None), str)
