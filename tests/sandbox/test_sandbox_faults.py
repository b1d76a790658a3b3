"""Every fault knob does what it says."""

from __future__ import annotations

import hashlib
import time

import httpx
import pytest

from sage50_desktop.api import contract
from sage50_desktop.sandbox.testing import SandboxThread

FILES = contract.domain_files_path(contract.ECOMMERCE)
PRODUCTS = contract.scope_file_path(contract.ECOMMERCE, "products")


@pytest.mark.parametrize("status", [503, 429])
def test_every_nth_request(
    sandbox: SandboxThread, http: httpx.Client, apikey: str, status: int
) -> None:
    assert sandbox.control is not None
    sandbox.control.faults(everyNth=3, status=status, retryAfter=2)
    answers = [http.get(FILES, headers={"apikey": apikey}) for _ in range(6)]
    assert [r.status_code for r in answers] == [200, 200, status, 200, 200, status]
    assert answers[2].headers[contract.RETRY_AFTER_HEADER] == "2"
    assert answers[2].json()["code"]
    assert sandbox.control.faults()["injected"] == 2
    sandbox.control.reset_faults()
    assert all(http.get(FILES, headers={"apikey": apikey}).status_code == 200 for _ in range(4))


def test_every_nth_limited_to_a_prefix(
    sandbox: SandboxThread, http: httpx.Client, apikey: str
) -> None:
    assert sandbox.control is not None
    sandbox.control.faults(everyNth=1, pathPrefix="/api/tracking/")
    assert http.get(FILES, headers={"apikey": apikey}).status_code == 200
    assert http.get(contract.tracking_path("u_x"), headers={"apikey": apikey}).status_code == 503


def _download(http: httpx.Client, apikey: str) -> tuple[dict, str]:
    info = http.get(PRODUCTS, headers={"apikey": apikey}).json()
    return info, info["downloadUrl"]


def test_drop_connection_once(sandbox: SandboxThread, http: httpx.Client, apikey: str) -> None:
    assert sandbox.control is not None
    info, url = _download(http, apikey)
    sandbox.control.faults(dropAfterBytes=5000)
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(url)
    # resume from where it broke, then the fault is gone
    with httpx.stream("GET", url, headers={"Range": "bytes=5000-"}) as resp:
        assert resp.status_code == 206
        tail = resp.read()
    head = httpx.get(url, headers={"Range": "bytes=0-4999"}).content
    assert hashlib.sha256(head + tail).hexdigest() == info["sha256"]


def test_drop_connection_always(sandbox: SandboxThread, http: httpx.Client, apikey: str) -> None:
    assert sandbox.control is not None
    _, url = _download(http, apikey)
    sandbox.control.faults(dropAfterBytes=100, dropMode="always")
    for _ in range(2):
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(url)
    partial = b""
    with pytest.raises(httpx.RemoteProtocolError), httpx.stream("GET", url) as resp:
        for chunk in resp.iter_raw():
            partial += chunk
    assert len(partial) == 100
    sandbox.control.reset_faults()
    assert httpx.get(url).status_code == 200


def test_corrupt_next_download_once(
    sandbox: SandboxThread, http: httpx.Client, apikey: str
) -> None:
    assert sandbox.control is not None
    info, url = _download(http, apikey)
    sandbox.control.faults(corruptNextDownload=True)
    bad = httpx.get(url).content
    assert len(bad) == info["size"] and hashlib.sha256(bad).hexdigest() != info["sha256"]
    good = httpx.get(url).content
    assert hashlib.sha256(good).hexdigest() == info["sha256"]


def test_slow_rotation(
    sandbox: SandboxThread, http: httpx.Client, apikey: str, secret: str
) -> None:
    assert sandbox.control is not None
    sandbox.control.faults(rotationDelay=0.5)
    started = time.monotonic()
    resp = http.patch(
        contract.apikeys_path(sandbox.developer_id, sandbox.application_id),
        json={"initialApikey": apikey, "apikey": apikey},
    )
    assert resp.status_code == 200 and time.monotonic() - started >= 0.5


def test_revoke_consent_and_counters(
    sandbox: SandboxThread, http: httpx.Client, apikey: str
) -> None:
    assert sandbox.control is not None
    sandbox.control.reset_counters()
    assert http.get(FILES, headers={"apikey": apikey}).status_code == 200
    assert sandbox.control.revoke_consent() == 1
    assert http.get(FILES, headers={"apikey": apikey}).json()["code"] == "apikeyInvalid"
    assert sandbox.control.counters() == {"listFiles": 2}


def test_bad_fault_knob_is_400(sandbox: SandboxThread) -> None:
    resp = httpx.post(sandbox.base_url + "/sandbox/faults", json={"nope": 1})
    assert resp.status_code == 400
