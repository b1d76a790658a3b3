"""Contract sections 5–6 over real sockets: announcements, pre-signed PUT, tracking, results."""

from __future__ import annotations

import hashlib
import time
from typing import Any

import httpx
import orjson
import pytest
from sandbox_support import wait_for

from sage50_desktop.api import contract
from sage50_desktop.api.contract import ErrorCode, UploadStatus
from sage50_desktop.sandbox import generator
from sage50_desktop.sandbox.testing import SandboxThread

ECOM = contract.ECOMMERCE
ORDERS = contract.scope_file_path(ECOM, "orders")


def order(n: int, customer: int = 1, products: tuple[int, ...] = (1, 2)) -> dict[str, Any]:
    cust = generator.customer(50, customer, 0)
    address = cust["addresses"][0]
    lines = [
        {"productId": f"P{p:07d}", "quantity": 2, "netPrice": 9.95, "tax": 21} for p in products
    ]
    return {
        "id": f"ORD-{n}",
        "orderDate": "2025-01-31T12:00:00Z",
        "deliveryAddress": address,
        "invoiceAddress": address,
        "customer": cust,
        "discount": 0,
        "currencyRate": 1,
        "paymentMethod": "tarjeta",
        "totalShipping": 4.9,
        "lines": lines,
        "totalAmount": 53.06,
        "timestamp": "2025-01-31T12:00:00Z",
    }


def announce(http: httpx.Client, apikey: str, raw: bytes, **override: Any) -> httpx.Response:
    body = {
        "fileName": "orders.json",
        "size": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        **override,
    }
    return http.post(ORDERS, headers={"apikey": apikey}, json=body)


def upload(http: httpx.Client, apikey: str, raw: bytes) -> dict[str, Any]:
    created = announce(http, apikey, raw)
    assert created.status_code == 201, created.text
    body = created.json()
    assert "apikey" not in body["uploadUrl"]
    put = httpx.put(body["uploadUrl"], content=raw, headers={"Content-Type": "application/json"})
    assert put.status_code == 201, put.text
    return body


def track(http: httpx.Client, apikey: str, created: dict[str, Any]) -> dict[str, Any]:
    resp = http.get(created["trackingUrl"], headers={"apikey": apikey})
    assert resp.status_code == 200, resp.text
    return resp.json()


def finish(http: httpx.Client, apikey: str, created: dict[str, Any]) -> tuple[dict, dict]:
    body = wait_for(lambda: (t := track(http, apikey, created)).get("downloadResultUrl") and t)
    return body, orjson.loads(httpx.get(body["downloadResultUrl"]).content)


def test_accepted_walks_every_status_in_order(
    sandbox: SandboxThread, http: httpx.Client, apikey: str
) -> None:
    assert sandbox.control is not None
    sandbox.control.processing(stepDelay=0.4)
    raw = orjson.dumps([order(1), order(2, customer=3, products=(4,))])
    created = announce(http, apikey, raw).json()
    assert created["trackingUrl"] == sandbox.base_url + contract.tracking_path(created["uploadId"])
    first = track(http, apikey, created)
    assert first["status"] == UploadStatus.PENDING and first["progress"] == 0
    assert "downloadResultUrl" not in first
    assert httpx.put(created["uploadUrl"], content=raw).status_code == 201
    seen: list[str] = []
    progress: list[int] = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        t = track(http, apikey, created)
        assert 0 <= t["progress"] <= 100 and t["updatedAt"].endswith("Z")
        if not seen or seen[-1] != t["status"]:
            seen.append(t["status"])
        progress.append(t["progress"])
        if t.get("downloadResultUrl"):
            break
        time.sleep(0.03)
    assert seen == [
        UploadStatus.VALIDATING,
        UploadStatus.AVAILABLE,
        UploadStatus.DOWNLOADED,
        UploadStatus.PROCESSING,
        UploadStatus.ACCEPTED,
    ]
    assert len(set(progress)) > 2
    result = orjson.loads(httpx.get(t["downloadResultUrl"]).content)
    assert result == {
        "uploadId": created["uploadId"],
        "status": "accepted",
        "summary": {"total": 2, "accepted": 2, "rejected": 0},
        "errors": [],
        "results": [{"id": "ORD-1", "status": "accepted"}, {"id": "ORD-2", "status": "accepted"}],
    }
    history = [h["status"] for h in sandbox.control.uploads()[0]["history"]]
    assert history == list(UploadStatus.HAPPY_PATH)


def test_failed_for_unknown_references(http: httpx.Client, apikey: str) -> None:
    raw = orjson.dumps([order(1), order(2, customer=999_999, products=(1, 888_888))])
    tracking, result = finish(http, apikey, upload(http, apikey, raw))
    assert tracking["status"] == UploadStatus.FAILED
    assert result["summary"] == {"total": 2, "accepted": 1, "rejected": 1}
    assert result["results"][1] == {
        "id": "ORD-2",
        "status": "rejected",
        "errors": [
            {"path": "customer.id", "message": "unknown customer"},
            {"path": "lines.1.productId", "message": "unknown product"},
        ],
    }


@pytest.mark.parametrize(
    "raw, file_level", [(b"{not json", True), (b'{"an": "object"}', True), (None, False)]
)
def test_bad_request(http: httpx.Client, apikey: str, raw: bytes | None, file_level: bool) -> None:
    if raw is None:
        broken = order(2)
        del broken["id"]
        broken["lines"][0]["quantity"] = -1
        raw = orjson.dumps([order(1), broken])
    tracking, result = finish(http, apikey, upload(http, apikey, raw))
    assert tracking["status"] == UploadStatus.BAD_REQUEST and result["status"] == "badRequest"
    if file_level:
        assert result["errors"] and result["results"] == []
    else:
        assert result["errors"] == [] and result["results"][0]["status"] == "accepted"
        bad = result["results"][1]
        assert bad["id"] == "#1" and bad["status"] == "rejected"
        assert {e["path"] for e in bad["errors"]} == {"id", "lines.0.quantity"}


