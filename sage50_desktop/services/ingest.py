"""Ingest of a downloaded scope file into the snapshot store (runs in a worker thread).

The file is never loaded whole: it is read in blocks (512 KB), each block is cut
after the last complete top-level record and parsed with ``orjson`` (a cut
point is a ``}`` ``,`` ``{`` sequence; a cut inside a string or a nested array
cannot parse as complete records, so a failed parse just tries an earlier cut
or reads more). The parse stage (:func:`parse_file`) turns records into (id,
hash, compact JSON) batches while the insert stage (:func:`store_rows`) writes
them with ``executemany``: in two threads of one process (:func:`ingest_file`,
small files), or for large files in two processes, one per core
(:mod:`~sage50_desktop.services.ingest_process`). Everything is written in ONE
transaction (:class:`~sage50_desktop.storage.snapshot_writer.SnapshotWriter`):
any error or a cancellation rolls back and the previous snapshot stays.

Bad input raises :class:`IngestError` with a plain message.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import logging
import os
import queue
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from sage50_desktop.api.errors import DownloadCorrupt, Sage50Error
from sage50_desktop.redaction import strip_controls
from sage50_desktop.services.ingest_feed import DownloadFeed
from sage50_desktop.services.schema_check import SchemaChecker
from sage50_desktop.storage.data_folder import DataFolderUnavailable
from sage50_desktop.storage.snapshot_records import canonical, content_hash
from sage50_desktop.storage.snapshot_writer import DuplicateRecordId, SnapshotWriter, WriteResult

log = logging.getLogger(__name__)

BLOCK = 1 << 19  # 512 KB: one orjson.loads holds the GIL for a few ms at most
SWITCH_INTERVAL = 0.001  # while ingesting, hand the GIL to the event loop sooner
MAX_RECORD_BYTES = 64 << 20  # a "record" larger than this means the file is malformed
_WS = b" \t\r\n"


class IngestError(Sage50Error):
    """The scope file cannot be stored; the message says why in plain words."""

    hint = "The downloaded file is not a valid scope file. The previous version is kept."


class DiskFull(IngestError):
    """The disk (or the database's size limit) ran out while storing a snapshot."""

    hint = (
        "The disk that holds the app's data is full. Free some space, or keep fewer "
        "versions per data set in Settings, then download again. The previous version "
        "is kept."
    )


def disk_full(message: str, cause: BaseException, folder: Path | None = None) -> DiskFull:
    """A :class:`DiskFull` whose hint names the folder whose disk is full, when known."""
    err = DiskFull(message)
    if isinstance(cause, DataFolderUnavailable):
        folder = cause.folder
    elif folder is None and isinstance(cause, OSError) and cause.filename:
        folder = Path(os.fsdecode(cause.filename)).parent
    if folder is not None:
        err.hint = (
            f"The disk that holds {folder} is full. Free some space on it, or keep fewer "
            "versions per data set in Settings, then download again. The previous version "
            "is kept."
        )
    return err


def is_disk_full(exc: BaseException) -> bool:
    """SQLITE_FULL from SQLite, or ENOSPC/EDQUOT from the file system."""
    if isinstance(exc, DataFolderUnavailable):
        return exc.full
    if isinstance(exc, sqlite3.OperationalError):
        code = getattr(exc, "sqlite_errorcode", None)
        return code == 13 or "database or disk is full" in str(exc)
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


class IngestCancelled(Exception):
    """The ingest was cancelled; nothing was stored."""


@dataclass(slots=True)
class IngestStats:
    """Where an ingest's time went (seconds; the benchmark prints them).

    ``parse``: the parser thread reading, parsing and hashing (includes its waits
    for a download still running, ``source_wait`` when fed by one); ``write``: the
    writer thread's inserts; ``commit``: the final comparison, retention and
    COMMIT; ``wall``: the whole ingest. Stages overlap when ``parse + write``
    exceeds ``wall``.
    """

    parse: float = 0.0
    write: float = 0.0
    commit: float = 0.0
    source_wait: float = 0.0
    wall: float = 0.0
    #: CPU seconds of the parse stage's thread and of the insert stage's (commit
    #: included): what the stages cost whatever the load of the machine
    parse_cpu: float = 0.0
    write_cpu: float = 0.0
    #: the process that inserted and committed (a child process for large files:
    #: ``ingest_process``) and the one that parsed (a second child process then)
    pid: int = field(default_factory=os.getpid)
    parse_pid: int = field(default_factory=os.getpid)


@dataclass(slots=True)
class IngestResult(WriteResult):
    """What the writer stored, plus the schema warnings of the file."""

    warnings: int = 0
    warnings_checked: int = 0
    warning_examples: list[dict[str, Any]] = field(default_factory=list)
    stats: IngestStats = field(default_factory=IngestStats)


# --- splitting a JSON array into record batches ------------------------------------
_CUT = re.compile(rb"\}[ \t\r\n]*(,)[ \t\r\n]*(?:\{|\Z)")
_WINDOW = 1 << 16


def _last_cut(buf: bytes | bytearray, end: int) -> int:
    """Index of the last ``,`` before ``end`` between ``}`` and ``{`` (ignoring blanks).

    Searched backwards in 64 KB windows with a regular expression, so a record
    full of commas (a long array of numbers) costs C speed, not a Python loop
    per comma. A ``{`` not read yet (the comma ends the buffer) counts.
    """
    size = len(buf)
    hi = end
    for _comma in range(32):  # the usual case: one of the last few commas
        c = buf.rfind(b",", 0, hi)
        if c < 0:
            return -1
        i = c - 1
        while i >= 0 and buf[i] in _WS:
            i -= 1
        j = c + 1
        while j < size and buf[j] in _WS:
            j += 1
        if i >= 0 and buf[i] == 0x7D and (j >= size or buf[j] == 0x7B):
            return c
        hi = c
    while hi > 0:
        lo = max(0, hi - _WINDOW)
        stop = min(size, hi + 4096)
        best = -1
        for match in _CUT.finditer(buf, max(0, lo - 4096), stop):
            comma = match.start(1)
            if comma >= hi or comma < lo:
                continue
            if match.end() == stop and stop != size and buf[stop - 1] != 0x7B:
                continue  # blanks up to the window's end, not the buffer's
            best = comma
        if best >= 0:
            return best
        hi = lo
    return -1


def _decode_error(exc: orjson.JSONDecodeError, base: int) -> IngestError:
    msg = str(exc.msg if hasattr(exc, "msg") else exc)
    where = max(0, base + int(getattr(exc, "pos", 0) or 0) - 1)
    if "utf-8" in msg.lower() or "utf8" in msg.lower() or "surrogate" in msg.lower():
        return IngestError(f"The file is not valid UTF-8 text (near byte {where}).")
    if "recursion" in msg.lower() or "depth" in msg.lower():
        return IngestError(f"The file nests objects or arrays too deeply (near byte {where}).")
    return IngestError(f"The file is not valid JSON near byte {where}: {msg}.")


def iter_record_lists(
    fh: BinaryIO,
    block: int = BLOCK,
    cancel: threading.Event | None = None,
    max_record: int | None = None,
) -> Iterator[list[Any]]:
    """Yield lists of parsed top-level records of a JSON array file, block by block.

    A record larger than ``max_record`` (default :data:`MAX_RECORD_BYTES`) is
    refused with an :class:`IngestError` naming it and the limit. Bounded: the
    buffer never holds much more than one such record, and while a record spans
    many blocks the cut points are tried again only each time the buffer has
    doubled, so a 100 MB record costs a few full parses, not one per block.
    """
    limit = MAX_RECORD_BYTES if max_record is None else max_record
    head = fh.read(block)
    if not head:
        raise IngestError("The file is empty (0 bytes).")
    start = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while start < len(head) and head[start] in _WS:
        start += 1
    if start >= len(head):
        raise IngestError("The file contains only blanks, not a JSON array.")
    first = head[start : start + 1]
    if first == b"{":
        raise IngestError(
            "The file holds a JSON object, but a scope file must be an array of records."
        )
    if first != b"[":
        raise IngestError("The file is not a JSON array of records (it does not start with '[').")
    buf = bytearray(head[start + 1 :])  # appended in place: no copy of the whole per block
    base = start + 1  # file offset of buf[0]
    yielded = 0  # records yielded so far
    next_try = block  # try to cut once the buffer holds this much
    while True:
        if cancel is not None and cancel.is_set():
            raise IngestCancelled()
        chunk = fh.read(block)
        if not chunk:
            if len(buf) > limit + 1:
                _refuse_large(buf, base, yielded, limit)
            try:
                records = orjson.loads(b"[" + buf)
            except orjson.JSONDecodeError as exc:
                raise _decode_error(exc, base) from None
            if records:
                yield records
            return
        buf += chunk
        if len(buf) < next_try:
            continue
        large = next_try > block  # inside a record that spans blocks: one full parse a try
        cut, records = _cut(buf, 1 if large else 4)
        if cut < 0 and not large:
            # the cut points near the end are all inside one record: cut after the
            # last complete record before it, so the buffer starts where that one does
            cut = _top_level_cut(buf)
            if cut >= 0:
                try:
                    records = orjson.loads(b"[" + buf[:cut] + b"]")
                except orjson.JSONDecodeError:
                    cut = -1
        if cut >= 0:
            yield records
            yielded += len(records)
            del buf[: cut + 1]
            base += cut + 1
            if not large or len(buf) < block:
                next_try = block
                continue
        if len(buf) > limit:
            _refuse_large(buf, base, yielded, limit)
        # inside a large record: try again when the buffer has doubled (or passed the limit)
        next_try = min(2 * len(buf), limit + block)


def _cut(buf: bytearray, attempts: int) -> tuple[int, list[Any]]:
    """The last of up to ``attempts`` cut points from the end before which ``buf`` parses
    as complete records, and those records ((-1, []): none). A cut inside a string or
    a nested array fails to parse."""
    end = len(buf)
    for _attempt in range(attempts):
        cut = _last_cut(buf, end)
        if cut < 0:
            break
        try:
            return cut, orjson.loads(b"[" + buf[:cut] + b"]")
        except orjson.JSONDecodeError:
            end = cut
    return -1, []


_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{},]')


