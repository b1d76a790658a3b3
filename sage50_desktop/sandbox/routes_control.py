"""Control endpoints under ``/sandbox/``: the Sage 50 installation's part, and test knobs.

Not part of the platform. JSON in, JSON out; the buttons of the control page
post HTML forms to the same endpoints and are redirected back to the page.
Shapes are documented in ``docs/sandbox.md``.
"""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

from sage50_desktop.api.contract import PasscodeState
from sage50_desktop.sandbox.catalog import Churn
from sage50_desktop.sandbox.faults import Faults
from sage50_desktop.sandbox.runtime import RUNTIME, SandboxRuntime
from sage50_desktop.sandbox.wire import iso, json_response, now

BASE = "/sandbox"


def _bad(message: str) -> web.Response:
    return json_response({"code": "invalidRequest", "message": message}, 400)


def _is_form(request: web.Request) -> bool:
    return request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")


async def _body(request: web.Request) -> dict[str, Any]:
    if _is_form(request):
        return {k: v for k, v in (await request.post()).items() if isinstance(v, str) and v}
    raw = await request.read()
    if not raw.strip():
        return {}
    data = orjson.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


def _done(request: web.Request, body: dict[str, Any], status: int = 200) -> web.Response:
    if _is_form(request):
        raise web.HTTPSeeOther(BASE + "/")
    return json_response(body, status)


def _rt(request: web.Request) -> SandboxRuntime:
    return request.app[RUNTIME]


# --- info, outbox, passcodes ---------------------------------------------------------
async def info(request: web.Request) -> web.Response:
    rt = _rt(request)
    c = rt.config
    return json_response(
        {
            "baseUrl": rt.base_url,
            "developerId": c.demo_developer_id,
            "applicationId": c.demo_application_id,
            "domain": c.demo_domain,
            "seed": c.seed,
            "keyLifetime": rt.key_lifetime,
            "passcodeLifetime": rt.passcode_lifetime,
            "autoApprove": rt.auto_approve,
            "dataDir": str(rt.data_dir),
        }
    )


async def outbox(request: web.Request) -> web.Response:
    return json_response({"messages": [m.to_json() for m in _rt(request).state.outbox]})


def passcode_json(rt: SandboxRuntime, code: str) -> dict[str, Any]:
    pc = rt.state.passcodes[code]
    status = pc.refresh(now())
    return {
        "passcode": pc.code,
        "developerId": pc.developer_id,
        "applicationId": pc.application_id,
        "domain": pc.domain,
        "status": status,
        "createdAt": iso(pc.created),
        "expiration": iso(pc.expires),
        "keyDelivered": pc.key_delivered,
    }


async def passcodes(request: web.Request) -> web.Response:
    rt = _rt(request)
    items = [passcode_json(rt, code) for code in rt.state.passcodes]
    status = request.query.get("status")
    if status:
        items = [p for p in items if p["status"] == status]
    return json_response({"passcodes": items})


async def decide_passcode(request: web.Request) -> web.Response:
    rt = _rt(request)
    code = request.match_info["passcode"]
    pc = rt.state.passcodes.get(code)
    if pc is None:
        return json_response({"code": "passcodeNotFound", "message": "Unknown passcode."}, 404)
    try:
        if request.match_info["decision"] == "grant":
            rt.grant(pc)
        else:
            rt.state.deny(pc)
            rt.persist()
    except ValueError as exc:
        return json_response({"code": "conflict", "message": str(exc)}, 409)
    return _done(request, passcode_json(rt, code))


async def auto_approve(request: web.Request) -> web.Response:
    rt = _rt(request)
    if request.method == "POST":
        body = await _body(request)
        delay = body.get("delay")
        if body.get("enabled") is False:
            delay = None
        elif delay is None and body.get("enabled"):
            delay = 0.0
        rt.auto_approve = None if delay is None else float(delay)
        if rt.auto_approve is not None:  # also grant what is already waiting
            for pc in list(rt.state.passcodes.values()):
                if pc.refresh(now()) == PasscodeState.PENDING:
                    rt.passcode_created(pc)
    return _done(request, {"enabled": rt.auto_approve is not None, "delay": rt.auto_approve})


