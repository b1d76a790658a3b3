"""One task system: the shell's background jobs run in its TaskRegistry, under a name,
and shutdown is one ``cancel_all()`` that ends them all."""

from __future__ import annotations

import asyncio

import shiboken6
from qt_helpers import wait_signal, wait_until

from sage50_desktop.services import activity as A
from sage50_desktop.services.tasks import CANCELLED, SUCCEEDED
from sage50_desktop.ui.uploads.history_model import UploadHistoryModel


async def test_wizard_checks_and_client_closes_run_in_the_app_registry(shell):
    started: list[tuple[str, str, bool]] = []
    shell.tasks.started.connect(lambda info: started.append((info.name, info.kind, info.quiet)))
    wizard = shell.window.add_connection()
    assert wizard is not None and wizard.tasks is shell.tasks
    page = wizard.currentPage()
    gate = asyncio.Event()

    async def check() -> str:
        await gate.wait()
        return "ok"

    results: list[str] = []
    wizard.run(page, "probe", check, on_success=results.append, busy_text="Checking…")
    [info] = [i for i in shell.tasks.running() if i.kind == A.KIND_SETUP]
    assert info.name.endswith(":probe") and info.quiet  # listed while it runs
    gate.set()
    await info.task
    assert results == ["ok"] and info.state == SUCCEEDED
    wizard.client()  # an HTTP client the wizard must close when it goes
    closed = wait_signal(shell.tasks.finished, check=lambda i: i.kind == A.KIND_CLOSE)
    wizard.reject()
    (close_info,) = await closed
    assert close_info.state == SUCCEEDED and close_info.cleanup
    assert any(kind == A.KIND_CLOSE for _name, kind, _quiet in started)


async def test_removing_a_connection_is_a_named_task_recorded_in_activity(shell):
    profile = shell.sandbox_profile
    info = shell.window.profile_actions._start_remove(profile.id)
    assert info is not None and info.name == f"remove:{profile.id}"
    assert info.kind == A.KIND_REMOVE and not info.quiet
    assert await info.task is True
    assert shell.runtime.profiles.find(profile.id) is None
    # its session's clients close as a cleanup task of the registry
    await wait_until(lambda: not [i for i in shell.tasks.running() if i.kind == A.KIND_CLOSE])
    entries = [e for e in shell.activity.entries() if e.kind == A.KIND_REMOVE]
    assert [(e.subject, e.state) for e in entries] == [(profile.name, SUCCEEDED)]
    assert entries[0].finished_at > entries[0].started_at  # a true duration


async def test_external_change_checks_and_history_refreshes_are_registry_tasks(shell, qtbot):
    names: list[str] = []
    shell.tasks.started.connect(lambda info: names.append(info.name))
    await wait_until(lambda: "poll:external-changes" in names, timeout=10)

    model = UploadHistoryModel(lambda: [], lambda _id: None, tasks=shell.tasks)
    try:
        refreshed = wait_signal(
            shell.tasks.finished, check=lambda i: i.name.startswith("refresh:upload-history:")
        )
        model.reload()
        (info,) = await refreshed
        assert info.kind == A.KIND_REFRESH and info.quiet and info.state == SUCCEEDED
    finally:
        model.stop()
        shiboken6.delete(model)


async def test_shutdown_is_one_cancel_all_that_ends_every_task(shell):
    calls: list[float] = []
    cancel_all = shell.tasks.cancel_all

    async def counted(grace: float = 5.0) -> None:
        calls.append(grace)
        await cancel_all(grace)

    shell.tasks.cancel_all = counted  # type: ignore[method-assign]
    jobs = [
        shell.tasks.start(f"probe:{kind}", asyncio.sleep(3600), kind=kind, quiet=quiet)
        for kind, quiet in ((A.KIND_DOWNLOAD, False), (A.KIND_POLL, True), (A.KIND_SETUP, True))
    ]
    await shell.shutdown()
    assert len(calls) == 1
    assert [job.state for job in jobs] == [CANCELLED] * 3
    assert len(shell.tasks) == 0 and shell.tasks.closing
    await shell.shutdown()  # idempotent (the fixture calls it again)
    assert len(calls) == 1
