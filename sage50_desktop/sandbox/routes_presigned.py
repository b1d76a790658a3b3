"""Pre-signed URLs (no key): 4.3 scope file download, 5.2 upload, 6.2 result file.

Downloads are served with :class:`aiohttp.web.FileResponse` (sendfile, ``Range``
→ 206/416). Only while a download fault is armed (drop the connection,
corrupt bytes) does a slower streaming path take over.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
from pathlib import Path

from aiohttp import web

from sage50_desktop.api import contract
from sage50_desktop.api.contract import ErrorCode, UploadStatus
from sage50_desktop.sandbox import presign
from sage50_desktop.sandbox.runtime import RUNTIME
from sage50_desktop.sandbox.wire import JSON_TYPE, fail, json_response, now

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 256 * 1024


async def download_file(request: web.Request) -> web.StreamResponse:
    """4.3 ``GET {downloadUrl}``."""
    rt = request.app[RUNTIME]
    ident = rt.signer.check(request, presign.FILES)
    entry = rt.catalog.files.get(ident.rsplit("~", 1)[-1])
    if entry is None or not entry[0].is_file():
        fail(ErrorCode.URL_EXPIRED, "This file is no longer available.")
    path, size, _sha = entry
    drop = rt.faults.take_drop()
    corrupt = rt.faults.take_corruption()
    if drop is None and not corrupt:
        return web.FileResponse(path, headers={"Content-Type": JSON_TYPE})
    return await _faulty_download(request, path, size, drop, corrupt)


def _byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) of a single-range header; None for the whole file; 416 if unsatisfiable."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if not match or (not match.group(1) and not match.group(2)):
        return None
    first, last = match.groups()
    if not first:
        start, end = max(0, size - int(last)), size - 1
    else:
        start, end = int(first), min(size - 1, int(last)) if last else size - 1
    if start >= size or start > end:
        raise web.HTTPRequestRangeNotSatisfiable(headers={"Content-Range": f"bytes */{size}"})
    return start, end


async def _faulty_download(
    request: web.Request, path: Path, size: int, drop: int | None, corrupt: bool
) -> web.StreamResponse:
    rng = _byte_range(request.headers.get("Range"), size)
    start, end = rng if rng else (0, size - 1)
    resp = web.StreamResponse(status=206 if rng else 200)
    resp.content_type = JSON_TYPE
    resp.content_length = end - start + 1
    resp.headers["Accept-Ranges"] = "bytes"
    if rng:
        resp.headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    await resp.prepare(request)
    sent = 0
    remaining = end - start + 1
    src = await asyncio.to_thread(open, path, "rb")
    with src:
        src.seek(start)
        while remaining > 0:
            chunk = bytearray(await asyncio.to_thread(src.read, min(_CHUNK, remaining)))
            if not chunk:
                break
            if corrupt:
                for i in range(0, len(chunk), max(1, len(chunk) // 8)):
                    chunk[i] ^= 0x5A
                corrupt = False
            if drop is not None and sent + len(chunk) >= drop:
                await resp.write(bytes(chunk[: drop - sent]))
                if request.transport is not None:
                    request.transport.close()
                return resp
            await resp.write(bytes(chunk))
            sent += len(chunk)
            remaining -= len(chunk)
    await resp.write_eof()
    return resp


async def upload_file(request: web.Request) -> web.Response:
    """5.2 ``PUT {uploadUrl}``: single use; size and sha256 must match the announcement."""
    rt = request.app[RUNTIME]
    upload_id = rt.signer.check(request, presign.UPLOADS)
    upload = rt.pipeline.uploads.get(upload_id)
    if (
        upload is None
        or upload.used
        or upload.receiving
        or upload.status != UploadStatus.PENDING
        or now() >= upload.url_expires
    ):
        fail(ErrorCode.URL_EXPIRED, "The upload URL has expired or was already used.")
    upload.receiving = True
    upload.put_attempts += 1
    part = rt.pipeline.folder / f"{upload.id}.part"
    digest = hashlib.sha256()
    received = 0
    try:
        if rt.faults.put_delay:
            await asyncio.sleep(rt.faults.put_delay)
        out = await asyncio.to_thread(open, part, "wb")
        with out:
            async for chunk in request.content.iter_chunked(1 << 20):
                received += len(chunk)
                if received > contract.UPLOAD_SIZE_LIMIT + 1:
                    break
                if received <= upload.size:
                    await asyncio.to_thread(out.write, chunk)
                    digest.update(chunk)
        if received != upload.size or digest.hexdigest() != upload.sha256:
            part.unlink(missing_ok=True)
            fail(ErrorCode.CHECKSUM_MISMATCH, "Size or SHA-256 differs from the announced values.")
        final = rt.pipeline.folder / f"{upload.id}.json"
        os.replace(part, final)
        upload.path, upload.used = final, True
        upload.arrived.set()
    finally:
        upload.receiving = False
    return json_response({"uploadId": upload.id, "size": received}, 201)


async def download_result(request: web.Request) -> web.StreamResponse:
    """6.2 ``GET {downloadResultUrl}``."""
    rt = request.app[RUNTIME]
    upload = rt.pipeline.uploads.get(rt.signer.check(request, presign.RESULTS))
    if upload is None or upload.result_path is None:
        fail(ErrorCode.URL_EXPIRED, "This result is no longer available.")
    return web.FileResponse(upload.result_path, headers={"Content-Type": JSON_TYPE})


def add_routes(app: web.Application) -> None:
    base = presign.PREFIX
    app.router.add_get(f"{base}/{presign.FILES}/{{ident}}", download_file, name="download")
    app.router.add_put(f"{base}/{presign.UPLOADS}/{{ident}}", upload_file, name="upload")
    app.router.add_get(
        f"{base}/{presign.RESULTS}/{{ident}}", download_result, name="downloadResult"
    )