async def platform(request: web.Request) -> web.Response:
    """``GET/POST /sandbox/platform {"polling"?, "rotationExpiration"?}``: platform behaviour."""
    rt = _rt(request)
    if request.method == "POST":
        rt.platform.update(await _body(request))
    return _done(request, rt.platform.to_json())


async def passcode_lifetime(request: web.Request) -> web.Response:
    rt = _rt(request)
    rt.passcode_lifetime = float((await _body(request))["seconds"])
    return json_response({"seconds": rt.passcode_lifetime})


# --- scopes -----------------------------------------------------------------------------
def _version_json(rt: SandboxRuntime, domain: str, scope: str) -> dict[str, Any] | None:
    v = rt.catalog.get(domain, scope)
    if v is None:
        return None
    return {
        "domain": domain,
        "scope": scope,
        "version": v.version,
        "records": len(v.ids),
        "size": v.size,
        "sha256": v.sha256,
        "lastModified": iso(v.last_modified),
        "fileName": v.file_name,
    }


async def scopes(request: web.Request) -> web.Response:
    rt = _rt(request)
    return json_response(
        {"scopes": [_version_json(rt, d, s) for (d, s) in sorted(rt.catalog.current)]}
    )


def _churn(rt: SandboxRuntime, total: int, body: dict[str, Any]) -> Churn:
    shares = ("changed", "added", "removed")
    counts = tuple(f"{k}Count" for k in shares)
    if not any(k in body for k in shares + counts):
        return rt.default_churn(total)
    churn = Churn.from_shares(total, *(float(body.get(k, 0)) for k in shares))
    for share, count in zip(shares, counts, strict=True):
        if count in body:
            setattr(churn, share, int(body[count]))
    return churn


async def publish(request: web.Request) -> web.Response:
    rt = _rt(request)
    domain, scope = request.match_info["domain"], request.match_info["scope"]
    body = await _body(request)
    current = rt.catalog.get(domain, scope)
    try:
        if request.match_info["what"] == "records":
            version, diff = await rt.publish(domain, scope, count=int(body["count"]))
        else:
            churn = _churn(rt, len(current.ids), body) if current else None
            version, diff = await rt.publish(domain, scope, churn=churn)
    except KeyError as exc:
        return _bad(f"not a download scope or missing field: {exc}")
    out = _version_json(rt, domain, scope) or {}
    out.update(diff)
    out["previousVersion"] = current.version if current else None
    assert version is rt.catalog.get(domain, scope)
    return _done(request, out)


async def publish_raw(request: web.Request) -> web.Response:
    """Publish the request body, byte for byte, as the scope's new file (bad-input tests)."""
    rt = _rt(request)
    domain, scope = request.match_info["domain"], request.match_info["scope"]
    current = rt.catalog.get(domain, scope)
    data = await request.read()
    try:
        await rt.catalog.publish_raw(domain, scope, data)
    except KeyError as exc:
        return _bad(f"not a download scope: {exc}")
    out = _version_json(rt, domain, scope) or {}
    out["previousVersion"] = current.version if current else None
    return json_response(out)


async def withdraw(request: web.Request) -> web.Response:
    rt = _rt(request)
    gone = rt.catalog.withdraw(request.match_info["domain"], request.match_info["scope"])
    rt.persist()
    return json_response({"withdrawn": gone})


# --- keys and consents -------------------------------------------------------------------
async def keys(request: web.Request) -> web.Response:
    rt = _rt(request)
    out = []
    for k in rt.state.keys.values():
        consent = rt.state.consents[k.consent_id]
        out.append(
            {
                "apikey": k.key,
                "applicationId": consent.application_id,
                "developerId": consent.developer_id,
                "domain": consent.domain,
                "issuedAt": iso(k.issued),
                "expiration": iso(k.expires),
                "rotated": k.rotated,
                "consentRevoked": consent.revoked,
                "expired": now() >= k.expires,
            }
        )
    return json_response({"keys": out, "lifetime": rt.key_lifetime})


async def expire_keys(request: web.Request) -> web.Response:
    rt = _rt(request)
    body = await _body(request)
    selected = rt.state.select_keys(body.get("apikey"), body.get("applicationId"))
    at = now()
    for k in selected:
        k.expires = min(k.expires, at)
    rt.persist()
    return _done(request, {"expired": len(selected)})


