"""A scriptable in-process platform behind ``httpx.MockTransport`` for precise timing tests."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
from datetime import UTC, datetime, timedelta

import httpx
import orjson

from sage50_desktop.api import contract

DEV, APP, DOMAIN = "dev-1", "app-1", "ecommerce"
SECRET = "s" * 40
PRESIGNED_HOST = "files.example.test"


def _ts(dt: datetime) -> str:
    return dt.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def error(status: int, code: str, headers: dict | None = None) -> httpx.Response:
    return httpx.Response(status, json={"code": code, "message": code}, headers=headers)


class FakePlatform:
    """Keys, rotation and files, with knobs for the races the tests need."""

    def __init__(self, base: str = "https://api.example.test") -> None:
        self.base = base
        self._ids = itertools.count(1)
        self.current_key = "key-0000000001"
        self.initial_key = self.current_key  # the key consent delivered (v2 rotation needs it)
        self.omit_expiration = False
        self.old_keys: set[str] = set()
        self.key_expired = False
        self.consent_revoked = False
        self.rotations = 0
        self.rotation_delay = 0.0
        self.requests: list[httpx.Request] = []
        self.body = orjson.dumps([{"id": "P-1", "name": "Cuchillo"}] * 50)
        self.drop_after: int | None = None  # bytes served before the connection drops (once)
        self.corrupt = False
        self.transient: list[tuple[int, str | None]] = []  # queued (status, Retry-After)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    async def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        await asyncio.sleep(0)
        path = request.url.path
        if request.url.host == PRESIGNED_HOST:
            return self._presigned(request)
        if self.transient:
            status, retry_after = self.transient.pop(0)
            headers = {"Retry-After": retry_after} if retry_after is not None else None
            return error(status, "unavailable", headers)
        if path == contract.apikeys_path(DEV, APP):
            return await self._rotate(request)
        if path.startswith("/api/files/") or path.startswith("/api/tracking/"):
            problem = self._check_key(request)
            if problem:
                return problem
            return self._files(request)
        return error(404, "notFound")

    def _check_key(self, request: httpx.Request) -> httpx.Response | None:
        key = request.headers.get(contract.APIKEY_HEADER)
        if key != self.current_key or self.consent_revoked:
            return error(401, contract.ErrorCode.APIKEY_INVALID)
        if self.key_expired:
            return error(401, contract.ErrorCode.APIKEY_EXPIRED)
        return None

    async def _rotate(self, request: httpx.Request) -> httpx.Response:
        if request.method != contract.ROTATION_METHOD:
            return error(405, "methodNotAllowed")
        body = orjson.loads(request.content)
        if self.rotation_delay:
            await asyncio.sleep(self.rotation_delay)
        if body.get("initialApikey") != self.initial_key or self.consent_revoked:
            return error(403, contract.ErrorCode.CONSENT_REVOKED)
        if body.get("apikey") in self.old_keys:
            return error(409, contract.ErrorCode.APIKEY_ROTATED)
        if body.get("apikey") != self.current_key:
            return error(403, contract.ErrorCode.CONSENT_REVOKED)
        self.rotations += 1
        self.old_keys.add(self.current_key)
        self.current_key = f"key-{next(self._ids) + 1000:010d}"
        self.key_expired = False
        answer = {"apikey": self.current_key}
        if not self.omit_expiration:
            answer["expiration"] = _ts(datetime.now(UTC) + timedelta(hours=1))
        return httpx.Response(200, json=answer)

    def _files(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        sha = hashlib.sha256(self.body).hexdigest()
        now = datetime.now(UTC)
        if path == contract.domain_files_path(DOMAIN):
            return httpx.Response(
                200,
                json={
                    "domain": DOMAIN,
                    "scopes": [
                        {
                            "scope": "products",
                            "version": "v1",
                            "lastModified": _ts(now),
                            "size": len(self.body),
                            "sha256": sha,
                        }
                    ],
                },
            )
        if path == contract.scope_file_path(DOMAIN, "products"):
            if request.method == "POST":
                return error(400, contract.ErrorCode.SCOPE_NOT_UPLOADABLE)
            if request.headers.get("If-None-Match") == '"v1"':
                return httpx.Response(304)
            return httpx.Response(
                200,
                headers={"ETag": '"v1"'},
                json={
                    "domain": DOMAIN,
                    "scope": "products",
                    "version": "v1",
                    "lastModified": _ts(now),
                    "size": len(self.body),
                    "sha256": sha,
                    "fileName": "products.json",
                    "downloadUrl": f"https://{PRESIGNED_HOST}/f/products?sig=abc123secretsig",
                    "downloadUrlExpiration": _ts(now + timedelta(minutes=5)),
                },
            )
        return error(404, contract.ErrorCode.SCOPE_NOT_FOUND)

    def _presigned(self, request: httpx.Request) -> httpx.Response:
        body = self.body
        if self.corrupt:
            body = b"X" + body[1:]
        start = 0
        rng = request.headers.get("Range")
        if rng:
            start = int(rng.split("=")[1].split("-")[0])
        chunk = body[start:]
        status = 206 if rng else 200
        if self.drop_after is not None:
            limit, self.drop_after = self.drop_after, None
            return httpx.Response(status, stream=_DroppingStream(chunk[:limit]))
        return httpx.Response(status, content=chunk)


class _DroppingStream(httpx.AsyncByteStream):
    def __init__(self, data: bytes) -> None:
        self.data = data

    async def __aiter__(self):
        yield self.data
        raise httpx.ReadError("connection dropped")
