"""Contract section 4 over real sockets: listing, ETag/304, pre-signed downloads, versions."""

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

ECOM = contract.ECOMMERCE


def test_list_and_get_with_etag(sandbox: SandboxThread, http: httpx.Client, apikey: str) -> None:
    h = {"apikey": apikey}
    listing = http.get(contract.domain_files_path(ECOM), headers=h).json()
    assert listing["domain"] == ECOM
    assert {s["scope"] for s in listing["scopes"]} == {"customers", "products"}
    info = http.get(contract.scope_file_path(ECOM, "products"), headers=h)
    assert info.status_code == 200
    body = info.json()
    assert info.headers["ETag"] == contract.etag_for_version(body["version"])
    assert set(body) == {
        "domain",
        "scope",
        "version",
        "lastModified",
        "size",
        "sha256",
        "fileName",
        "downloadUrl",
        "downloadUrlExpiration",
    }
    assert "apikey" not in body["downloadUrl"] and "token=" in body["downloadUrl"]
    again = http.get(
        contract.scope_file_path(ECOM, "products"),
        headers={**h, "If-None-Match": info.headers["ETag"]},
    )
    assert again.status_code == 304 and again.headers["ETag"] == info.headers["ETag"]
    raw = httpx.get(body["downloadUrl"]).content  # no key
    assert len(raw) == body["size"] and hashlib.sha256(raw).hexdigest() == body["sha256"]
    assert len(orjson.loads(raw)) == 120


def test_range_requests(http: httpx.Client, apikey: str) -> None:
    body = http.get(contract.scope_file_path(ECOM, "customers"), headers={"apikey": apikey}).json()
    full = httpx.get(body["downloadUrl"]).content
    part = httpx.get(body["downloadUrl"], headers={"Range": "bytes=100-"})
    assert part.status_code == 206 and part.content == full[100:]
    assert part.headers["Content-Range"] == f"bytes 100-{len(full) - 1}/{len(full)}"
    past = httpx.get(body["downloadUrl"], headers={"Range": f"bytes={len(full) + 5}-"})
    assert past.status_code == 416


def test_scope_and_domain_errors(
    sandbox: SandboxThread, http: httpx.Client, apikey: str, secret: str
) -> None:
    h = {"apikey": apikey}
    resp = http.get(contract.scope_file_path(ECOM, "orders"), headers=h)
    assert (resp.status_code, resp.json()["code"]) == (404, ErrorCode.SCOPE_NOT_FOUND)
    assert sandbox.control is not None
    assert sandbox.control.withdraw("customers")["withdrawn"] is True
    resp = http.get(contract.scope_file_path(ECOM, "customers"), headers=h)
    assert (resp.status_code, resp.json()["code"]) == (404, ErrorCode.SCOPE_NOT_FOUND)
    # an application of another domain: its key does not cover ecommerce
    crm = http.post(
        contract.applications_path(sandbox.developer_id), json={"name": "CRM", "domain": "crm"}
    ).json()["applicationId"]
    crm_key, _ = sandbox.control.issue_key(sandbox.developer_id, crm, secrets.token_hex(20))
    for resp in (
        http.get(contract.domain_files_path(ECOM), headers={"apikey": crm_key}),
        http.get(contract.scope_file_path(ECOM, "products"), headers={"apikey": crm_key}),
        http.post(
            contract.scope_file_path(ECOM, "orders"),
            headers={"apikey": crm_key},
            json={"fileName": "o.json", "size": 2, "sha256": "0" * 64},
        ),
    ):
        assert (resp.status_code, resp.json()["code"]) == (403, ErrorCode.DOMAIN_NOT_GRANTED)
    assert http.get(contract.domain_files_path(ECOM), headers=h).status_code == 200


def test_download_url_expires(sandbox: SandboxThread, http: httpx.Client, apikey: str) -> None:
    assert sandbox.control is not None
    sandbox.control.faults(urlLifetime=0.2)
    body = http.get(contract.scope_file_path(ECOM, "customers"), headers={"apikey": apikey}).json()
    wait_for(lambda: httpx.get(body["downloadUrl"]).status_code == 403, timeout=5)
    assert httpx.get(body["downloadUrl"]).json()["code"] == ErrorCode.URL_EXPIRED
    tampered = body["downloadUrl"].replace("token=", "token=0")
    assert httpx.get(tampered).json()["code"] == ErrorCode.URL_EXPIRED


def _records(url: str) -> dict[str, dict]:
    return {r["id"]: r for r in orjson.loads(httpx.get(url).content)}


def test_publish_diff_matches_files(
    sandbox: SandboxThread, http: httpx.Client, apikey: str, receiver
) -> None:
    assert sandbox.control is not None
    app_id = http.post(
        contract.applications_path(sandbox.developer_id),
        json={"name": "Watcher", "domain": ECOM, "notificationUrl": receiver.url},
    ).json()
    notify_secret = secrets.token_hex(20)
    sandbox.control.issue_key(sandbox.developer_id, app_id["applicationId"], notify_secret)
    path = contract.scope_file_path(ECOM, "products")
    before = http.get(path, headers={"apikey": apikey}).json()
    old = _records(before["downloadUrl"])
    result = sandbox.control.publish("products", changed=0.1, added=0.05, removed=0.05)
    assert (result["changed"], result["added"], result["removed"]) == (12, 6, 6)
    assert result["previousVersion"] == before["version"] != result["version"]
    after = http.get(path, headers={"apikey": apikey}).json()
    assert after["version"] == result["version"]
    assert (
        http.get(
            path, headers={"apikey": apikey, "If-None-Match": f'"{before["version"]}"'}
        ).status_code
        == 200
    )
    new = _records(after["downloadUrl"])
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(k for k in set(old) & set(new) if old[k] != new[k])
    assert (len(changed), len(added), len(removed)) == (12, 6, 6)
    assert (result["changedIds"], result["addedIds"], result["removedIds"]) == (
        changed,
        added,
        removed,
    )
    # the notification webhook, signed with the application's consent secret
    wait_for(lambda: len(receiver.received) >= 2)  # the first delivery answered 500
    headers, raw = receiver.received[-1]
    sig = "sha256=" + hmac.new(notify_secret.encode(), raw, hashlib.sha256).hexdigest()
    assert headers[contract.SIGNATURE_HEADER] == sig
    assert orjson.loads(raw) == {
        "domain": ECOM,
        "scope": "products",
        "version": result["version"],
        "lastModified": result["lastModified"],
    }


def test_set_records_and_default_churn(sandbox: SandboxThread) -> None:
    assert sandbox.control is not None
    result = sandbox.control.set_records("customers", 60)
    assert result["records"] == 60 and result["added"] == 20
    default = sandbox.control.publish("customers")
    assert (default["changed"], default["added"], default["removed"]) == (1, 1, 1)
    assert default["records"] == 60


def test_periodic_publishing(make_sandbox) -> None:
    sb = make_sandbox(publish_every=0.2)
    first = {s["scope"]: s["version"] for s in sb.control.scopes()}
    wait_for(
        lambda: (
            {s["scope"]: s["version"] for s in sb.control.scopes()}["products"] != first["products"]
        ),
        timeout=10,
    )
