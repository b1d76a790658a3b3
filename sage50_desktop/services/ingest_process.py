"""The ingest of a large file in two child processes: one parses, one inserts.

An ingest has two busy stages: the parse (read, SHA-256, ``orjson``, canonical
bytes, content hash — pure Python, holding the GIL) and the insert (SQLite;
``sqlite3`` releases the GIL in each step, but binding the parameters does
not). In the app's own process they would compete with the event loop for the
GIL; and two threads sharing one GIL barely overlap (the insert thread waits
for the parser at every row). So a large file is ingested by two fresh
interpreters (``python -m sage50_desktop.services.ingest_process parse|write``:
they import only the ingest, not the app or Qt), each with a GIL of its own —
the parse on one core, the insert on the other, the app's process only
downloads:

    app (download) --feed--> parser --row batches (pickled)--> writer --result--> app

The writer runs :func:`~sage50_desktop.services.ingest.store_rows` on a
connection of its own, in ONE transaction, and commits only after the parser's
last message (:class:`~sage50_desktop.services.ingest.ParseEnd`: every record
sent and the SHA-256 of the bytes parsed verified; the parser reaches the end
of the file only after the download said it is complete and verified). Killing
either process at any point leaves the previous snapshot: a dead parser is an
end of its pipe without that message (the writer rolls back), a dead writer's
transaction is rolled back by SQLite. The parser runs the very same
:func:`~sage50_desktop.services.ingest.parse_file` as the threaded ingest does.

Messages (pickled, over socket pairs):

* app → parser: ``("advance", bytes)``, ``("finish",)``, ``("fail", why)`` (the
  download's state, for a pipelined ingest) and ``("cancel",)``;
* parser → writer: ``("rows", [(id, hash, body), ...])``, then ``("end", ParseEnd)``
  or ``("error", exception)``;
* app → writer: ``("cancel",)``; writer → app: ``("progress", records)``, then
  ``("done", IngestResult)`` or ``("error", exception)``.

POSIX only (:func:`supported`); frozen builds and Windows ingest in threads.
The app's side (:class:`IngestProcess`) is blocking: call :meth:`~IngestProcess.run`
from a worker thread; it returns with the writer's answer, once the snapshot is
committed (the writer then copies the WAL into the database on its own:
:func:`checkpoint`). A writer that dies without an answer raises
:class:`IngestError`; a cancelled one that does not stop within a few seconds
is killed.
"""

from __future__ import annotations

import gc
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
#: how much nicer than the app the ingest processes run (POSIX ``nice``): a million
#: records keep both cores busy for ~20 s, beside the app's event loop and its
#: download; with the same priority the loop waited for a core up to ~80 ms at a
#: time (the first sync's stall, ``bench/bench_sync.py``), while a lower one hands a
#: core to the loop as soon as it wakes, and the ingest still gets every idle cycle
NICER_BY = 10
STOPPED = "The import stopped unexpectedly; nothing was stored. Download again."


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


# --- the children ---------------------------------------------------------------------
def _send_to(pipe: Connection, lock: threading.Lock) -> Callable[[tuple[Any, ...]], None]:
    def send(message: tuple[Any, ...]) -> None:
        with lock:
            pipe.send(message)

    return send


def _parser_main(control: Connection, rows: Connection) -> None:
    """The parse stage: the file (or the download's feed) → row batches to the writer."""
    file_path, part_path, options = control.recv()
    from sage50_desktop.services.ingest import ParseEnd, parse_file
    from sage50_desktop.services.ingest_feed import DownloadFeed
    from sage50_desktop.services.schema_check import SchemaChecker

    stop = threading.Event()
    feed = DownloadFeed(Path(part_path), Path(file_path)) if part_path else None

    def listen() -> None:
        try:
            while True:
                message = control.recv()
                kind = message[0]
                if kind == "advance" and feed is not None:
                    feed.advance(message[1])
                elif kind == "finish" and feed is not None:
                    feed.finish()
                elif kind == "fail" and feed is not None:
                    feed.fail(message[1])
                elif kind == "cancel":
                    stop.set()
                    if feed is not None:
                        feed.fail("cancelled")
        except (EOFError, OSError):  # the app went away: stop
            stop.set()
            if feed is not None:
                feed.fail("the app stopped")

    threading.Thread(target=listen, name="ingest-feed", daemon=True).start()

    def put(item: Any) -> bool:
        if isinstance(item, list):
            message: tuple[Any, ...] = ("rows", item)
        elif isinstance(item, ParseEnd):
            message = ("end", item)
        else:
            message = ("error", _picklable(item))
        try:
            rows.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:  # the writer stopped (it rolled back): nothing more to do
            stop.set()
            return False
        return True

    def source() -> Any:
        return Path(file_path).open("rb") if feed is None else feed.open(stop)

    checker = SchemaChecker.for_scope(options["domain"], options["scope"])
    gc.freeze()  # the imports: full collections walk only the records in flight
    waited = (lambda: feed.waited) if feed is not None else None
    parse_file(source, put, stop, checker, options.get("sha256"), waited)
    rows.close()


