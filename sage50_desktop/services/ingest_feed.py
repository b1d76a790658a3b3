"""A file that is still being downloaded, read by the ingest while it grows.

The sync pipelines its stages: while the download (on the event loop: httpx,
SHA-256, file writes) is still writing ``<dest>.part``, the ingest's parser
thread already reads and parses the bytes written so far, and the writer
thread inserts them — three stages on two cores instead of one after the
other.

The download side tells the feed how far it got (:meth:`DownloadFeed.advance`
from its progress callback), then :meth:`~DownloadFeed.finish` once the file's
size and SHA-256 are verified, or :meth:`~DownloadFeed.fail`. The reader
(:meth:`~DownloadFeed.open`) blocks for more bytes and reports the end of the
file only after ``finish()``: the ingest therefore cannot commit a snapshot of
a file that was not verified — a failed or cancelled download makes the
reader raise, and the ingest rolls its one transaction back.

When the download starts over (the server ignored ``Range``, a resume was
refused: the progress goes backwards) the bytes read so far may be stale:
the reader raises :class:`FeedRestarted` and the sync ingests the finished
file the ordinary way.

POSIX only: the reader keeps the ``.part`` file open while the download
renames it (Windows refuses to rename an open file); see :func:`supported`.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import TracebackType


class FeedAborted(Exception):
    """The download failed or was cancelled: the ingest must roll back."""


class FeedRestarted(FeedAborted):
    """The download started over; what was read may be stale (ingest the file again)."""


def supported() -> bool:
    """Can a file be read while another handle renames it (POSIX)?"""
    return os.name == "posix"


class DownloadFeed:
    """What the download has written so far; thread-safe."""

    def __init__(self, part: Path, dest: Path | None = None, *, poll: float = 0.2) -> None:
        self.part = part
        #: where the download renames ``part`` once verified (default: without ``.part``)
        self.dest = dest or part.with_name(part.name.removesuffix(".part"))
        self.poll = poll
        self._cond = threading.Condition()
        self._available = 0
        self._finished = False
        self._failed: str | None = None
        self.restarted = False
        #: seconds the reader spent waiting for the download (the stage overlap)
        self.waited = 0.0

    # --- the download side (any thread) ------------------------------------------------
    def advance(self, done: int) -> None:
        with self._cond:
            if done < self._available:
                self.restarted = True
            self._available = done
            self._cond.notify_all()

    def finish(self) -> None:
        """The file is complete and verified."""
        with self._cond:
            self._finished = True
            self._cond.notify_all()

    def fail(self, why: str = "the download did not complete") -> None:
        with self._cond:
            if not self._finished:
                self._failed = why
            self._cond.notify_all()

    # --- the reader side (the parser thread) ---------------------------------------------
    def open(self, cancel: threading.Event | None = None) -> FeedReader:
        """Wait for the ``.part`` file to exist, then a reader over it."""
        while True:
            with self._cond:
                self._check(cancel)
                finished, available = self._finished, self._available
                if not finished and not available:
                    self._wait(cancel)
                    continue
            # while it downloads: the .part file; once verified it may be renamed already
            for path in (self.part, self.dest) if not finished else (self.dest, self.part):
                try:
                    return FeedReader(self, path.open("rb"), cancel)
                except FileNotFoundError:
                    continue
            if finished:
                raise FeedRestarted("the downloaded file is not where the feed looks")
            with self._cond:
                self._wait(cancel)

    def _check(self, cancel: threading.Event | None) -> None:
        if self.restarted:
            raise FeedRestarted("the download started over")
        if self._failed is not None:
            raise FeedAborted(self._failed)
        if cancel is not None and cancel.is_set():
            raise FeedAborted("cancelled")

    def _wait(self, cancel: threading.Event | None) -> None:
        started = time.perf_counter()
        self._cond.wait(self.poll)
        self.waited += time.perf_counter() - started


class FeedReader:
    """``read(n)`` over a growing file: blocks for bytes, ``b""`` only at the verified end."""

    def __init__(self, feed: DownloadFeed, fh: object, cancel: threading.Event | None) -> None:
        self._feed = feed
        self._fh = fh
        self._cancel = cancel
        self._pos = 0

    def read(self, n: int = -1) -> bytes:
        feed = self._feed
        while True:
            with feed._cond:
                feed._check(self._cancel)
                available, finished = feed._available, feed._finished
                # whole blocks while the download runs (fewer, larger parses)
                if not finished and available - self._pos < max(n, 1):
                    feed._wait(self._cancel)
                    continue
            want = n if finished or n >= 0 else available - self._pos
            data: bytes = self._fh.read(want)  # type: ignore[attr-defined]
            if data:
                self._pos += len(data)
                return data
            if finished:
                return b""
            # written but still in the writer's buffer: wait for the next chunk
            with feed._cond:
                feed._wait(self._cancel)

    def close(self) -> None:
        self._fh.close()  # type: ignore[attr-defined]

    def __enter__(self) -> FeedReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