def _top_level_cut(buf: bytearray) -> int:
    """Offset of the last comma between two top-level records in ``buf`` (-1: none).

    A scan of strings and brackets (regular expressions: a few ms per block);
    the caller checks the cut by parsing up to it.
    """
    depth, last = 0, -1
    for token in _TOKENS.finditer(buf):
        first = buf[token.start()]
        if first in b"[{":
            depth += 1
        elif first in b"]}":
            depth -= 1
        elif first == 0x2C and depth == 0:
            last = token.start()
    return last


_LEADING_ID = re.compile(rb'\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.){1,200}"|-?\d{1,30})')


def _refuse_large(buf: bytearray, base: int, yielded: int, limit: int) -> None:
    """Raise the error for a record over ``limit`` at ``buf[0]`` — or for broken JSON there."""
    try:
        orjson.loads(b"[" + buf)
    except orjson.JSONDecodeError as exc:
        if exc.pos < len(buf):  # broken before the end: not (only) a large record
            raise _decode_error(exc, base) from None
    else:
        return  # it parses after all (the caller then stores it)
    found = _LEADING_ID.match(buf, 0, 4096)
    named = f" (id {strip_controls(found.group(1).decode(errors='replace'))})" if found else ""
    raise IngestError(
        f"Record #{yielded + 1}{named}, starting near byte {base}, is larger than "
        f"{limit >> 20} MB, the limit for one record; the file was not stored."
    )


