"""The ingest of a large file in a child process, so it never holds the app's GIL.

An ingest runs two busy Python threads (parse, insert). In the app's own
process they compete with the event loop for the GIL, and on a loaded machine
a GIL holder that the OS preempts keeps the loop (the GUI) waiting for tens
to hundreds of milliseconds. In a child process (``python -m
sage50_desktop.services.ingest_process``: a fresh interpreter that imports only
the ingest, not the app or Qt) they have a GIL of their own: the app's process
only downloads. POSIX only (:func:`supported`); frozen builds and Windows
ingest in threads.

The child runs the very same :func:`~sage50_desktop.services.ingest.ingest_file`
on a connection of its own, in ONE transaction: killing it at any point leaves
the previous snapshot (SQLite rolls the transaction back). Messages over a pipe:

* parent → child: ``("advance", bytes)``, ``("finish",)``, ``("fail", why)``
  (the download's state, for a pipelined ingest) and ``("cancel",)``;
* child → parent: ``("progress", records)``, then ``("done", IngestResult)`` or
  ``("error", exception)``.

The parent side (:class:`IngestProcess`) is blocking: call :meth:`~IngestProcess.run`
from a worker thread. A child that dies without an answer raises
:class:`IngestError`; a cancelled one that does not stop within a few seconds
is killed.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: files at least this large are ingested in a child process (smaller ones in
#: threads: starting the child costs ~0.3-1 s)
MIN_PROCESS_BYTES = 32 << 20
_ADVANCE_STEP = 1 << 20  # forward the download's progress per MB, not per chunk
_CANCEL_GRACE = 10.0


def supported() -> bool:
    """A child interpreter can be started (not a frozen build) on POSIX."""
    return os.name == "posix" and not getattr(sys, "frozen", False)


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection to ``cache.sqlite3`` set up as ``SnapshotStore.connect`` does."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


# --- the child --------------------------------------------------------------------------
def _child_main(pipe: Connection) -> None:
    db_path, file_path, part_path, options = pipe.recv()
    from sage50_desktop.services.ingest import ingest_file
    from sage50_desktop.services.ingest_feed import DownloadFeed
    from sage50_desktop.services.schema_check import SchemaChecker

    cancel = threading.Event()
    feed = DownloadFeed(Path(part_path)) if part_path else None
    send_lock = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        with send_lock:
            pipe.send(message)

    def listen() -> None:
        try:
            while True:
                message = pipe.recv()
                kind = message[0]
                if kind == "advance" and feed is not None:
                    feed.advance(message[1])
                elif kind == "finish" and feed is not None:
                    feed.finish()
                elif kind == "fail" and feed is not None:
                    feed.fail(message[1])
                elif kind == "cancel":
                    cancel.set()
                    if feed is not None:
                        feed.fail("cancelled")
        except (EOFError, OSError):  # the parent went away: stop
            cancel.set()
            if feed is not None:
                feed.fail("the app stopped")

    threading.Thread(target=listen, name="ingest-pipe", daemon=True).start()
    last = [0.0]

    def progress(records: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.05:
            last[0] = now
            send(("progress", records))

    checker = SchemaChecker.for_scope(options["domain"], options["scope"])
    conn = connect(db_path)
    try:
        result = ingest_file(
            conn,
            Path(file_path),
            checker=checker,
            cancel=cancel,
            progress=progress,
            feed=feed,
            **options,
        )
    except BaseException as exc:  # every error goes to the parent
        send(("error", _picklable(exc)))
    else:
        send(("done", result))
    finally:
        conn.close()


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


# --- the parent ---------------------------------------------------------------------------
class IngestProcess:
    """One ingest in a child process. Thread-safe control (:meth:`advance`,
    :meth:`finish`, :meth:`fail`, :meth:`cancel`); :meth:`run` blocks until it ends."""

    def __init__(
        self, db_path: Path, file_path: Path, part_path: Path | None, options: dict[str, Any]
    ) -> None:
        if not supported():
            raise OSError("no child interpreter on this platform")
        ours, theirs = socket.socketpair()
        root = str(Path(__file__).resolve().parents[2])
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])]),
        )
        try:
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sage50_desktop.services.ingest_process",
                    str(theirs.fileno()),
                ],
                pass_fds=(theirs.fileno(),),
                env=env,
                stdin=subprocess.DEVNULL,
                close_fds=True,
            )
        finally:
            theirs.close()
        self._pipe = Connection(ours.detach())
        self._send_lock = threading.Lock()
        self._sent = 0
        self._cancelled = threading.Event()
        self._send((str(db_path), str(file_path), str(part_path) if part_path else None, options))

    def _send(self, message: tuple[Any, ...]) -> None:
        with self._send_lock:
            try:
                self._pipe.send(message)
            except (OSError, ValueError):  # the child is gone: run() reports it
                pass

    # --- the download's side (a DownloadFeed look-alike) -------------------------------
    def advance(self, done: int) -> None:
        if done < self._sent or done - self._sent >= _ADVANCE_STEP:
            self._sent = done
            self._send(("advance", done))

    def finish(self) -> None:
        self._send(("finish",))

    def fail(self, why: str = "the download did not complete") -> None:
        self._send(("fail", why))

    def cancel(self) -> None:
        self._cancelled.set()
        self._send(("cancel",))

    # --- waiting -------------------------------------------------------------------------
    def run(self, progress: Callable[[int], None] | None = None) -> Any:
        """Wait for the child's answer: the IngestResult, or raise its error."""
        from sage50_desktop.services.ingest import IngestError

        cancelled_at: float | None = None
        try:
            while True:
                if self._cancelled.is_set() and cancelled_at is None:
                    cancelled_at = time.monotonic()
                if cancelled_at is not None and time.monotonic() - cancelled_at > _CANCEL_GRACE:
                    log.warning("the ingest process did not stop; killing it")
                    self._process.kill()  # one transaction: nothing half-stored
                    from sage50_desktop.services.ingest import IngestCancelled

                    raise IngestCancelled()
                if not self._pipe.poll(0.2):
                    if self._process.poll() is not None and not self._pipe.poll(0):
                        raise IngestError(
                            "The import stopped unexpectedly; nothing was stored. Download again."
                        )
                    continue
                try:
                    message = self._pipe.recv()
                except EOFError:
                    raise IngestError(
                        "The import stopped unexpectedly; nothing was stored. Download again."
                    ) from None
                if message[0] == "progress":
                    if progress is not None:
                        progress(message[1])
                elif message[0] == "done":
                    return message[1]
                elif message[0] == "error":
                    raise message[1]
        finally:
            self._pipe.close()
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)

    @property
    def pid(self) -> int:
        return self._process.pid

    def kill(self) -> None:
        """Kill the child at once (tests: a crash mid-ingest)."""
        self._process.kill()


if __name__ == "__main__":  # the child: python -m sage50_desktop.services.ingest_process FD
    _child_main(Connection(int(sys.argv[1])))
