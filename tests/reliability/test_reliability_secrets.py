"""Issue 11 — secrets: the API key and the secret never leave the credential store.

After a full session (onboard, rotate, download, upload, errors) no file under the
data/log/config folders, no log line, no exception report, no process output and
no pre-signed request contains them; removing a profile deletes its three entries.
"""

from __future__ import annotations

import json
import logging
import sys

import orjson
import pytest
from orders import make_order
from reliability_support import (
    FAST_RETRY,
    RequestLog,
    child_env,
    onboard,
    run_sage50,
    scan_for,
)

from sage50_desktop import logging_setup
from sage50_desktop.api import contract
from sage50_desktop.api.errors import ConsentRevoked, DownloadCorrupt
from sage50_desktop.services.sync import SyncService
from sage50_desktop.services.tracking import TrackingPolicy
from sage50_desktop.services.uploads import UploadService
from sage50_desktop.storage.credentials import (
    APIKEY_SERVICE,
    INITIAL_APIKEY_SERVICE,
    SECRET_SERVICE,
)
from sage50_desktop.storage.snapshot_store import SnapshotStore

FAST = TrackingPolicy(initial=0.02, factor=1.5, maximum=0.1, result_grace=5.0, error_maximum=0.2)


def _orders(n: int) -> list[dict]:
    return [make_order(i) for i in range(1, n + 1)]


@pytest.fixture
def log_file(app_home):
    path = logging_setup.configure(logging.DEBUG)
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_sage50", False):
            handler.flush()
            root.removeHandler(handler)
            handler.close()


@pytest.mark.log_warnings_expected("consent is revoked on purpose: the app logs the lost consent")
async def test_full_session_leaks_no_key_or_secret_anywhere(
    sandbox, control, runtime, app_home, test_keyring, log_file, tmp_path
):
    profile = await onboard(runtime, sandbox)
    requests = RequestLog()
    errors: list[BaseException] = []
    store = SnapshotStore(runtime.cache_path)
    try:
        async with runtime.connect(profile, retry=FAST_RETRY) as conn:
            requests.attach(conn)
            await conn.keys.rotate_now()  # rotate
            sync = SyncService.for_runtime(runtime, conn, store, build_index=False)
            await sync.sync("products")  # download
            control.publish("products", changed_count=2)
            control.faults(corruptNextDownload=True)
            with pytest.raises(DownloadCorrupt) as corrupt:
                await sync.sync("products")
            errors.append(corrupt.value)
            control.faults(everyNth=2, status=503, retryAfter=0)
            await sync.sync("products")
            control.reset_faults()
            orders = tmp_path / "orders.json"
            orders.write_bytes(orjson.dumps(_orders(2)))
            async with UploadService(runtime, conn, policy=FAST) as uploads:  # upload
                record = await uploads.upload(orders, "orders")
                final = await uploads.wait(record.id, 20)
            assert final.status == "accepted"
            control.expire_key()
            await conn.client.list_scope_files(profile.domain)  # silent rotation
            control.revoke_consent()
            with pytest.raises(ConsentRevoked) as revoked:
                await sync.sync("products")
            errors.append(revoked.value)
            try:
                raise RuntimeError("unexpected: " + repr(dict(requests.requests[-1][2])))
            except RuntimeError as exc:
                errors.append(exc)
    finally:
        store.close()

    # every key the sandbox ever issued to this application, and the secret
    keys = {k["apikey"] for k in control.keys() if k["applicationId"] == sandbox.application_id}
    secret = runtime.credentials.get_secret(profile.id)
    values = keys | {secret}
    assert len(keys) >= 3 and secret
    # the credential store holds exactly three entries for the profile
    assert sorted(test_keyring.entries) == sorted(
        [
            (APIKEY_SERVICE, profile.id),
            (INITIAL_APIKEY_SERVICE, profile.id),
            (SECRET_SERVICE, profile.id),
        ]
    )
    # the key never goes to a pre-signed URL, and never into any URL
    presigned = [r for r in requests.requests if "/presigned/" in r[1]]
    assert len(presigned) >= 3
    for _method, _url, headers in presigned:
        assert contract.APIKEY_HEADER not in {h.lower() for h in headers}
    for _method, url, _headers in requests.requests:
        assert not any(v in url for v in values)
    # no log line, no exception report, no error text
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert log_file.is_file()
    from sage50_desktop.ui.errors import build_report, describe

    for exc in errors:
        report = build_report(type(exc), exc, exc.__traceback__)
        text = report + describe(exc) + str(exc)
        assert not any(v in text for v in values), text
    # no file under the data, log or config folders (SQLite WAL files included)
    assert scan_for(values, app_home) == []


