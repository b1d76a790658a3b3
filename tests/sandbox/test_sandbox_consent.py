"""Contract sections 1–3 over real sockets: registration, passcodes, keys, rotation."""

from __future__ import annotations

import hashlib
import hmac
import secrets

import httpx
import orjson
from sandbox_support import wait_for

from sage50_desktop.api import contract
from sage50_desktop.api.contract import ErrorCode
from sage50_desktop.sandbox.testing import SandboxThread


def code_of(resp: httpx.Response) -> tuple[int, str]:
    return resp.status_code, resp.json()["code"]


def app_body(**extra: str) -> dict[str, str]:
    return {"name": "Tienda", "domain": contract.ECOMMERCE, **extra}


def test_registration_page_mails_ids(sandbox: SandboxThread, http: httpx.Client) -> None:
    resp = http.post(
        contract.developers_path(),
        json={
            "name": "Ana",
            "email": "ana@example.es",
            "company": "Ana S.L.",
            "application": app_body(),
        },
    )
    assert resp.status_code == 201
    url = resp.json()["registrationUrl"]
    assert url.startswith(sandbox.base_url)
    page = http.get(url)
    assert page.status_code == 200 and "id='question'" in page.text
    wrong = http.post(url, data={"answer": "-1"})
    assert "incorrecta" in wrong.text
    assert sandbox.control is not None
    dev_id, app_id = sandbox.control.complete_registration(url)
    mails = sandbox.control.outbox()
    assert mails[-1]["to"] == "ana@example.es"
    assert dev_id in mails[-1]["body"] and app_id in mails[-1]["body"]
    # the new ids are usable: 1.2 and 2.1
    resp = http.post(contract.applications_path(dev_id), json=app_body(name="Otra"))
    assert resp.status_code == 201 and resp.json()["applicationId"]
    resp = http.post(contract.passcodes_path(dev_id, app_id), json={"secret": "s" * 32})
    assert resp.status_code == 201


def test_registration_errors(http: httpx.Client, sandbox: SandboxThread) -> None:
    assert code_of(http.post(contract.developers_path(), json={"name": "x"})) == (
        400,
        ErrorCode.INVALID_REQUEST,
    )
    assert code_of(http.post(contract.developers_path(), content=b"{nope")) == (
        400,
        ErrorCode.INVALID_REQUEST,
    )
    assert code_of(
        http.post(
            contract.developers_path(),
            json={"name": "x", "email": "x@y.es", "application": {"name": "a"}},
        )
    ) == (400, ErrorCode.INVALID_REQUEST)
    assert code_of(http.post(contract.applications_path("dev-nobody"), json=app_body())) == (
        404,
        ErrorCode.DEVELOPER_NOT_FOUND,
    )
    assert code_of(
        http.post(contract.applications_path(sandbox.developer_id), json={"name": "a"})
    ) == (400, ErrorCode.INVALID_REQUEST)
    assert code_of(
        http.post(
            contract.passcodes_path(sandbox.developer_id, "app-nobody"), json={"secret": "s" * 40}
        )
    ) == (404, ErrorCode.APPLICATION_NOT_FOUND)


def test_passcode_flow(sandbox: SandboxThread, http: httpx.Client, secret: str) -> None:
    dev, app = sandbox.developer_id, sandbox.application_id
    assert code_of(http.post(contract.passcodes_path(dev, app), json={"secret": "short"})) == (
        400,
        ErrorCode.WEAK_SECRET,
    )
    assert code_of(http.post(contract.passcodes_path(dev, app), json={})) == (
        400,
        ErrorCode.INVALID_REQUEST,
    )
    created = http.post(contract.passcodes_path(dev, app), json={"secret": secret})
    assert created.status_code == 201
    passcode = created.json()["passcode"]
    assert created.json()["expiration"].endswith("Z")
    path = contract.passcode_path(dev, app, passcode)
    poll = http.get(path, headers={contract.SECRET_HEADER: secret}).json()
    assert poll == {"status": "pending", "domain": contract.ECOMMERCE}
    assert code_of(http.get(path, headers={contract.SECRET_HEADER: "x" * 40})) == (
        403,
        ErrorCode.SECRET_MISMATCH,
    )
    assert code_of(
        http.get(
            contract.passcode_path(dev, app, "NOPE-NOPE"), headers={contract.SECRET_HEADER: secret}
        )
    ) == (404, ErrorCode.PASSCODE_NOT_FOUND)
    assert code_of(
        http.get(
            contract.passcode_path("dev-x", app, passcode), headers={contract.SECRET_HEADER: secret}
        )
    ) == (404, ErrorCode.DEVELOPER_NOT_FOUND)
    assert sandbox.control is not None
    assert [p["passcode"] for p in sandbox.control.passcodes("pending")] == [passcode]
    sandbox.control.grant(passcode)
    first = http.get(path, headers={contract.SECRET_HEADER: secret}).json()
    assert first["status"] == "approved" and first["apikey"] and first["apikeyExpiration"]
    second = http.get(path, headers={contract.SECRET_HEADER: secret}).json()
    assert second == {"status": "approved", "domain": contract.ECOMMERCE}


