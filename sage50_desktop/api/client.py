"""The async client of contract v2: one method per operation of sections 1–6.

One :class:`httpx.AsyncClient` carries every request. Only *key* operations
get the ``apikey`` header, and only when their URL is on the profile's own
origin; pre-signed URLs never get it, and redirects are not followed on key
operations. Transient failures are retried with bounded backoff (idempotent
requests always; others only when the server surely did not act on them:
connection refused, 429, 503). A 401 on a key operation goes through the
:class:`~sage50_desktop.api.rotation.ApiKeyManager` and is replayed.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

from sage50_desktop import __version__
from sage50_desktop.api import contract, limits, transfers
from sage50_desktop.api.errors import (
    ApiError,
    PollingNotOffered,
    RequestTimeout,
    UnexpectedResponse,
    error_for,
    from_transport,
)
from sage50_desktop.api.json_answers import decode_json, json_problem, read_capped
from sage50_desktop.api.models import (
    ApikeyIssued,
    ApplicationRegistration,
    PasscodeCreated,
    PasscodeStatus,
    RegistrationCreated,
    ResultFile,
    ScopeFileInfo,
    ScopeList,
    Tracking,
    UploadCreated,
)
from sage50_desktop.api.retry import RetryPolicy, parse_retry_after
from sage50_desktop.api.rotation import ApiKeyManager
from sage50_desktop.api.url_policy import (
    InvalidBaseUrl,
    check_base_url,
    check_platform_url,
    is_loopback,
    origin,
    same_origin,
)
from sage50_desktop.redaction import redact_url

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(limits.READ_TIMEOUT, connect=limits.CONNECT_TIMEOUT)
__all__ = ["InvalidBaseUrl", "Sage50Client", "check_base_url", "is_loopback", "tls_context"]
USER_AGENT = f"sage50-desktop/{__version__}"
Progress = Callable[[int, int | None], None]


def tls_context(verify: bool | str | ssl.SSLContext = True) -> bool | ssl.SSLContext:
    """What httpx verifies TLS with.

    ``True`` (the default): the operating system's trust store (truststore), so
    a company CA installed on the workstation works as in the browser; a
    string: that CA bundle file only; ``False``: no verification (never set by
    the app); an SSL context: used as it is.
    """
    if isinstance(verify, ssl.SSLContext) or verify is False:
        return verify
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    try:
        import truststore
    except ImportError:  # pragma: no cover - truststore is a dependency
        return True
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


@dataclass(frozen=True, slots=True)
class Answer:
    """An API answer read whole (bounded by :data:`~sage50_desktop.api.limits.JSON_ANSWER_LIMIT`)."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    request: httpx.Request
    reason_phrase: str = ""