def test_exception_report_redacts_key_and_secret_in_a_fresh_process(tmp_path):
    """Even where the values were never registered, header/field patterns are masked."""
    code = (
        "import sys\n"
        "from sage50_desktop.ui.errors import build_report\n"
        "try:\n"
        "    raise RuntimeError(\"request failed: {'apikey': 'AK-7f3e9d2c1b0a', "
        "'secret': 'S3cr3t-9a8b7c6d5e4f3a2b1c0d'} apikey=AK-7f3e9d2c1b0a\")\n"
        "except RuntimeError as exc:\n"
        "    print(build_report(type(exc), exc, exc.__traceback__))\n"
    )
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(tmp_path / "h", tmp_path / "k.json"),
    )
    assert out.returncode == 0, out.stderr
    assert "RuntimeError" in out.stdout
    assert "AK-7f3e9d2c1b0a" not in out.stdout and "S3cr3t-9a8b7c6d5e4f3a2b1c0d" not in out.stdout


def test_cli_processes_print_and_store_no_secret_and_remove_deletes_entries(
    sandbox, control, tmp_path
):
    home = tmp_path / "child-home"
    keyring_file = tmp_path / "keyring.json"
    env = child_env(home, keyring_file)
    outputs: list[str] = []

    def run(*argv: str, expect: int = 0):
        done = run_sage50(env, *argv)
        outputs.extend([done.stdout, done.stderr])
        assert done.returncode == expect, (argv, done.stdout, done.stderr)
        return done

    run(
        "--json",
        "profile",
        "add",
        "default",
        "--base-url",
        sandbox.base_url,
        "--developer-id",
        sandbox.developer_id,
        "--application-id",
        sandbox.application_id,
        "--domain",
        sandbox.domain,
    )
    control.auto_approve(0)
    run("consent", "--timeout", "30", "--poll-interval", "0.05")
    control.auto_approve(None)
    stored = json.loads(keyring_file.read_text())
    assert {k.split("|")[0] for k in stored} == {
        APIKEY_SERVICE,
        INITIAL_APIKEY_SERVICE,
        SECRET_SERVICE,
    }
    secret = next(v for k, v in stored.items() if k.startswith(SECRET_SERVICE))
    run("--debug", "rotate")
    run("--debug", "download", "products")
    orders = tmp_path / "orders.json"
    orders.write_bytes(orjson.dumps(_orders(2)))
    run("--debug", "--json", "upload", "orders", str(orders), "--wait", "--timeout", "30")
    control.faults(corruptNextDownload=True)
    control.publish("products", changed_count=1)
    run("--debug", "download", "products", expect=1)
    control.reset_faults()
    control.revoke_consent()
    run("--debug", "download", "products", expect=3)

    keys = {k["apikey"] for k in control.keys() if k["applicationId"] == sandbox.application_id}
    values = keys | {secret}
    assert len(keys) >= 2
    for text in outputs:
        assert not any(v in text for v in values), text
    assert scan_for(values, home) == []
    run("profile", "remove", "default")
    assert json.loads(keyring_file.read_text()) == {}


async def test_gui_remove_profile_deletes_all_three_credential_entries(
    qapp, sandbox, control, runtime, test_keyring
):
    from PySide6.QtWidgets import QWidget

    from sage50_desktop.ui.profile_actions import ProfileActions

    profile = await onboard(runtime, sandbox)
    keep = await onboard(runtime, sandbox, name="Otra")
    assert len(test_keyring.entries) == 6  # secret, initial key, current key of each

    class Sessions:  # the two calls ProfileActions makes on its SessionManager
        forgotten: list[str] = []

        def forget(self, profile_id: str) -> None:
            self.forgotten.append(profile_id)

        def sync(self) -> None:
            pass

    window = QWidget()
    try:
        actions = ProfileActions(runtime, Sessions(), window)  # type: ignore[arg-type]
        assert await actions.remove(profile.id)
    finally:
        window.deleteLater()
    assert sorted(test_keyring.entries) == sorted(
        [(APIKEY_SERVICE, keep.id), (INITIAL_APIKEY_SERVICE, keep.id), (SECRET_SERVICE, keep.id)]
    )
    assert runtime.profiles.find(profile.id) is None