def test_passcode_denied_and_expired(make_sandbox, secret: str) -> None:
    sb = make_sandbox(passcode_lifetime=0.3)
    dev, app = sb.developer_id, sb.application_id
    with httpx.Client(base_url=sb.base_url) as http:
        denied = http.post(contract.passcodes_path(dev, app), json={"secret": secret}).json()
        sb.control.deny(denied["passcode"])
        path = contract.passcode_path(dev, app, denied["passcode"])
        assert http.get(path, headers={"secret": secret}).json()["status"] == "denied"
        late = http.post(contract.passcodes_path(dev, app), json={"secret": secret}).json()
        path = contract.passcode_path(dev, app, late["passcode"])
        wait_for(
            lambda: http.get(path, headers={"secret": secret}).json()["status"] == "expired",
            timeout=5,
        )


def test_auto_approve(make_sandbox, secret: str) -> None:
    sb = make_sandbox(auto_approve=0.1)
    with httpx.Client(base_url=sb.base_url) as http:
        pc = http.post(
            contract.passcodes_path(sb.developer_id, sb.application_id), json={"secret": secret}
        ).json()["passcode"]
        path = contract.passcode_path(sb.developer_id, sb.application_id, pc)
        body = wait_for(
            lambda: (
                (b := http.get(path, headers={"secret": secret}).json())["status"] == "approved"
                and b
            )
        )
        assert body["apikey"]


def test_approval_webhook_signed_and_retried(
    sandbox: SandboxThread, http: httpx.Client, secret: str, receiver
) -> None:
    app_id = http.post(
        contract.applications_path(sandbox.developer_id), json=app_body(approvalUrl=receiver.url)
    ).json()["applicationId"]
    assert sandbox.control is not None
    key, expiration = sandbox.control.issue_key(sandbox.developer_id, app_id, secret)
    wait_for(lambda: len(receiver.received) >= 2)  # first answered 500, retried
    headers, raw = receiver.received[-1]
    expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers[contract.SIGNATURE_HEADER], expected)
    body = orjson.loads(raw)
    assert body["apikey"] == key and body["apikeyExpiration"] == expiration
    assert body["domain"] == contract.ECOMMERCE and body["passcode"]
    log = wait_for(lambda: [d for d in sandbox.control.webhooks() if d["delivered"]])
    assert [a.get("status") for a in log[0]["attempts"]] == [500, 204]


def test_key_ops_need_a_live_key(sandbox: SandboxThread, http: httpx.Client, apikey: str) -> None:
    files = contract.domain_files_path(contract.ECOMMERCE)
    assert code_of(http.get(files)) == (401, ErrorCode.APIKEY_INVALID)
    assert code_of(http.get(files, headers={"apikey": "sk_unknown"})) == (
        401,
        ErrorCode.APIKEY_INVALID,
    )
    assert http.get(files, headers={"apikey": apikey}).status_code == 200
    assert sandbox.control is not None
    assert sandbox.control.expire_key(apikey) == 1
    assert code_of(http.get(files, headers={"apikey": apikey})) == (401, ErrorCode.APIKEY_EXPIRED)


