"""A hostile platform on loopback for ``test_reliability_hostile*.py`` (issue 16).

:class:`Hostile` is a real aiohttp server on a free loopback port that plays
the contract's upload and scope-file operations with answers a test chooses:
a server-chosen ``uploadId``, any tracking status, any result bytes, bodies
of any size streamed (never held in memory), dripped bytes, redirects. Every
request it sees is recorded with its headers, so a test can prove the key
never went to a foreign origin.
"""

from __future__ import annotations

import asyncio
import hashlib
import resource
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import orjson
from aiohttp import web
from orders import make_order

from sage50_desktop.api.models import parse_timestamp
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.storage.profiles import Profile

KEY = "AK-hostile-test-0123456789abcdef"
SECRET = "s" * 40
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Hostile:
    """A loopback server whose routes a test sets: ``hostile.route("GET", "/api/...", handler)``."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.routes: dict[tuple[str, str], Handler] = {}
        self.app = web.Application(client_max_size=1 << 30)
        self.app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self.runner: web.AppRunner | None = None
        self.port = 0
        self.host = "127.0.0.1"

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, method: str, path: str, handler: Handler) -> None:
        self.routes[(method, path)] = handler

    def json(self, method: str, path: str, data: Any, status: int = 200) -> None:
        async def answer(_request: web.Request) -> web.Response:
            return web.json_response(data, status=status)

        self.route(method, path, answer)

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.seen.append((request.method, request.path_qs, dict(request.headers)))
        handler = self.routes.get((request.method, request.path))
        if handler is None:
            return web.json_response({"code": "notFound", "message": "no such route"}, status=404)
        if request.method == "PUT":
            async for _chunk in request.content.iter_chunked(1 << 16):
                pass
        return await handler(request)

    async def start(self, host: str = "127.0.0.1") -> Hostile:
        self.host = host
        self.runner = web.AppRunner(self.app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, 0)
        await site.start()
        self.port = self.runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    # --- canned platform behaviour ----------------------------------------------------
    def upload_platform(
        self,
        upload_id: str,
        *,
        status: str = "accepted",
        result: bytes | None = None,
        tracking_url: str | None = None,
        upload_url: str | None = None,
    ) -> None:
        """5.1 answering ``upload_id``; 5.2 taking the bytes; 6.1 ``status``; 6.2 ``result``."""
        tracking = tracking_url or self.url("/api/tracking/t1")
        self.json(
            "POST",
            "/api/files/ecommerce/orders",
            {
                "uploadId": upload_id,
                "uploadUrl": upload_url or self.url("/presigned/up"),
                "uploadUrlExpiration": "2099-01-01T00:00:00Z",
                "trackingUrl": tracking,
            },
            201,
        )

        async def put(_request: web.Request) -> web.Response:
            return web.Response(status=200)

        self.route("PUT", "/presigned/up", put)
        body = result if result is not None else result_file(upload_id, status, 1, 1, 0)
        self.json(
            "GET",
            "/api/tracking/t1",
            {
                "uploadId": upload_id,
                "domain": "ecommerce",
                "scope": "orders",
                "status": status,
                "progress": 100,
                "downloadResultUrl": self.url("/presigned/result?token=r"),
                "updatedAt": "2025-01-01T00:00:00Z",
            },
        )

        async def result_bytes(_request: web.Request) -> web.Response:
            return web.Response(body=body, content_type="application/json")

        self.route("GET", "/presigned/result", result_bytes)

    def scope_file(self, download_path: str, size: int, sha256: str = "0" * 64) -> None:
        """4.2 products announcing ``size`` bytes at ``download_path`` (a pre-signed link)."""
        self.json(
            "GET",
            "/api/files/ecommerce/products",
            {
                "domain": "ecommerce",
                "scope": "products",
                "version": "1.a",
                "size": size,
                "sha256": sha256,
                "lastModified": "2025-01-01T00:00:00Z",
                "fileName": "p.json",
                "downloadUrl": self.url(download_path),
                "downloadUrlExpiration": "2099-01-01T00:00:00Z",
            },
        )

    def stream_body(
        self,
        path: str,
        total: int,
        *,
        method: str = "GET",
        status: int = 200,
        content_type: str = "application/json",
        chunk: int = 1 << 20,
        delay: float = 0.0,
        content_length: bool = False,
    ) -> None:
        """``path`` answers ``total`` bytes (``[`` then spaces), generated as they go."""

        async def answer(request: web.Request) -> web.StreamResponse:
            resp = web.StreamResponse(status=status, headers={"Content-Type": content_type})
            if content_length:
                resp.content_length = total
            await resp.prepare(request)
            sent = 0
            block = b" " * chunk
            try:
                await resp.write(b"[")
                sent = 1
                while sent < total:
                    n = min(chunk, total - sent)
                    await resp.write(block[:n])
                    sent += n
                    if delay:
                        await asyncio.sleep(delay)
            except (ConnectionResetError, ConnectionError):
                pass
            return resp

        self.route(method, path, answer)

    def keys_seen_by(self) -> list[str]:
        """Paths of the requests that carried the ``apikey`` header."""
        return [p for _m, p, h in self.seen if "apikey" in {k.lower() for k in h}]


def result_file(
    upload_id: str,
    status: str,
    total: int,
    accepted: int,
    rejected: int,
    results: list[dict[str, Any]] | None = None,
) -> bytes:
    return orjson.dumps(
        {
            "uploadId": upload_id,
            "status": status,
            "summary": {"total": total, "accepted": accepted, "rejected": rejected},
            "errors": [],
            "results": results or [],
        }
    )


def keyed_profile(
    runtime: Any, base_url: str, name: str = "hostile", allow_insecure_http: bool = False
) -> Profile:
    """A real (non-sandbox) profile with a stored key and secret."""
    profile = runtime.profiles.add(
        Profile(
            name, base_url, "dev-x", "app-x", "ecommerce", allow_insecure_http=allow_insecure_http
        )
    )
    runtime.credentials.set_secret(profile.id, SECRET)
    runtime.credentials.set_initial_apikey(profile.id, KEY)  # contract v2: the consent's key
    runtime.credentials.set_apikey(
        profile.id, KeyMaterial(KEY, parse_timestamp("2099-01-01T00:00:00Z"))
    )
    return profile


def orders_file(folder: Path, name: str = "orders.json") -> Path:
    path = folder / name
    path.write_bytes(orjson.dumps([make_order(1)]))
    return path


def files_outside(root: Path, before: set[Path]) -> list[Path]:
    """Files under ``root`` that appeared since ``before`` (a snapshot of ``root``)."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p not in before)


def snapshot(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_message(text: str) -> list[str]:
    """What a user-facing message must not contain (empty when clean)."""
    bad = (
        "Traceback",
        "Errno",
        "IntegrityError",
        "sqlite3",
        "INSERT INTO",
        "SELECT ",
        "httpx",
        "https://www.python-httpx.org",
        "developer.mozilla.org",
        "aiohttp",
        "\x1b",
    )
    return [b for b in bad if b in text]
