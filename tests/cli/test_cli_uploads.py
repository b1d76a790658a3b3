"""``validate``, ``upload``, ``uploads`` and ``track``; exit codes 4 and 5; real sandbox."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from cli_helpers import orders

from sage50_desktop.api.client import Sage50Client


def test_cli_upload_wait_accepted(cli, consented, orders_file):
    consented.control.processing(outcome="accepted")
    result = cli("--json", "upload", "orders", orders_file, "--wait", "--timeout", "60")
    assert result.code == 0, result.err
    body = result.json
    assert set(body) >= {"uploadId", "status", "summary"}
    assert body["status"] == "accepted"
    assert body["summary"] == {"total": 3, "accepted": 3, "rejected": 0, "errors": []}
    assert [u["uploadId"] for u in consented.control.uploads()] == [body["uploadId"]]

    history = cli("--json", "uploads").json["uploads"]
    assert [(u["uploadId"], u["scope"], u["status"]) for u in history] == [
        (body["uploadId"], "orders", "accepted")
    ]
    assert history[0]["createdAt"].endswith("Z")
    assert body["uploadId"] in cli("uploads").out


@pytest.mark.parametrize("outcome", ["failed", "badRequest"])
def test_cli_upload_rejected_by_the_platform_exits_5(cli, consented, orders_file, outcome):
    consented.control.processing(outcome=outcome)
    result = cli("--json", "upload", "orders", orders_file, "--wait", "--timeout", "60")
    assert result.code == 5, result.err
    assert result.json["status"] == outcome
    assert result.err.startswith("sage50: the platform rejected upload")
    track = cli("--json", "track", result.json["uploadId"])
    assert track.code == 5 and track.json["status"] == outcome


@pytest.mark.log_warnings_expected("a failed command is logged as a warning")
def test_cli_upload_invalid_file_exits_4_and_sends_nothing(cli, consented, tmp_path):
    bad = orders(2)
    del bad[1]["customer"]
    path = tmp_path / "bad.json"
    path.write_bytes(orjson.dumps(bad))
    result = cli("--json", "upload", "orders", path, "--wait")
    assert result.code == 4
    body = result.json
    assert body["uploadId"] is None and body["validation"]["errorCount"] >= 1
    assert body["validation"]["issues"][0]["record"] == "ORD-1002"
    assert "Nothing was sent" in result.err
    assert consented.control.uploads() == []
    assert cli("--json", "uploads").json["uploads"] == []

    text = cli("upload", "orders", path)
    assert text.code == 4 and "ORD-1002" in text.out

    not_json = tmp_path / "x.json"
    not_json.write_text("hello")
    assert cli("upload", "orders", not_json).code == 4
    assert cli("upload", "customers", tmp_path / "bad.json").code == 4  # not uploadable
    assert cli("upload", "orders", tmp_path / "missing.json").code == 2


def test_cli_validate(cli, profile, orders_file, tmp_path):
    ok = cli("--json", "validate", "orders", orders_file)
    assert ok.code == 0 and ok.json["ok"] is True and ok.json["records"] == 3
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    bad = cli("--json", "validate", "orders", empty)
    assert bad.code == 4 and bad.json["ok"] is False


def test_cli_upload_without_wait_then_track(cli, consented, orders_file):
    consented.control.processing(outcome="accepted", stepDelay=0.3)
    result = cli("--json", "upload", "orders", orders_file)
    assert result.code == 0, result.err
    upload_id = result.json["uploadId"]
    assert result.json["summary"] is None
    assert result.json["status"] not in ("accepted", "failed", "badRequest", "expired")

    now = cli("--json", "track", upload_id)
    assert now.code == 0 and now.json["uploadId"] == upload_id

    waited = cli("--json", "track", upload_id, "--wait", "--timeout", "60")
    assert waited.code == 0, waited.err
    assert waited.json["status"] == "accepted" and waited.json["summary"]["accepted"] == 3
    again = cli("track", upload_id)  # finished: from the history
    assert again.code == 0 and "accepted" in again.out


def test_cli_upload_wait_timeout_exits_1(cli, consented, orders_file):
    consented.control.processing(outcome="accepted", stepDelay=5)
    result = cli("--json", "upload", "orders", orders_file, "--wait", "--timeout", "0.5")
    assert result.code == 1
    body = result.json
    assert body["uploadId"] and body["status"] not in ("accepted",)
    assert f"sage50 track {body['uploadId']} --wait" in result.err


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_track_unknown_upload_exits_2(cli, consented):
    result = cli("--json", "track", "nope")
    assert result.code == 2 and "sage50 uploads" in result.json["error"]["hint"]


@pytest.mark.log_warnings_expected("consent is revoked on purpose: the app logs the lost consent")
def test_cli_track_after_consent_revoked_exits_3(cli, consented, orders_file):
    consented.control.processing(outcome="accepted", stepDelay=5)
    upload_id = cli("--json", "upload", "orders", orders_file).json["uploadId"]
    consented.control.revoke_consent(application_id=consented.application_id)
    result = cli("--json", "track", upload_id, "--wait", "--timeout", "30")
    assert result.code == 3, result.err
    assert result.json["uploadId"] == upload_id
    assert result.json["state"] == "interrupted"


def test_cli_upload_link_expired_exits_5(cli, consented, orders_file, monkeypatch):
    """The upload link runs out before the bytes go: the platform refuses them (exit 5)."""
    consented.control.processing(uploadUrlLifetime=0)  # expires within the second
    original = Sage50Client.upload_file

    async def late_upload(self, upload_url, path, **kwargs):
        await asyncio.sleep(1.1)
        return await original(self, upload_url, path, **kwargs)

    monkeypatch.setattr(Sage50Client, "upload_file", late_upload)
    result = cli("--json", "upload", "orders", orders_file, "--wait", "--timeout", "30")
    assert result.code == 5, result.err
    assert result.json["uploadId"] and result.json["state"] == "urlExpired"
    assert "upload link expired" in result.err
    track = cli("--json", "track", result.json["uploadId"])
    assert track.code == 5


def test_cli_upload_of_accepted_orders_exits_4_unless_allow_resend(
    cli, consented, orders_file, tmp_path
):
    consented.control.processing(outcome="accepted")
    first = cli("--json", "upload", "orders", orders_file, "--wait", "--timeout", "60")
    assert first.code == 0, first.err
    first_id = first.json["uploadId"]
    # the same orders again (one new one beside them): refused, nothing sent
    again = orders(4)
    path = tmp_path / "again.json"
    path.write_bytes(orjson.dumps(again))
    refused = cli("--json", "upload", "orders", path, "--wait")
    assert refused.code == 4, refused.err
    body = refused.json
    assert body["uploadId"] is None
    assert body["alreadyAccepted"]["count"] == 3 and body["alreadyAccepted"]["compared"] == 4
    assert body["alreadyAccepted"]["uploads"] == [first_id]
    assert [o["id"] for o in body["alreadyAccepted"]["orders"]] == [o["id"] for o in orders(3)]
    assert "--allow-resend" in refused.err and "Nothing was sent" in refused.err
    assert "3 of the 4 order(s)" in refused.err
    assert [u["uploadId"] for u in consented.control.uploads()] == [first_id]
    text = cli("upload", "orders", path)
    assert text.code == 4 and orders(1)[0]["id"] in text.out
    # on purpose: sent
    sent = cli("--json", "upload", "orders", path, "--allow-resend", "--wait", "--timeout", "60")
    assert sent.code == 0, sent.err
    assert len(consented.control.uploads()) == 2