def test_rotation_semantics(
    sandbox: SandboxThread, http: httpx.Client, apikey: str, secret: str
) -> None:
    """3.1 v2: PATCH {initialApikey, apikey} → 200; POST (v1) → 405; the initial key is checked."""
    assert sandbox.control is not None
    dev, app = sandbox.developer_id, sandbox.application_id
    rotate = contract.apikeys_path(dev, app)
    files = contract.domain_files_path(contract.ECOMMERCE)
    initial = apikey  # the key consent delivered

    def patch(body: dict[str, str]) -> httpx.Response:
        return http.patch(rotate, json=body)

    # v1's POST {apikey, secret} is gone
    assert http.post(rotate, json={"apikey": apikey, "secret": secret}).status_code == 405
    sandbox.control.expire_key(apikey)  # an expired key still rotates
    new = patch({"initialApikey": initial, "apikey": apikey})
    assert new.status_code == 200
    new_key = new.json()["apikey"]
    assert new.json()["expiration"].endswith("Z")
    assert code_of(http.get(files, headers={"apikey": apikey})) == (401, ErrorCode.APIKEY_INVALID)
    assert http.get(files, headers={"apikey": new_key}).status_code == 200
    # the next rotation names the same initial key and the new current one
    newer = patch({"initialApikey": initial, "apikey": new_key})
    assert newer.status_code == 200
    newer_key = newer.json()["apikey"]
    assert code_of(patch({"initialApikey": initial, "apikey": new_key})) == (
        409,
        ErrorCode.APIKEY_ROTATED,
    )
    # a wrong initial key, or keys of two different consents: consent needed
    assert code_of(patch({"initialApikey": "sk_wrong", "apikey": newer_key})) == (
        403,
        ErrorCode.CONSENT_REVOKED,
    )
    other_key, _ = sandbox.control.issue_key(dev, app, secrets.token_hex(20))
    assert code_of(patch({"initialApikey": other_key, "apikey": newer_key})) == (
        403,
        ErrorCode.CONSENT_REVOKED,
    )
    assert code_of(patch({"initialApikey": initial, "apikey": "sk_never"})) == (
        403,
        ErrorCode.CONSENT_REVOKED,
    )
    assert code_of(patch({"apikey": newer_key})) == (400, ErrorCode.INVALID_REQUEST)
    assert code_of(patch({"initialApikey": initial})) == (400, ErrorCode.INVALID_REQUEST)
    other_app = http.post(contract.applications_path(dev), json=app_body()).json()
    assert code_of(
        http.patch(
            contract.apikeys_path(dev, other_app["applicationId"]),
            json={"initialApikey": initial, "apikey": newer_key},
        )
    ) == (403, ErrorCode.CONSENT_REVOKED)
    # the platform may leave out the expiration (control-page knob)
    sandbox.control.platform(rotationExpiration=False)
    bare = patch({"initialApikey": initial, "apikey": newer_key})
    assert bare.status_code == 200 and set(bare.json()) == {"apikey"}
    sandbox.control.platform(rotationExpiration=True)
    last_key = bare.json()["apikey"]
    assert sandbox.control.revoke_consent(last_key) == 1
    assert code_of(http.get(files, headers={"apikey": last_key})) == (401, ErrorCode.APIKEY_INVALID)
    assert code_of(patch({"initialApikey": initial, "apikey": last_key})) == (
        403,
        ErrorCode.CONSENT_REVOKED,
    )


def test_polling_can_be_turned_off_like_a_platform_without_it(
    sandbox: SandboxThread, http: httpx.Client
) -> None:
    assert sandbox.control is not None
    dev, app = sandbox.developer_id, sandbox.application_id
    secret = secrets.token_hex(20)
    code = http.post(contract.passcodes_path(dev, app), json={"secret": secret}).json()["passcode"]
    sandbox.control.platform(polling=False)
    try:
        answer = http.get(
            contract.passcode_path(dev, app, code), headers={contract.SECRET_HEADER: secret}
        )
        assert answer.status_code == 404
        assert "passcodeNotFound" not in answer.text
    finally:
        assert sandbox.control.platform(polling=True)["polling"] is True
    assert (
        http.get(
            contract.passcode_path(dev, app, code), headers={contract.SECRET_HEADER: secret}
        ).json()["status"]
        == "pending"
    )


def test_key_lifetime_knob(sandbox: SandboxThread, http: httpx.Client) -> None:
    assert sandbox.control is not None
    sandbox.control.set_key_lifetime(0.3)
    key, _ = sandbox.control.issue_key(
        sandbox.developer_id, sandbox.application_id, secrets.token_hex(20)
    )
    files = contract.domain_files_path(contract.ECOMMERCE)
    assert http.get(files, headers={"apikey": key}).status_code == 200
    wait_for(lambda: http.get(files, headers={"apikey": key}).status_code == 401, timeout=5)
    assert http.get(files, headers={"apikey": key}).json()["code"] == ErrorCode.APIKEY_EXPIRED