def _writer_main(control: Connection, rows: Connection) -> None:
    """The insert stage: row batches from the parser → ONE transaction; answers the app."""
    db_path, options = control.recv()
    from sage50_desktop.services.ingest import IngestError, Put, store_rows

    cancel = threading.Event()
    send = _send_to(control, threading.Lock())

    def listen() -> None:
        try:
            while True:
                if control.recv()[0] == "cancel":
                    cancel.set()
        except (EOFError, OSError):  # the app went away: stop
            cancel.set()

    threading.Thread(target=listen, name="ingest-control", daemon=True).start()
    last = [0.0]

    def progress(records: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.05:
            last[0] = now
            send(("progress", records))

    def receive(put: Put, stop: threading.Event) -> None:
        """Hands the parser's messages to the insert (its end or error included)."""
        while not stop.is_set():
            if not rows.poll(0.2):
                continue
            try:
                kind, payload = pickle.loads(rows.recv_bytes())
            except (EOFError, OSError):  # the parser died before its last message
                put(IngestError(STOPPED))
                return
            if not put(payload) or kind != "rows":
                return

    conn = connect(db_path)
    # the WAL is copied into the database after the answer, not inside COMMIT (below)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    try:
        result = store_rows(conn, receive, cancel=cancel, progress=progress, **options)
    except BaseException as exc:  # every error goes to the app
        send(("error", _picklable(exc)))
    else:
        send(("done", result))
        checkpoint(conn)
    finally:
        conn.close()
        rows.close()


def checkpoint(conn: sqlite3.Connection) -> None:
    """Copy the committed snapshot from the WAL into the database file, after the app
    has its answer.

    A COMMIT in WAL mode only appends to the ``-wal`` file; SQLite's automatic
    checkpoint would then, inside that COMMIT, copy the whole new snapshot (~850 MB
    at a million records, ~5 s) into the database — while the snapshot is already
    committed and readable. So the writer turns the automatic checkpoint off for its
    connection and runs a PASSIVE one here, after telling the app: it takes no lock
    that readers or another writer wait for (a writer meanwhile just skips its own
    automatic checkpoint), and stopping it at any point loses nothing (the WAL still
    holds every committed page; the next checkpoint goes on). The app does not wait
    for this process to end (:meth:`IngestProcess.run`)."""
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error as exc:  # the data folder went away, or a busy checkpointer
        log.info("no checkpoint after the ingest: %s", exc)


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


# --- the app's side ---------------------------------------------------------------------
def _reap(child: subprocess.Popen[bytes]) -> None:
    try:
        child.wait(5)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait(5)


def _start(role: str, *fds: int) -> subprocess.Popen[bytes]:
    root = str(Path(__file__).resolve().parents[2])
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])]),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "sage50_desktop.services.ingest_process", role, *map(str, fds)],
        pass_fds=fds,
        env=env,
        stdin=subprocess.DEVNULL,
        close_fds=True,
    )