async def revoke_consents(request: web.Request) -> web.Response:
    rt = _rt(request)
    body = await _body(request)
    selected = rt.state.select_keys(body.get("apikey"), body.get("applicationId"))
    consent_ids = {k.consent_id for k in selected}
    if not body.get("apikey") and not body.get("applicationId"):
        consent_ids = {c.id for c in rt.state.consents.values() if not c.revoked}
    for cid in consent_ids:
        rt.state.consents[cid].revoked = True
    rt.persist()
    return _done(request, {"revoked": len(consent_ids)})


async def key_lifetime(request: web.Request) -> web.Response:
    rt = _rt(request)
    rt.key_lifetime = float((await _body(request))["seconds"])
    return json_response({"seconds": rt.key_lifetime})


# --- faults, processing, uploads, counters, webhooks, reset -----------------------------
async def faults(request: web.Request) -> web.Response:
    rt = _rt(request)
    if request.method == "DELETE":
        rt.faults = Faults()
    elif request.method == "POST":
        rt.faults.update(await _body(request))
    return json_response(rt.faults.to_json())


async def processing(request: web.Request) -> web.Response:
    rt = _rt(request)
    if request.method == "POST":
        rt.knobs.update(await _body(request))
    return json_response(rt.knobs.to_json())


async def uploads(request: web.Request) -> web.Response:
    return json_response({"uploads": [u.to_json() for u in _rt(request).pipeline.uploads.values()]})


async def counters(request: web.Request) -> web.Response:
    rt = _rt(request)
    if request.method == "DELETE":
        rt.counters.clear()
    return json_response({"counters": dict(rt.counters)})


async def webhooks(request: web.Request) -> web.Response:
    return json_response({"deliveries": [d.to_json() for d in _rt(request).webhooks.log]})


async def reset(request: web.Request) -> web.Response:
    """Faults, counters, uploads, webhook log and processing knobs back to their start."""
    rt = _rt(request)
    rt.faults = Faults()
    rt.counters.clear()
    rt.pipeline.clear()
    rt.webhooks.log.clear()
    c = rt.config
    rt.knobs.step_delay, rt.knobs.result_delay = c.step_delay, c.result_delay
    rt.knobs.outcome, rt.knobs.upload_url_lifetime = None, c.upload_url_lifetime
    rt.persist()
    return _done(request, {"reset": True})


@web.middleware
async def control_errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """Bad control input answers 400 instead of a 500."""
    try:
        return await handler(request)
    except (ValueError, KeyError, TypeError) as exc:
        if not request.path.startswith(BASE):
            raise
        return _bad(f"bad control request: {exc}")


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_get(f"{BASE}/info", info)
    r.add_get(f"{BASE}/outbox", outbox)
    r.add_get(f"{BASE}/passcodes", passcodes)
    r.add_post(f"{BASE}/passcodes/lifetime", passcode_lifetime)
    r.add_post(BASE + "/passcodes/{passcode}/{decision:grant|deny}", decide_passcode)
    r.add_route("*", f"{BASE}/auto-approve", auto_approve)
    r.add_route("*", f"{BASE}/platform", platform)
    r.add_get(f"{BASE}/scopes", scopes)
    r.add_post(BASE + "/scopes/{domain}/{scope}/{what:publish|records}", publish)
    r.add_post(BASE + "/scopes/{domain}/{scope}/raw", publish_raw)
    r.add_delete(BASE + "/scopes/{domain}/{scope}", withdraw)
    r.add_get(f"{BASE}/keys", keys)
    r.add_post(f"{BASE}/keys/expire", expire_keys)
    r.add_post(f"{BASE}/keys/lifetime", key_lifetime)
    r.add_post(f"{BASE}/consents/revoke", revoke_consents)
    r.add_route("*", f"{BASE}/faults", faults)
    r.add_route("*", f"{BASE}/processing", processing)
    r.add_get(f"{BASE}/uploads", uploads)
    r.add_route("*", f"{BASE}/counters", counters)
    r.add_get(f"{BASE}/webhooks", webhooks)
    r.add_post(f"{BASE}/reset", reset)
