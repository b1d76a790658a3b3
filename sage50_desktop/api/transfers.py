"""Transfers on pre-signed URLs: streaming download with resume and SHA-256, streaming upload.

Pre-signed URLs are opaque: used exactly as the API returned them, never
given the API key, never logged with their query string.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

from sage50_desktop.api import contract, limits
from sage50_desktop.api.errors import (
    ApiError,
    DownloadCorrupt,
    TransportError,
    UnexpectedResponse,
    UrlExpired,
    error_for,
    from_transport,
)
from sage50_desktop.api.json_answers import read_capped
from sage50_desktop.api.retry import RetryPolicy, parse_retry_after
from sage50_desktop.api.url_policy import UnsafeUrl, check_redirect
from sage50_desktop.redaction import redact_url

log = logging.getLogger(__name__)

CHUNK = 1 << 20
WRITE_BLOCK = 1 << 21  # downloaded bytes written (and hashed) off the loop 2 MB at a time
Progress = Callable[[int, int | None], None]
Sleep = Callable[[float], Awaitable[Any]]
MAX_URL_REFRESHES = 3


def _presigned_headers(extra: dict[str, str] | None = None) -> dict[str, str]:
    headers = dict(extra or {})
    assert contract.APIKEY_HEADER not in {k.lower() for k in headers}
    return headers


@dataclass(frozen=True, slots=True)
class SlowFloor:
    """A download slower than ``bytes_per_second`` on average over ``window`` seconds is aborted."""

    bytes_per_second: float = limits.SLOW_TRANSFER_FLOOR
    window: float = limits.SLOW_TRANSFER_WINDOW


DEFAULT_FLOOR = SlowFloor()


class TransferTooSlow(TransportError):
    """The download stayed slower than the app accepts."""

    transient = False
    hint = (
        "The server sent the file far too slowly and the app stopped waiting. Check the "
        "network connection and try again later."
    )


class _Throughput:
    """Raises :class:`TransferTooSlow` when a window passes with fewer bytes than the floor."""

    def __init__(self, floor: SlowFloor) -> None:
        self.floor = floor
        self.start = time.monotonic()
        self.bytes = 0

    def add(self, n: int) -> None:
        self.bytes += n
        elapsed = time.monotonic() - self.start
        if elapsed < self.floor.window:
            return
        if self.bytes < self.floor.bytes_per_second * elapsed:
            raise TransferTooSlow(
                f"the download received {self.bytes:,} bytes in {elapsed:.0f} s, below the "
                f"{self.floor.bytes_per_second:.0f} bytes per second the app waits for"
            )
        self.start, self.bytes = time.monotonic(), 0


@asynccontextmanager
async def _stream(
    http: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    *,
    what: str,
    allow_insecure_http: bool,
) -> AsyncIterator[httpx.Response]:
    """GET ``url`` streamed, following redirects by the URL policy (no downgrade, no key)."""
    current = httpx.URL(url)
    for _ in range(limits.MAX_REDIRECTS + 1):
        async with http.stream("GET", current, headers=headers, follow_redirects=False) as resp:
            if not resp.has_redirect_location:
                yield resp
                return
            current = check_redirect(
                current,
                resp.headers["location"],
                what=what,
                allow_insecure_http=allow_insecure_http,
            )
    raise UnsafeUrl(f"the {what} link redirected more than {limits.MAX_REDIRECTS} times")


async def _error_from(resp: httpx.Response) -> ApiError:
    body = await read_capped(resp, limits.ERROR_ANSWER_LIMIT, "error", truncate=True)
    code = message = None
    try:
        data = orjson.loads(body)
        if isinstance(data, dict):
            code, message = data.get("code"), data.get("message")
    except orjson.JSONDecodeError:
        pass
    retry_after = parse_retry_after(resp.headers.get(contract.RETRY_AFTER_HEADER))
    return error_for(
        resp.status_code,
        code if isinstance(code, str) else None,
        message if isinstance(message, str) else resp.reason_phrase,
        retry_after,
    )


def _hash_file(path: Path, limit: int | None = None) -> Any:
    hasher = hashlib.sha256()
    with path.open("rb") as fh:
        remaining = limit
        while True:
            block = fh.read(CHUNK if remaining is None else min(CHUNK, remaining))
            if not block:
                break
            hasher.update(block)
            if remaining is not None:
                remaining -= len(block)
    return hasher


class _OffLoopWriter:
    """Writes and hashes downloaded bytes in a worker thread, :data:`WRITE_BLOCK` at a
    time, while the loop receives the next block.

    On the loop thread a plain ``write()`` blocks whenever the kernel throttles
    dirty pages — during a first sync the ingest floods the disk with its WAL, and
    single writes stalled the event loop for 100-300 ms. One write is in flight
    at a time, so the file and the hash see the bytes in order."""

    def __init__(self, fh: Any, hasher: Any) -> None:
        self._fh = fh
        self._hasher = hasher
        self._buf = bytearray()
        self._pending: asyncio.Future[None] | None = None

    def _write(self, data: bytes) -> None:
        self._fh.write(data)
        self._fh.flush()  # on disk for a reader of the growing file (pipelined ingest)
        self._hasher.update(data)

    async def add(self, chunk: bytes) -> None:
        self._buf += chunk
        if len(self._buf) >= WRITE_BLOCK:
            await self._start()

    async def _start(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            await pending
        if self._buf:
            data = bytes(self._buf)
            self._buf.clear()
            self._pending = asyncio.ensure_future(asyncio.to_thread(self._write, data))

    async def flush(self) -> None:
        await self._start()
        if self._pending is not None:
            pending, self._pending = self._pending, None
            await pending

    async def close(self) -> None:
        """Flush; when cancelled meanwhile, still let the write in flight end before
        the caller closes the file."""
        try:
            await self.flush()
        except asyncio.CancelledError:
            if self._pending is not None:
                await asyncio.wait([self._pending])
                if not self._pending.cancelled():
                    self._pending.exception()  # retrieved: no "never retrieved" warning
            raise


async def download(
    http: httpx.AsyncClient,
    url: str,
    dest: Path,
    *,
    sha256: str,
    size: int | None = None,
    progress: Progress | None = None,
    refresh_url: Callable[[], Awaitable[str]] | None = None,
    retry: RetryPolicy | None = None,
    sleep: Sleep,
    allow_insecure_http: bool = False,
    floor: SlowFloor = DEFAULT_FLOOR,
) -> Path:
    """Stream ``url`` to ``dest``; resume with ``Range`` after a dropped connection.

    Bytes go to ``dest`` + ``.part`` (an earlier partial file is resumed); the
    file is renamed to ``dest`` only after its size and SHA-256 match. A
    mismatch deletes the partial file and raises :class:`DownloadCorrupt`. An
    expired URL (``403 urlExpired``) is replaced by ``refresh_url()`` when given.
    Bytes past the announced ``size`` abort at once (:class:`DownloadCorrupt`);
    a transfer slower than ``floor`` aborts with :class:`TransferTooSlow`.
    """
    retry = retry or RetryPolicy()
    part = dest.with_name(dest.name + ".part")
    dest.parent.mkdir(parents=True, exist_ok=True)
    offset = part.stat().st_size if part.exists() else 0
    if size is not None and offset > size:
        part.unlink()
        offset = 0
    hasher = await asyncio.to_thread(_hash_file, part) if offset else hashlib.sha256()
    failures = 0
    refreshes = 0
    while True:
        headers = _presigned_headers({"Accept-Encoding": "identity"})
        if offset:
            headers["Range"] = f"bytes={offset}-"
        try:
            async with _stream(
                http, url, headers, what="download", allow_insecure_http=allow_insecure_http
            ) as resp:
                if resp.status_code == 416 and size is not None and offset == size:
                    break  # already complete
                if resp.status_code == 416:
                    part.unlink(missing_ok=True)
                    offset, hasher = 0, hashlib.sha256()
                    failures += 1
                    if failures >= retry.attempts:
                        raise DownloadCorrupt("the server refused the resume range")
                    continue
                if resp.status_code >= 400:
                    error = await _error_from(resp)
                    if (
                        isinstance(error, UrlExpired)
                        and refresh_url
                        and refreshes < MAX_URL_REFRESHES
                    ):
                        refreshes += 1
                        log.info("download URL expired; asking for a new one")
                        url = await refresh_url()
                        continue
                    failures += 1
                    if (
                        error.transient
                        and failures < retry.attempts
                        and not retry.too_long(error.retry_after)
                    ):
                        await sleep(retry.delay(failures, error.retry_after))
                        continue
                    raise error
                if resp.status_code == 200 and offset:
                    offset, hasher = 0, hashlib.sha256()  # the server ignored Range
                mode = "ab" if offset else "wb"
                speed = _Throughput(floor)
                with part.open(mode) as fh:
                    sink = _OffLoopWriter(fh, hasher)
                    oversize = False
                    try:
                        async for chunk in resp.aiter_bytes():
                            if size is not None and offset + len(chunk) > size:
                                oversize = True  # not one byte past the announced size
                                break
                            speed.add(len(chunk))
                            await sink.add(chunk)
                            offset += len(chunk)
                            if progress:
                                progress(offset, size)
                    finally:  # the bytes counted are on disk before any resume
                        await sink.close()
                if oversize:
                    part.unlink(missing_ok=True)
                    raise DownloadCorrupt(
                        f"the server sent more than the announced {size:,} bytes; "
                        "the download was stopped and discarded"
                    )
                break
        except httpx.TransportError as exc:
            failure = from_transport(exc)
            if not failure.transient:
                raise failure from None
            failures += 1
            log.info("download interrupted at %d bytes (%s); resuming", offset, type(exc).__name__)
            if failures >= retry.attempts:
                raise TransportError(f"the download kept failing: {type(exc).__name__}") from None
            await sleep(retry.delay(failures))
            continue
    if (size is not None and offset != size) or hasher.hexdigest() != sha256.lower():
        part.unlink(missing_ok=True)
        raise DownloadCorrupt(
            f"downloaded {offset} bytes that do not match the announced size/SHA-256"
        )
    await asyncio.to_thread(os.replace, part, dest)
    log.debug("downloaded %s (%d bytes) to %s", redact_url(url), offset, dest)
    return dest


async def _file_chunks(path: Path, progress: Progress | None, total: int) -> AsyncIterator[bytes]:
    sent = 0
    with path.open("rb") as fh:
        while True:
            block = fh.read(CHUNK)
            if not block:
                break
            sent += len(block)
            yield block
            if progress:
                progress(sent, total)


async def upload(
    http: httpx.AsyncClient,
    url: str,
    path: Path,
    *,
    progress: Progress | None = None,
    retry: RetryPolicy | None = None,
    sleep: Sleep,
) -> None:
    """PUT ``path`` to a single-use pre-signed URL, streaming, with progress.

    Retried only when the connection could not be opened (nothing was sent).
    """
    retry = retry or RetryPolicy()
    total = (await asyncio.to_thread(path.stat)).st_size
    attempt = 0
    while True:
        attempt += 1
        headers = _presigned_headers(
            {"Content-Type": "application/json", "Content-Length": str(total)}
        )
        request = http.build_request(
            "PUT", url, content=_file_chunks(path, progress, total), headers=headers
        )
        try:
            resp = await http.send(request, stream=True)
            try:
                if resp.status_code >= 400:
                    raise await _error_from(resp)
                await read_capped(resp, limits.ERROR_ANSWER_LIMIT, "upload", truncate=True)
            finally:
                await resp.aclose()
        except httpx.TransportError as exc:
            failure = from_transport(exc)
            not_sent = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
            if not_sent and failure.transient and attempt < retry.attempts:
                await sleep(retry.delay(attempt))
                continue
            raise failure from None
        if resp.status_code >= 300:
            raise UnexpectedResponse(
                f"the upload link answered with a redirect (HTTP {resp.status_code}) instead of "
                "taking the file",
                status=resp.status_code,
            )
        return


async def fetch_bytes(
    http: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    retry: RetryPolicy | None = None,
    sleep: Sleep,
    allow_insecure_http: bool = False,
) -> bytes:
    """GET a small pre-signed file (a result file) into memory, at most ``max_bytes``."""
    retry = retry or RetryPolicy()
    attempt = 0
    while True:
        attempt += 1
        try:
            async with _stream(
                http,
                url,
                _presigned_headers(),
                what="result",
                allow_insecure_http=allow_insecure_http,
            ) as resp:
                if resp.status_code >= 400:
                    error = await _error_from(resp)
                    if (
                        error.transient
                        and attempt < retry.attempts
                        and not retry.too_long(error.retry_after)
                    ):
                        await sleep(retry.delay(attempt, error.retry_after))
                        continue
                    raise error
                return await read_capped(resp, max_bytes, "the result file")
        except httpx.TransportError as exc:
            failure = from_transport(exc)
            if attempt < retry.attempts and failure.transient:
                await sleep(retry.delay(attempt))
                continue
            raise failure from None
