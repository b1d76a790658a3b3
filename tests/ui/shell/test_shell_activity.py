"""The Activity history: persisted in SQLite, exported as CSV, rows jump to what they concern."""

from __future__ import annotations

import csv

from qt_helpers import wait_until

from sage50_desktop.services import activity as A
from sage50_desktop.services.activity import ActivityLog, target_for
from sage50_desktop.storage.activity_store import ActivityStore
from sage50_desktop.ui.activity_dock import TARGET_ROLE, ActivityModel


async def test_shell_activity_is_persisted_exported_and_navigable(shell, tmp_path, qtmodeltester):
    window = shell.window
    session = shell.sessions.get(shell.sandbox_profile.id)
    dock = window.activity_dock
    assert dock.objectName() == "activityDock"
    qtmodeltester.check(dock.model, force_py=True)
    # a real download with progress, recorded against its scope
    assert window.open_target(target_for(session.id, "ecommerce", "products"))
    page = window.current_page()
    page.start_download(tmp_path / "products.json")
    await wait_until(lambda: (tmp_path / "products.json").exists(), timeout=30, message="download")
    await wait_until(
        lambda: any(
            r.kind == A.KIND_DOWNLOAD and r.state == "succeeded" for r in shell.activity.entries()
        )
    )
    download = next(r for r in shell.activity.entries() if r.kind == A.KIND_DOWNLOAD)
    assert download.total and download.target == target_for(session.id, "ecommerce", "products")
    # persisted: a fresh store on the same database sees the same history
    again = ActivityLog(ActivityStore(shell.runtime.app_engine))
    kinds = [r.kind for r in again.entries()]
    assert A.KIND_CONSENT in kinds and A.KIND_DOWNLOAD in kinds
    # click a row: the window jumps to what it concerns
    assert window.open_target(target_for(session.id))
    model: ActivityModel = dock.model
    row = model.row_of(download.id)
    index = model.index(row, 1)
    assert index.data(TARGET_ROLE) == download.target
    dock.table.clicked.emit(index)
    await wait_until(lambda: window.current_target == download.target, message="jumped")
    # export as CSV (translated headers, local times)
    out = tmp_path / "activity.csv"
    window.export_activity(out)
    await wait_until(lambda: out.exists(), message="exported")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["Started", "Finished", "Task"]
    tasks = [r[2] for r in rows[1:]]
    assert "Download" in tasks and "Consent" in tasks
    qtmodeltester.check(dock.model, force_py=True)


def test_shell_activity_marks_interrupted_and_prunes(shell_runtime):
    from datetime import UTC, datetime

    from sage50_desktop.storage.activity_store import ActivityRecord

    store = ActivityStore(shell_runtime.app_engine)
    store.add(
        ActivityRecord(
            kind="download",
            subject="Products",
            state="running",
            started_at=datetime.now(UTC),
            task_name="download:x",
        )
    )
    log = ActivityLog(store)  # a new run: what was running is interrupted
    assert [r.state for r in log.entries()] == ["interrupted"]
    for _ in range(5):
        log.record(A.KIND_KEY_ROTATION, "Demo", detail="expiring")
    assert store.prune(3) == 3 and store.count() == 3
