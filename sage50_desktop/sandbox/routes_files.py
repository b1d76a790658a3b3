"""Contract sections 4–6, the *key* operations: scope files, upload announcements, tracking."""

from __future__ import annotations

import re
import secrets

from aiohttp import web

from sage50_desktop.api import contract
from sage50_desktop.api.contract import ErrorCode, UploadStatus
from sage50_desktop.sandbox import presign
from sage50_desktop.sandbox.catalog import ScopeVersion
from sage50_desktop.sandbox.processing import Upload
from sage50_desktop.sandbox.runtime import RUNTIME, SandboxRuntime
from sage50_desktop.sandbox.state import Consent
from sage50_desktop.sandbox.wire import fail, iso, json_response, read_json_object, req_str, route

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def file_ident(version: ScopeVersion) -> str:
    """The id a download URL is signed for (``domain~scope~version``)."""
    return f"{version.domain}~{version.scope}~{version.version}"


def authenticate(request: web.Request) -> tuple[SandboxRuntime, Consent]:
    rt = request.app[RUNTIME]
    _key, consent = rt.state.authenticate(request.headers.get(contract.APIKEY_HEADER))
    return rt, consent


def _granted(request: web.Request) -> tuple[SandboxRuntime, Consent, str]:
    rt, consent = authenticate(request)
    domain = request.match_info["domain"]
    if consent.domain != domain:
        fail(ErrorCode.DOMAIN_NOT_GRANTED, "The consent does not cover this domain.")
    return rt, consent, domain


def _summary(version: ScopeVersion) -> dict[str, object]:
    return {
        "scope": version.scope,
        "version": version.version,
        "lastModified": iso(version.last_modified),
        "size": version.size,
        "sha256": version.sha256,
    }


async def list_scope_files(request: web.Request) -> web.Response:
    """4.1 ``GET /api/files/{domain}``."""
    rt, _consent, domain = _granted(request)
    return json_response(
        {"domain": domain, "scopes": [_summary(v) for v in rt.catalog.of_domain(domain)]}
    )


def _matches(if_none_match: str | None, version: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(contract.version_from_etag(tag) == version for tag in if_none_match.split(","))


async def get_scope_file(request: web.Request) -> web.Response:
    """4.2 ``GET /api/files/{domain}/{scope}`` (ETag / If-None-Match → 304)."""
    rt, _consent, domain = _granted(request)
    version = rt.catalog.get(domain, request.match_info["scope"])
    if version is None:
        fail(ErrorCode.SCOPE_NOT_FOUND, "No file for this scope yet.")
    etag = {"ETag": contract.etag_for_version(version.version)}
    if _matches(request.headers.get("If-None-Match"), version.version):
        return web.Response(status=304, headers=etag)
    url, expires = rt.presign(presign.FILES, file_ident(version))
    body = {
        "domain": domain,
        **_summary(version),
        "fileName": version.file_name,
        "downloadUrl": url,
        "downloadUrlExpiration": iso(expires),
    }
    return json_response(body, headers=etag)


def _upload_request(body: dict[str, object]) -> tuple[str, int, str]:
    name = req_str(body, "fileName")
    size = body.get("size")
    if size is None:
        fail(ErrorCode.INVALID_REQUEST, "Missing field: size.")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        fail(ErrorCode.INVALID_REQUEST, "Malformed field: size.")
    sha = req_str(body, "sha256")
    if not _SHA256.match(sha):
        fail(ErrorCode.INVALID_REQUEST, "Malformed field: sha256 (64 lowercase hex digits).")
    return name, size, sha


async def create_upload(request: web.Request) -> web.Response:
    """5.1 ``POST /api/files/{domain}/{scope} {"fileName", "size", "sha256"}``."""
    rt, consent, domain = _granted(request)
    scope = request.match_info["scope"]
    known = contract.DOWNLOAD_SCOPES.get(domain, ()) + contract.UPLOAD_SCOPES.get(domain, ())
    if scope not in known:
        fail(ErrorCode.SCOPE_NOT_FOUND, "Unknown scope.")
    if not contract.scope_is_uploadable(domain, scope):
        fail(ErrorCode.SCOPE_NOT_UPLOADABLE, "This scope cannot be uploaded.")
    name, size, sha = _upload_request(await read_json_object(request))
    if size > contract.UPLOAD_SIZE_LIMIT:
        fail(
            ErrorCode.FILE_TOO_LARGE,
            f"The file exceeds {contract.UPLOAD_SIZE_LIMIT // (1024 * 1024)} MiB.",
        )
    upload_id = "u_" + secrets.token_hex(8)
    lifetime = rt.faults.url_lifetime
    if lifetime is None:
        lifetime = rt.knobs.upload_url_lifetime
    url, expires = rt.presign(presign.UPLOADS, upload_id, lifetime)
    rt.pipeline.add(
        Upload(upload_id, domain, scope, consent.application_id, name, size, sha, expires)
    )
    return json_response(
        {
            "uploadId": upload_id,
            "uploadUrl": url,
            "uploadUrlExpiration": iso(expires),
            "trackingUrl": rt.base_url + contract.tracking_path(upload_id),
        },
        201,
    )


def tracking_body(rt: SandboxRuntime, upload: Upload) -> dict[str, object]:
    status = rt.faults.tracking_status or upload.status
    body: dict[str, object] = {
        "uploadId": upload.id,
        "domain": upload.domain,
        "scope": upload.scope,
        "status": status,
        "progress": upload.progress,
        "updatedAt": iso(upload.updated),
    }
    if upload.message:
        body["message"] = upload.message
    if status in UploadStatus.WITH_RESULT and upload.result_path is not None:
        body["downloadResultUrl"], _ = rt.presign(presign.RESULTS, upload.id)
    return body


async def get_tracking(request: web.Request) -> web.Response:
    """6.1 ``GET /api/tracking/{uploadId}``."""
    rt, consent = authenticate(request)
    upload = rt.pipeline.uploads.get(request.match_info["upload_id"])
    if upload is None or upload.application_id != consent.application_id:
        fail(ErrorCode.UPLOAD_NOT_FOUND, "Unknown upload.")
    return json_response(tracking_body(rt, upload))


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_get(route(contract.domain_files_path, "domain"), list_scope_files, name="listFiles")
    scope_path = route(contract.scope_file_path, "domain", "scope")
    r.add_get(scope_path, get_scope_file, name="getFile")
    r.add_post(scope_path, create_upload, name="createUpload")
    r.add_get(route(contract.tracking_path, "upload_id"), get_tracking, name="tracking")