# --- the pipeline ---------------------------------------------------------------------
def _record_id(record: Any, number: int) -> str:
    if not isinstance(record, dict):
        raise IngestError(f"Record #{number} is not a JSON object.")
    rid = record.get("id")
    if isinstance(rid, bool) or not isinstance(rid, (str, int)) or rid == "":
        raise IngestError(f"Record #{number} has no 'id'.")
    return rid if isinstance(rid, str) else str(rid)


class _HashingReader:
    """Reads a file and hashes exactly the bytes handed to the parser."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self.sha256.update(data)
        return data


@dataclass(slots=True)
class ParseEnd:
    """The parse stage's last item: every record was handed over and the SHA-256 passed.

    ``warnings`` is the schema checker's summary (count, checked, examples);
    ``parse``/``source_wait`` its stage times (see :class:`IngestStats`)."""

    warnings: tuple[int, int, list[dict[str, Any]]] = (0, 0, [])
    parse: float = 0.0
    source_wait: float = 0.0
    cpu: float = 0.0
    #: the process that parsed
    pid: int = field(default_factory=os.getpid)


#: the parse stage hands over items with ``put(item) -> bool`` (False: stop): lists of
#: rows, then a :class:`ParseEnd` — or the exception that ended it
Put = Callable[[Any], bool]


def parse_file(
    open_source: Callable[[], Any],
    put: Put,
    stop: threading.Event,
    checker: SchemaChecker | None,
    sha256: str | None = None,
    waited: Callable[[], float] | None = None,
) -> None:
    """The parse stage: file → batches of (id, hash, body); errors are handed over too.

    With ``sha256``, the bytes parsed are checked against it before the end is
    signalled: what is stored is exactly what the platform published. Runs in
    the ingest's parser thread, or alone in a parser process
    (:mod:`~sage50_desktop.services.ingest_process`) — the same code either way.
    ``waited()``: the seconds spent waiting for a download still running.
    """
    parse = 0.0
    cpu = time.thread_time()
    try:
        number = 0
        with open_source() as raw:
            fh = _HashingReader(raw)
            records_iter = iter_record_lists(fh, cancel=stop)  # type: ignore[arg-type]
            while True:
                started = time.perf_counter()
                records = next(records_iter, None)
                if records is None:
                    parse += time.perf_counter() - started
                    break
                rows = []
                for record in records:
                    number += 1
                    rid = _record_id(record, number)
                    body = canonical(record)
                    # bytes: stored as TEXT by the writer (CAST), no decode here and no
                    # encode when bound; a batch lives only until it is inserted
                    rows.append((rid, content_hash(body), body))
                    if checker is not None:
                        checker.maybe_check(record, rid, number)
                parse += time.perf_counter() - started
                if not put(rows):
                    return
            while fh.read(BLOCK):  # the parser stops at the end of the array: hash the rest
                pass
        if sha256 is not None and fh.sha256.hexdigest() != sha256.lower():
            raise DownloadCorrupt("the file read for storing does not match the announced SHA-256")
        wait = waited() if waited is not None else 0.0
        summary = checker.summary() if checker else (0, 0, [])
        put(ParseEnd(summary, parse, wait, time.thread_time() - cpu))
    except BaseException as exc:  # forwarded to the writer
        put(exc)


def queue_put(out: queue.Queue[Any], stop: threading.Event) -> Put:
    """``put`` into a bounded queue, giving up once ``stop`` is set."""
    return lambda item: _put(out, item, stop)


def _put(out: queue.Queue[Any], item: Any, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            out.put(item, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


_switch_lock = threading.Lock()
_switch_users = [0, 0.005]


def _fast_switching(on: bool) -> None:
    """Lower ``sys.setswitchinterval`` while any ingest runs (two busy worker threads
    would otherwise keep the event-loop thread waiting for the GIL), restore after.

    Also ``gc.freeze()`` the heap that exists when the first ingest starts (and
    ``gc.unfreeze()`` when the last ends): the parser allocates ~10 container
    objects per record, so full (generation 2) collections still run during an
    ingest — in the parser thread, holding the GIL — and each one walked the
    whole process heap (the app, its libraries, the GUI): one took 56 ms in the
    bench process at 1M records, exactly an event-loop stall of 55 ms, and a GUI
    process has a larger heap. Frozen, a full collection walks only what the
    ingest keeps alive (a few batches of records). Nothing frozen is freed
    meanwhile; it is collectable again after ``unfreeze``."""
    with _switch_lock:
        if on:
            if _switch_users[0] == 0:
                _switch_users[1] = sys.getswitchinterval()
                sys.setswitchinterval(min(SWITCH_INTERVAL, _switch_users[1]))
                gc.freeze()
            _switch_users[0] += 1
        else:
            _switch_users[0] -= 1
            if _switch_users[0] == 0:
                sys.setswitchinterval(_switch_users[1])
                gc.unfreeze()


@contextlib.contextmanager
def gui_friendly() -> Iterator[None]:
    """Around heavy Python work in a worker thread (an ingest, storing a large upload
    result): fast GIL switching and a frozen heap meanwhile (see :func:`_fast_switching`)."""
    _fast_switching(True)
    try:
        yield
    finally:
        _fast_switching(False)


def ingest_file(
    conn: sqlite3.Connection,
    path: Path,
    *,
    profile_id: str,
    domain: str,
    scope: str,
    version: str,
    sha256: str | None = None,
    size: int | None = None,
    retention: int | None = None,
    checker: SchemaChecker | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[int], None] | None = None,
    feed: DownloadFeed | None = None,
) -> IngestResult:
    """Store ``path`` as the new snapshot of a scope, in one transaction.

    Blocking: call it from a worker thread with a connection of its own.
    ``cancel`` (set from any thread) aborts with :class:`IngestCancelled`;
    ``progress(records_so_far)`` is called from this thread after each batch.
    With ``feed`` the file is read while it is still being downloaded
    (:mod:`~sage50_desktop.services.ingest_feed`): nothing is committed before the
    feed says the download is complete and verified, and a failed download raises
    :class:`~sage50_desktop.services.ingest_feed.FeedAborted` (rolled back).
    Raises :class:`IngestError` for bad input; nothing is stored then.
    The parse runs in a thread of this process (:func:`parse_file`).
    """

    def parse(put: Put, stop: threading.Event) -> None:
        def source() -> Any:
            return path.open("rb") if feed is None else feed.open(stop)

        waited = (lambda: feed.waited) if feed is not None else None
        parse_file(source, put, stop, checker, sha256, waited)

    return store_rows(
        conn,
        parse,
        profile_id=profile_id,
        domain=domain,
        scope=scope,
        version=version,
        sha256=sha256,
        size=size,
        retention=retention,
        cancel=cancel,
        progress=progress,
    )


def store_rows(
    conn: sqlite3.Connection,
    produce: Callable[[Put, threading.Event], None],
    *,
    profile_id: str,
    domain: str,
    scope: str,
    version: str,
    sha256: str | None = None,
    size: int | None = None,
    retention: int | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestResult:
    """The insert stage: write what ``produce`` hands over, in ONE transaction.

    ``produce(put, stop)`` runs in a thread of its own: :func:`parse_file` itself
    (:func:`ingest_file`), or the receiving end of a parser process
    (:mod:`~sage50_desktop.services.ingest_process`). It hands over row batches
    and ends with a :class:`ParseEnd` or an exception; only after a
    :class:`ParseEnd` is anything committed. Any error, ``cancel`` or a stage that
    ends without one rolls back.
    """
    stop = threading.Event()
    stats = IngestStats()
    wall = time.perf_counter()
    cpu = time.thread_time()
    batches: queue.Queue[Any] = queue.Queue(maxsize=4)
    put = queue_put(batches, stop)

    def run_producer() -> None:
        try:
            produce(put, stop)
        except BaseException as exc:  # a producer's own failure reaches the writer too
            put(exc)

    producer = threading.Thread(target=run_producer, name=f"ingest-parse-{scope}", daemon=True)
    writer = SnapshotWriter(conn, profile_id, domain, scope, version)
    end: ParseEnd | None = None
    _fast_switching(True)
    try:
        writer.begin()
        producer.start()
        while True:
            try:
                item = batches.get(timeout=0.2)
            except queue.Empty:
                if cancel is not None and cancel.is_set():
                    raise IngestCancelled() from None
                if not producer.is_alive() and batches.empty():
                    raise IngestError(
                        "The import stopped unexpectedly; nothing was stored. Download again."
                    ) from None
                continue
            if isinstance(item, ParseEnd):
                end = item
                break
            if isinstance(item, BaseException):
                raise item
            if cancel is not None and cancel.is_set():
                raise IngestCancelled()
            started = time.perf_counter()
            try:
                writer.add(item)
            except DuplicateRecordId as exc:
                raise IngestError(f"The id {exc.record_id!r} appears more than once.") from None
            stats.write += time.perf_counter() - started
            if progress is not None:
                progress(writer.records)
        if cancel is not None and cancel.is_set():
            raise IngestCancelled()
        warnings = end.warnings
        started = time.perf_counter()
        result: WriteResult = writer.commit(
            sha256=sha256,
            size=size,
            warnings=warnings[0],
            warnings_checked=warnings[1],
            warning_examples=warnings[2],
            retention=retention,
        )
        stats.commit = time.perf_counter() - started
    except BaseException as exc:
        stop.set()
        writer.rollback()
        if is_disk_full(exc):
            raise disk_full(
                f"The disk is full: no space left to store {scope} version {version}.", exc
            ) from None
        raise
    finally:
        stop.set()
        if producer.is_alive():
            producer.join()
        _fast_switching(False)
    stats.wall = time.perf_counter() - wall
    stats.write_cpu = time.thread_time() - cpu
    stats.parse, stats.source_wait, stats.parse_pid = end.parse, end.source_wait, end.pid
    stats.parse_cpu = end.cpu
    log.info(
        "ingested %s/%s version %s: %d records (+%d ~%d -%d) in %.1f s",
        domain,
        scope,
        version,
        result.records,
        result.added,
        result.changed,
        result.removed,
        stats.wall,
    )
    return IngestResult(
        **{f.name: getattr(result, f.name) for f in fields(WriteResult)},
        warnings=warnings[0],
        warnings_checked=warnings[1],
        warning_examples=warnings[2],
        stats=stats,
    )
