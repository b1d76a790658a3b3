"""Helpers for GUI tests (import as ``from qt_helpers import wait_until``)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def wait_until(
    predicate: Callable[[], object],
    timeout: float = 10.0,
    interval: float = 0.02,
    message: str = "",
) -> None:
    """Await until ``predicate()`` is truthy (Qt and asyncio keep running)."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting: {message or predicate}")
        await asyncio.sleep(interval)


def _connect(signal: object, callback: Callable[..., None]) -> Callable[[], None]:
    """Connect to a Qt signal or a core ``events.Signal``; returns the disconnect."""
    signal.connect(callback)  # type: ignore[attr-defined]

    def disconnect() -> None:
        try:
            signal.disconnect(callback)  # type: ignore[attr-defined]
        except (RuntimeError, TypeError):  # the Qt sender is gone already
            pass

    return disconnect


async def wait_signal(
    signal: object,
    timeout: float = 10.0,
    check: Callable[..., bool] | None = None,
    message: str = "",
) -> tuple[object, ...]:
    """Await the next emission of ``signal`` (whose args pass ``check``); returns its args.

    Works on the running qasync loop for Qt signals and for the core's
    ``sage50_desktop.events.Signal``.
    """
    future: asyncio.Future[tuple[object, ...]] = asyncio.get_running_loop().create_future()

    def on_emit(*args: object) -> None:
        if not future.done() and (check is None or check(*args)):
            future.set_result(args)

    disconnect = _connect(signal, on_emit)
    try:
        return await asyncio.wait_for(future, timeout)
    except TimeoutError:
        raise AssertionError(
            f"timed out after {timeout}s waiting for {message or signal}"
        ) from None
    finally:
        disconnect()


async def assert_not_emitted(
    signal: object, within: float = 0.5, check: Callable[..., bool] | None = None, message: str = ""
) -> None:
    """Fail if ``signal`` is emitted (with args passing ``check``) within ``within`` seconds."""
    seen: list[tuple[object, ...]] = []

    def on_emit(*args: object) -> None:
        if check is None or check(*args):
            seen.append(args)

    disconnect = _connect(signal, on_emit)
    try:
        await asyncio.sleep(within)
    finally:
        disconnect()
    assert not seen, f"{message or signal} was emitted: {seen}"