class Sage50Client:
    """Async client of the Sage 50 Cloud file-exchange API (contract v2).

    Args:
        base_url: the profile's base URL (``https://host`` or the sandbox's).
        keys: the key manager of the connection; required for *key* operations.
        retry: backoff policy for transient failures.
        timeout: per-request timeouts.
        verify: TLS verification: True, a CA bundle path, or an SSL context.
        proxy: optional proxy URL.
        allow_insecure_http: allow plain http:// to a non-loopback host.
        transport: an httpx transport (tests).
        sleep: the sleep used between retries (tests).
        deadline: seconds one API request may take, its whole answer included.
        answer_limit: bytes an API (JSON) answer may have.
        slow_floor: the slowest a download may be for long before it is aborted.
    """

    def __init__(
        self,
        base_url: str,
        *,
        keys: ApiKeyManager | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        proxy: str | None = None,
        allow_insecure_http: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        deadline: float = limits.CALL_DEADLINE,
        answer_limit: int = limits.JSON_ANSWER_LIMIT,
        slow_floor: transfers.SlowFloor = transfers.DEFAULT_FLOOR,
    ) -> None:
        self.base_url = check_base_url(base_url, allow_insecure_http)
        self.allow_insecure_http = allow_insecure_http
        self.deadline = deadline
        self.answer_limit = answer_limit
        self.slow_floor = slow_floor
        self.keys = keys
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        verify = tls_context(verify)
        self._http = httpx.AsyncClient(
            timeout=timeout,
            verify=verify,
            proxy=proxy,
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            event_hooks={"response": [self._log_response]},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Sage50Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    @property
    def http(self) -> httpx.AsyncClient:
        return self._http

    # --- 1. registration ------------------------------------------------------
    async def register_developer(
        self,
        name: str,
        email: str,
        application: ApplicationRegistration,
        company: str | None = None,
    ) -> RegistrationCreated:
        body: dict[str, Any] = {"name": name, "email": email, "application": application.to_json()}
        if company:
            body["company"] = company
        resp = await self._request("POST", contract.developers_path(), json=body)
        return RegistrationCreated.from_json(self._json(resp))

    async def register_application(
        self, developer_id: str, application: ApplicationRegistration
    ) -> str:
        resp = await self._request(
            "POST", contract.applications_path(developer_id), json=application.to_json()
        )
        data = self._json(resp)
        app_id = data.get("applicationId") if isinstance(data, dict) else None
        if not isinstance(app_id, str):
            raise UnexpectedResponse("application: missing field 'applicationId'")
        return app_id

    # --- 2. consent -------------------------------------------------------------
    async def create_passcode(
        self, developer_id: str, application_id: str, secret: str
    ) -> PasscodeCreated:
        resp = await self._request(
            "POST", contract.passcodes_path(developer_id, application_id), json={"secret": secret}
        )
        return PasscodeCreated.from_json(self._json(resp))

    async def get_passcode_status(
        self, developer_id: str, application_id: str, passcode: str, secret: str
    ) -> PasscodeStatus:
        """2.2. Not retried blindly: the key comes only on the first ``approved`` read.

        Raises :class:`PollingNotOffered` when the platform has no 2.2 (``404``/``405``
        without a ``passcodeNotFound`` body).
        """
        try:
            resp = await self._request(
                "GET",
                contract.passcode_path(developer_id, application_id, passcode),
                headers={contract.SECRET_HEADER: secret},
                idempotent=False,
            )
        except ApiError as exc:
            if contract.polling_not_offered(exc.status, exc.code):
                raise PollingNotOffered(
                    f"the platform does not offer passcode polling (HTTP {exc.status})",
                    status=exc.status,
                ) from None
            raise
        return PasscodeStatus.from_json(self._json(resp))

    # --- 3. rotation --------------------------------------------------------------
    async def rotate_apikey(
        self, developer_id: str, application_id: str, initial_apikey: str, apikey: str
    ) -> ApikeyIssued:
        """3.1: the consent's initial key and the current key → the new key.

        Not replayed on an ambiguous failure: a rotation the platform performed
        has already invalidated ``apikey`` (the key manager adopts or re-reads).
        """
        resp = await self._request(
            contract.ROTATION_METHOD,
            contract.apikeys_path(developer_id, application_id),
            json=contract.rotation_body(initial_apikey, apikey),
            idempotent=False,
        )
        return ApikeyIssued.from_json(self._json(resp))

    # --- 4. scope files ----------------------------------------------------------
    async def list_scope_files(self, domain: str) -> ScopeList:
        resp = await self._request("GET", contract.domain_files_path(domain), key=True)
        return ScopeList.from_json(self._json(resp))

    async def check_apikey(self, domain: str, apikey: str) -> ScopeList:
        """One 4.1 call with ``apikey`` as it is (a pasted key, before it is stored).

        Not renewed on a 401: the answer tells whether the key works.
        """
        resp = await self._request(
            "GET", contract.domain_files_path(domain), key=True, fixed_key=apikey
        )
        return ScopeList.from_json(self._json(resp))

    async def get_scope_file(
        self, domain: str, scope: str, known_version: str | None = None
    ) -> ScopeFileInfo | None:
        """4.2; ``None`` when ``known_version`` is still the latest (304)."""
        headers = {}
        if known_version:
            headers["If-None-Match"] = contract.etag_for_version(known_version)
        resp = await self._request(
            "GET", contract.scope_file_path(domain, scope), key=True, headers=headers
        )
        if resp.status_code == 304:
            return None
        return ScopeFileInfo.from_json(self._json(resp))

    async def download_file(
        self,
        url: str,
        dest: Path,
        *,
        sha256: str,
        size: int | None = None,
        progress: Progress | None = None,
        refresh_url: Callable[[], Awaitable[str]] | None = None,
    ) -> Path:
        """4.3: stream a pre-signed URL to ``dest`` (resuming, verified). See :mod:`transfers`."""
        checked = check_platform_url(
            url, what="download", allow_insecure_http=self.allow_insecure_http
        )
        return await transfers.download(
            self._http,
            str(checked),
            dest,
            sha256=sha256,
            size=size,
            progress=progress,
            refresh_url=refresh_url,
            retry=self.retry,
            sleep=self._sleep,
            allow_insecure_http=self.allow_insecure_http,
            floor=self.slow_floor,
        )

    # --- 5. uploads ----------------------------------------------------------------
    async def create_upload(
        self, domain: str, scope: str, file_name: str, size: int, sha256: str
    ) -> UploadCreated:
        resp = await self._request(
            "POST",
            contract.scope_file_path(domain, scope),
            key=True,
            json={"fileName": file_name, "size": size, "sha256": sha256},
        )
        return UploadCreated.from_json(self._json(resp))

    async def upload_file(
        self, upload_url: str, path: Path, *, progress: Progress | None = None
    ) -> None:
        """5.2: PUT the file's bytes to the pre-signed, single-use ``upload_url``."""
        url = check_platform_url(
            upload_url, what="upload", allow_insecure_http=self.allow_insecure_http
        )
        await transfers.upload(
            self._http, str(url), path, progress=progress, retry=self.retry, sleep=self._sleep
        )

    # --- 6. tracking ----------------------------------------------------------------
    async def get_tracking(self, tracking_url: str) -> Tracking:
        """6.1. A server-given relative link resolves against the base URL as a browser would."""
        url = check_platform_url(
            self.base_url.join(tracking_url),
            what="tracking",
            allow_insecure_http=self.allow_insecure_http,
        )
        resp = await self._request("GET", str(url), key=True)
        return Tracking.from_json(self._json(resp))

    async def download_result(
        self, download_result_url: str, max_bytes: int = limits.RESULT_FILE_LIMIT
    ) -> tuple[bytes, ResultFile]:
        """6.2: the result file (pre-signed, no key): raw bytes and parsed."""
        url = check_platform_url(
            download_result_url, what="result", allow_insecure_http=self.allow_insecure_http
        )
        raw = await transfers.fetch_bytes(
            self._http,
            str(url),
            max_bytes=max_bytes,
            retry=self.retry,
            sleep=self._sleep,
            allow_insecure_http=self.allow_insecure_http,
        )
        # a result of 100,000 outcomes takes a while to parse: not on the event loop
        return raw, await asyncio.to_thread(_parse_result, raw)

    # --- plumbing ------------------------------------------------------------------
    def _api_url(self, path_or_url: str) -> httpx.URL:
        """A contract path (``/api/...``) under the base URL, its path prefix kept; or a full URL."""
        if path_or_url.startswith("/") and not path_or_url.startswith("//"):
            prefix = self.base_url.path.rstrip("/")
            return self.base_url.copy_with(
                raw_path=(prefix + path_or_url).encode("ascii"), fragment=None
            )
        return self.base_url.join(path_or_url)

    def _same_origin(self, url: httpx.URL) -> bool:
        return same_origin(url, self.base_url)

    def _check_key_url(self, url: httpx.URL) -> None:
        """The API key goes only to the connection's own origin (scheme, host and port)."""
        if not self._same_origin(url):
            raise UnexpectedResponse(
                f"refusing to send the API key to {origin(url)}: it belongs to "
                f"{origin(self.base_url)}, the connection's own server"
            )

    async def _request(
        self,
        method: str,
        path_or_url: str,
        *,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        key: bool = False,
        idempotent: bool | None = None,
        fixed_key: str | None = None,
    ) -> Answer:
        url = self._api_url(path_or_url)
        if key:
            if self.keys is None and fixed_key is None:
                raise RuntimeError("a key operation needs an ApiKeyManager")
            self._check_key_url(url)
        if idempotent is None:
            idempotent = method in ("GET", "HEAD", "PUT", "DELETE")
        content = orjson.dumps(json) if json is not None else None
        attempt = 0
        replays = 0
        timeouts = 0
        while True:
            attempt += 1
            send_headers = dict(headers or {})
            if content is not None:
                send_headers["Content-Type"] = "application/json"
            used_key = None
            if key and fixed_key is not None:
                send_headers[contract.APIKEY_HEADER] = fixed_key
            elif key:
                assert self.keys is not None
                used_key = await self.keys.current()
                send_headers[contract.APIKEY_HEADER] = used_key
            try:
                resp = await self._send(method, url, content, send_headers)
            except (httpx.TransportError, RequestTimeout) as exc:
                error = exc if isinstance(exc, RequestTimeout) else from_transport(exc)
                not_sent = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
                if isinstance(exc, httpx.ReadTimeout):
                    timeouts += 1  # a server that accepts but never answers: try once more only
                if isinstance(exc, RequestTimeout):
                    timeouts = 2  # the whole deadline went by: the call ends here
                if (
                    error.transient
                    and (idempotent or not_sent)
                    and timeouts < 2
                    and attempt < self.retry.attempts
                ):
                    await self._sleep(self.retry.delay(attempt))
                    continue
                raise error from None
            if resp.status_code < 300 or resp.status_code == 304:
                return resp
            if resp.status_code < 400:
                raise self._redirect_error(resp)
            api_error = self._error(resp)
            if key and fixed_key is None and resp.status_code == 401 and replays < 2:
                assert self.keys is not None and used_key is not None
                replays += 1
                attempt -= 1
                await self.keys.after_rejection(used_key)
                continue
            safe = idempotent or resp.status_code in (429, 503)
            if (
                api_error.transient
                and safe
                and attempt < self.retry.attempts
                and not self.retry.too_long(api_error.retry_after)
            ):
                await self._sleep(self.retry.delay(attempt, api_error.retry_after))
                continue
            raise api_error

    async def _send(
        self, method: str, url: httpx.URL, content: bytes | None, headers: dict[str, str]
    ) -> Answer:
        """One request, its answer read whole but bounded in size and in total time."""
        request = self._http.build_request(method, url, content=content, headers=headers)
        try:
            async with asyncio.timeout(self.deadline):
                resp = await self._http.send(request, stream=True)
                try:
                    if resp.status_code >= 400:
                        body = await read_capped(
                            resp, limits.ERROR_ANSWER_LIMIT, "error", truncate=True
                        )
                    else:
                        body = await read_capped(
                            resp, self.answer_limit, f"{method} {redact_url(str(url))}"
                        )
                finally:
                    await resp.aclose()
        except TimeoutError:
            raise RequestTimeout(
                f"the server did not finish its answer within {self.deadline:g} s"
            ) from None
        return Answer(resp.status_code, resp.headers, body, request, resp.reason_phrase)

    def _redirect_error(self, resp: Answer) -> UnexpectedResponse:
        target = resp.headers.get("location", "")
        where = f" to {redact_url(str(resp.request.url.join(target)))}" if target else ""
        return UnexpectedResponse(
            f"the server answered {resp.request.method} {redact_url(str(resp.request.url))} "
            f"with a redirect (HTTP {resp.status_code}){where}; API calls are not redirected",
            status=resp.status_code,
            hint="The server address seems to be out of date or incomplete (for example "
            "http:// instead of https://, or a missing path). Check it in the "
            "connection settings.",
        )

    @staticmethod
    def _error(resp: Answer) -> ApiError:
        retry_after = parse_retry_after(resp.headers.get(contract.RETRY_AFTER_HEADER))
        code = message = None
        try:
            data = orjson.loads(resp.content)
            if isinstance(data, dict):
                code = data.get("code") if isinstance(data.get("code"), str) else None
                message = data.get("message") if isinstance(data.get("message"), str) else None
        except orjson.JSONDecodeError:
            pass
        if code is None and resp.status_code < 500 and resp.status_code not in (401, 429):
            message = (
                message or f"the server answered HTTP {resp.status_code} without an error code"
            )
        return error_for(resp.status_code, code, message or resp.reason_phrase, retry_after)

    @staticmethod
    def _json(resp: Answer) -> Any:
        what = f"{resp.request.method} {redact_url(str(resp.request.url))}"
        try:
            return orjson.loads(resp.content)
        except orjson.JSONDecodeError:
            kind = resp.headers.get("content-type", "unknown content")
            if "json" in kind.lower():
                raise UnexpectedResponse(
                    f"expected JSON from {what}: {json_problem(resp.content)}",
                    status=resp.status_code,
                ) from None
            raise UnexpectedResponse(
                f"expected JSON from {what}, got {kind}", status=resp.status_code
            ) from None

    @staticmethod
    async def _log_response(resp: httpx.Response) -> None:
        log.debug(
            "%s %s -> %s", resp.request.method, redact_url(str(resp.request.url)), resp.status_code
        )


def _parse_result(raw: bytes) -> ResultFile:
    return ResultFile.from_json(decode_json(raw, "the result file"))
