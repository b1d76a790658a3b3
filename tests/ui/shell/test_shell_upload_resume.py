"""An upload in flight is tracked again after the app restarts, without opening its page."""

from __future__ import annotations

import orjson
from orders import make_order
from qt_helpers import wait_until

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.app import Shell
from sage50_desktop.services import activity as A
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.ui import session as S


async def _online(shell: Shell) -> S.Session:
    session = shell.sessions.get(shell.sandbox_profile.id)
    await wait_until(
        lambda: session.state == S.ONLINE and not session.consent_running,
        timeout=30,
        message="the demo connection comes online",
    )
    return session


async def test_shell_resumes_tracking_after_restart_without_opening_the_page(
    ui_sandbox, app_home, qtbot, tmp_path
):
    ui_sandbox.control.processing(stepDelay=0.6)
    orders = tmp_path / "orders.json"
    orders.write_bytes(orjson.dumps([make_order("RESTART")]))

    first = Shell(Runtime(app_home / "data"), sandbox=ui_sandbox, open_wizard_when_empty=False)
    first.start()
    session = await _online(first)
    record = await session.uploads.upload(orders, "orders")
    await wait_until(
        lambda: session.uploads.get(record.id).status != UploadStatus.PENDING, timeout=10
    )
    first.sandbox = None  # keep the sandbox running across the "restart"
    await first.shutdown()  # the app closes while the upload is still being processed
    assert ui_sandbox.control.uploads()[0]["status"] not in UploadStatus.TERMINAL

    ui_sandbox.control.processing(stepDelay=0.05)
    second = Shell(Runtime(app_home / "data"), sandbox=ui_sandbox, open_wizard_when_empty=False)
    second.start()
    try:
        session = await _online(second)
        await wait_until(
            lambda: session.uploads.get(record.id).status == UploadStatus.ACCEPTED,
            timeout=30,
            message="the upload tracked to its end after the restart",
        )
        await wait_until(
            lambda: any(
                e.kind == A.KIND_UPLOAD and e.state == A.SUCCEEDED
                for e in second.activity.entries()
            ),
            timeout=10,
        )
        assert not any(p.objectName() == "uploadsPage" for p in second.window.pages.values())
    finally:
        second.sandbox = None
        await second.shutdown()
