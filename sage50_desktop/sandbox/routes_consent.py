"""Contract v2 sections 1–3: registration, passcodes and API key rotation (no key)."""

from __future__ import annotations

import asyncio
import secrets

from aiohttp import web

from sage50_desktop.api import contract
from sage50_desktop.api.contract import ErrorCode, PasscodeState
from sage50_desktop.sandbox.runtime import RUNTIME
from sage50_desktop.sandbox.state import Registration
from sage50_desktop.sandbox.wire import (
    fail,
    iso,
    json_response,
    now,
    opt_str,
    opt_url,
    read_json_object,
    req_str,
    route,
)

REGISTER_PAGE = "/register/{token}"


def _application_fields(body: object, where: str = "") -> dict[str, str | None]:
    if not isinstance(body, dict):
        fail(ErrorCode.INVALID_REQUEST, f"Malformed field: {where.rstrip('.') or 'body'}.")
    return {
        "name": req_str(body, "name", where=where),
        "domain": req_str(body, "domain", where=where),
        "approvalUrl": opt_url(body, "approvalUrl", where=where),
        "notificationUrl": opt_url(body, "notificationUrl", where=where),
    }


async def register_developer(request: web.Request) -> web.Response:
    """1.1 ``POST /api/developers`` → ``201 {"registrationUrl"}``."""
    rt = request.app[RUNTIME]
    body = await read_json_object(request)
    developer = {
        "name": req_str(body, "name"),
        "email": req_str(body, "email"),
        "company": opt_str(body, "company"),
    }
    if "@" not in developer["email"]:
        fail(ErrorCode.INVALID_REQUEST, "Malformed field: email.")
    if "application" not in body:
        fail(ErrorCode.INVALID_REQUEST, "Missing field: application.")
    application = _application_fields(body["application"], "application.")
    token = secrets.token_urlsafe(12)
    rt.state.registrations[token] = Registration(
        token, developer, application, secrets.randbelow(9) + 1, secrets.randbelow(9) + 1, now()
    )
    url = rt.base_url + REGISTER_PAGE.format(token=token)
    return json_response({"registrationUrl": url}, 201)


async def register_application(request: web.Request) -> web.Response:
    """1.2 ``POST /api/developers/{developerId}/applications`` → ``201 {"applicationId"}``."""
    rt = request.app[RUNTIME]
    dev = rt.state.developer(request.match_info["developer_id"])
    fields = _application_fields(await read_json_object(request))
    app = rt.state.add_application(
        dev.id,
        fields["name"] or "",
        fields["domain"] or "",
        fields["approvalUrl"],
        fields["notificationUrl"],
    )
    rt.persist()
    return json_response({"applicationId": app.id}, 201)


async def create_passcode(request: web.Request) -> web.Response:
    """2.1 ``POST …/passcodes {"secret"}`` → ``201 {"passcode", "expiration"}``."""
    rt = request.app[RUNTIME]
    app = rt.state.application(
        request.match_info["developer_id"], request.match_info["application_id"]
    )
    secret = req_str(await read_json_object(request), "secret")
    if len(secret) < contract.MIN_SECRET_LENGTH:
        fail(
            ErrorCode.WEAK_SECRET,
            f"The secret must have at least {contract.MIN_SECRET_LENGTH} characters.",
        )
    pc = rt.state.new_passcode(app, secret, rt.passcode_lifetime)
    rt.passcode_created(pc)
    return json_response({"passcode": pc.code, "expiration": iso(pc.expires)}, 201)


async def poll_passcode(request: web.Request) -> web.Response:
    """2.2 ``GET …/passcodes/{passcode}`` with header ``secret``.

    With polling turned off (control page) it answers like a platform without
    2.2: ``404`` with no contract error body.
    """
    rt = request.app[RUNTIME]
    if not rt.platform.polling:
        return web.Response(status=404, text="404: Not Found", content_type="text/plain")
    app = rt.state.application(
        request.match_info["developer_id"], request.match_info["application_id"]
    )
    pc = rt.state.passcode(request.match_info["passcode"])
    if pc.application_id != app.id:
        fail(ErrorCode.PASSCODE_NOT_FOUND, "Unknown passcode.")
    secret = request.headers.get(contract.SECRET_HEADER)
    if not secret:
        fail(ErrorCode.INVALID_REQUEST, f"Missing header: {contract.SECRET_HEADER}.")
    if not secrets.compare_digest(secret.encode(), pc.secret.encode()):
        fail(ErrorCode.SECRET_MISMATCH, "Wrong secret.")
    body: dict[str, str] = {"status": pc.status, "domain": pc.domain}
    if pc.status == PasscodeState.APPROVED and not pc.key_delivered and pc.apikey:
        key = rt.state.keys[pc.apikey]
        body["apikey"], body["apikeyExpiration"] = key.key, iso(key.expires)
        pc.key_delivered = True
        rt.persist()
    return json_response(body)


async def rotate_apikey(request: web.Request) -> web.Response:
    """3.1 ``PATCH …/apikeys {"initialApikey", "apikey"}`` → ``200 {"apikey", "expiration"?}``."""
    rt = request.app[RUNTIME]
    app = rt.state.application(
        request.match_info["developer_id"], request.match_info["application_id"]
    )
    body = await read_json_object(request)
    initial = req_str(body, contract.ROTATION_INITIAL_FIELD)
    apikey = req_str(body, contract.ROTATION_CURRENT_FIELD)
    if rt.faults.rotation_delay:
        await asyncio.sleep(rt.faults.rotation_delay)
    key = rt.state.rotate(app, initial, apikey, rt.key_lifetime)
    rt.persist()
    answer = {contract.ROTATION_NEW_KEY_FIELD: key.key}
    if rt.platform.rotation_expiration:
        answer[contract.ROTATION_EXPIRATION_FIELD] = iso(key.expires)
    return json_response(answer, contract.ROTATION_SUCCESS)


def add_routes(app: web.Application) -> None:
    d, a = "developer_id", "application_id"
    r = app.router
    r.add_post(route(contract.developers_path), register_developer, name="registerDeveloper")
    r.add_post(
        route(contract.applications_path, d), register_application, name="registerApplication"
    )
    r.add_post(route(contract.passcodes_path, d, a), create_passcode, name="createPasscode")
    r.add_get(route(contract.passcode_path, d, a, "passcode"), poll_passcode, name="pollPasscode")
    # only PATCH: v1's POST answers 405 methodNotAllowed
    r.add_route(
        contract.ROTATION_METHOD,
        route(contract.apikeys_path, d, a),
        rotate_apikey,
        name="rotateApikey",
    )