class IngestProcess:
    """One ingest in two child processes (parser and writer). Thread-safe control
    (:meth:`advance`, :meth:`finish`, :meth:`fail`, :meth:`cancel`); :meth:`run`
    blocks until it ends.

    ``options``: :func:`~sage50_desktop.services.ingest.store_rows`'s keyword
    arguments (profile_id, domain, scope, version, sha256, size, retention)."""

    def __init__(
        self, db_path: Path, file_path: Path, part_path: Path | None, options: dict[str, Any]
    ) -> None:
        if not supported():
            raise OSError("no child interpreter on this platform")
        writer_ours, writer_theirs = socket.socketpair()
        parser_ours, parser_theirs = socket.socketpair()
        rows_out, rows_in = socket.socketpair()  # parser → writer
        try:
            self._writer = _start("write", writer_theirs.fileno(), rows_in.fileno())
            try:
                self._parser = _start("parse", parser_theirs.fileno(), rows_out.fileno())
            except BaseException:
                self._writer.kill()
                self._writer.wait()
                writer_ours.close()
                parser_ours.close()
                raise
        finally:
            for end in (writer_theirs, parser_theirs, rows_out, rows_in):
                end.close()
        self._pipe = Connection(writer_ours.detach())
        self._feed_pipe = Connection(parser_ours.detach())
        self._send_lock = threading.Lock()
        self._sent = 0
        self._cancelled = threading.Event()
        self._send(self._pipe, (str(db_path), options))
        parse_options = {
            "domain": options["domain"],
            "scope": options["scope"],
            "sha256": options.get("sha256"),
        }
        self._send(
            self._feed_pipe,
            (str(file_path), str(part_path) if part_path else None, parse_options),
        )

    def _send(self, pipe: Connection, message: tuple[Any, ...]) -> None:
        with self._send_lock:
            try:
                pipe.send(message)
            except (OSError, ValueError):  # the child is gone: run() reports it
                pass

    # --- the download's side (a DownloadFeed look-alike) -------------------------------
    def advance(self, done: int) -> None:
        if done < self._sent or done - self._sent >= _ADVANCE_STEP:
            self._sent = done
            self._send(self._feed_pipe, ("advance", done))

    def finish(self) -> None:
        self._send(self._feed_pipe, ("finish",))

    def fail(self, why: str = "the download did not complete") -> None:
        self._send(self._feed_pipe, ("fail", why))

    def cancel(self) -> None:
        self._cancelled.set()
        self._send(self._feed_pipe, ("cancel",))
        self._send(self._pipe, ("cancel",))

    # --- waiting -------------------------------------------------------------------------
    def run(self, progress: Callable[[int], None] | None = None) -> Any:
        """Wait for the writer's answer: the IngestResult, or raise its error."""
        from sage50_desktop.services.ingest import IngestCancelled, IngestError

        cancelled_at: float | None = None
        answered = False
        try:
            while True:
                if self._cancelled.is_set() and cancelled_at is None:
                    cancelled_at = time.monotonic()
                if cancelled_at is not None and time.monotonic() - cancelled_at > _CANCEL_GRACE:
                    log.warning("the ingest process did not stop; killing it")
                    self._writer.kill()  # one transaction: nothing half-stored
                    raise IngestCancelled()
                if not self._pipe.poll(0.2):
                    if self._writer.poll() is not None and not self._pipe.poll(0):
                        raise IngestError(STOPPED)
                    continue
                try:
                    message = self._pipe.recv()
                except EOFError:
                    raise IngestError(STOPPED) from None
                if message[0] == "progress":
                    if progress is not None:
                        progress(message[1])
                elif message[0] == "done":
                    answered = True
                    return message[1]
                elif message[0] == "error":
                    raise message[1]
        finally:
            self._pipe.close()
            self._feed_pipe.close()  # the parser stops (if it still runs)
            for child in (self._parser,) if answered else (self._writer, self._parser):
                _reap(child)
            if answered:  # it checkpoints the WAL (see checkpoint()): not waited for
                threading.Thread(
                    target=self._writer.wait, name="ingest-checkpoint", daemon=True
                ).start()

    def wait_writer(self, timeout: float | None = None) -> int | None:
        """Wait for the writer process to end (after an answer: its checkpoint; tests and
        the benchmark), its exit code or None on a timeout."""
        try:
            return self._writer.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    @property
    def pid(self) -> int:
        """The writer's process id (the one that holds the transaction)."""
        return self._writer.pid

    @property
    def parser_pid(self) -> int:
        return self._parser.pid

    def kill(self) -> None:
        """Kill the writer at once (tests: a crash mid-ingest)."""
        self._writer.kill()

    def kill_parser(self) -> None:
        """Kill the parser at once (tests: a crash of the parse stage mid-ingest)."""
        self._parser.kill()


if __name__ == "__main__":  # a child: python -m ...ingest_process parse|write CONTROL_FD ROWS_FD
    os.nice(NICER_BY)
    _main = _parser_main if sys.argv[1] == "parse" else _writer_main
    _main(Connection(int(sys.argv[2])), Connection(int(sys.argv[3])))