def test_expired_when_no_bytes_arrive(
    sandbox: SandboxThread, http: httpx.Client, apikey: str
) -> None:
    assert sandbox.control is not None
    sandbox.control.processing(uploadUrlLifetime=0.3)
    raw = orjson.dumps([order(1)])
    created = announce(http, apikey, raw).json()
    t = wait_for(lambda: (t := track(http, apikey, created))["status"] == "expired" and t)
    assert "downloadResultUrl" not in t and t["message"]
    put = httpx.put(created["uploadUrl"], content=raw)
    assert (put.status_code, put.json()["code"]) == (403, ErrorCode.URL_EXPIRED)
    assert sandbox.control.uploads()[0]["received"] is False


def test_upload_url_single_use_and_checksum(http: httpx.Client, apikey: str) -> None:
    raw = orjson.dumps([order(1)])
    created = announce(http, apikey, raw).json()
    bad = httpx.put(created["uploadUrl"], content=raw + b" ")
    assert (bad.status_code, bad.json()["code"]) == (400, ErrorCode.CHECKSUM_MISMATCH)
    other = httpx.put(created["uploadUrl"], content=raw.replace(b"ORD-1", b"ORD-2"))
    assert (other.status_code, other.json()["code"]) == (400, ErrorCode.CHECKSUM_MISMATCH)
    assert httpx.put(created["uploadUrl"], content=raw).status_code == 201
    again = httpx.put(created["uploadUrl"], content=raw)
    assert (again.status_code, again.json()["code"]) == (403, ErrorCode.URL_EXPIRED)


def test_announcement_errors(sandbox: SandboxThread, http: httpx.Client, apikey: str) -> None:
    h = {"apikey": apikey}

    def code(resp: httpx.Response) -> tuple[int, str]:
        return resp.status_code, resp.json()["code"]

    raw = b"[]"
    assert code(announce(http, apikey, raw, size=contract.UPLOAD_SIZE_LIMIT + 1)) == (
        413,
        ErrorCode.FILE_TOO_LARGE,
    )
    assert code(announce(http, apikey, raw, sha256="XYZ")) == (400, ErrorCode.INVALID_REQUEST)
    assert code(announce(http, apikey, raw, size="2")) == (400, ErrorCode.INVALID_REQUEST)
    assert code(http.post(ORDERS, headers=h, json={"fileName": "x"})) == (
        400,
        ErrorCode.INVALID_REQUEST,
    )
    for scope in ("customers", "products"):
        assert code(
            http.post(
                contract.scope_file_path(ECOM, scope),
                headers=h,
                json={"fileName": "x", "size": 2, "sha256": "0" * 64},
            )
        ) == (400, ErrorCode.SCOPE_NOT_UPLOADABLE)
    assert code(
        http.post(
            contract.scope_file_path(ECOM, "invoices"),
            headers=h,
            json={"fileName": "x", "size": 2, "sha256": "0" * 64},
        )
    ) == (404, ErrorCode.SCOPE_NOT_FOUND)
    assert code(http.get(contract.tracking_path("u_nothing"), headers=h)) == (
        404,
        ErrorCode.UPLOAD_NOT_FOUND,
    )
    assert code(http.get(contract.tracking_path("u_nothing"))) == (401, ErrorCode.APIKEY_INVALID)
    assert code(http.post(ORDERS, json={})) == (401, ErrorCode.APIKEY_INVALID)
    assert sandbox.control is not None
    assert sandbox.control.uploads() == []  # none of these reached the pipeline


def test_forced_outcomes_and_late_result(
    sandbox: SandboxThread, http: httpx.Client, apikey: str
) -> None:
    assert sandbox.control is not None
    raw = orjson.dumps([order(1)])
    sandbox.control.processing(outcome="failed")
    t, result = finish(http, apikey, upload(http, apikey, raw))
    assert t["status"] == "failed" and result["summary"]["rejected"] == 1
    sandbox.control.processing(outcome="badRequest")
    t, result = finish(http, apikey, upload(http, apikey, raw))
    assert t["status"] == "badRequest" and result["errors"]
    sandbox.control.processing(outcome=None, resultDelay=0.5)
    created = upload(http, apikey, raw)
    terminal = wait_for(lambda: (t := track(http, apikey, created))["status"] == "accepted" and t)
    assert "downloadResultUrl" not in terminal  # the result file comes later
    t, result = finish(http, apikey, created)
    assert result["status"] == "accepted"


def test_result_url_expires(sandbox: SandboxThread, http: httpx.Client, apikey: str) -> None:
    assert sandbox.control is not None
    created = upload(http, apikey, orjson.dumps([order(1)]))
    wait_for(lambda: track(http, apikey, created).get("downloadResultUrl"))
    sandbox.control.faults(urlLifetime=0.2)
    url = track(http, apikey, created)["downloadResultUrl"]
    wait_for(lambda: httpx.get(url).status_code == 403, timeout=5)
    assert httpx.get(url).json()["code"] == ErrorCode.URL_EXPIRED
    sandbox.control.reset_faults()
    fresh = track(http, apikey, created)["downloadResultUrl"]
    assert httpx.get(fresh).status_code == 200
