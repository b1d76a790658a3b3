"""The indexes a new snapshot needs, built in the background as one named task.

After a download the app runs :func:`build_indexes` as the task
``index:<profile>/<domain>/<scope>`` (kind ``index``): first the sort index of
each column the table shows by default (so the first sort by any of them is a
B-tree walk, not a full scan), then the search index. Progress goes to the
task (:func:`~sage50_desktop.services.tasks.report_progress`): the sort
indexes as steps, then the search index as records indexed of all. Cancelling
the task stops the build at once; what the search index holds stays and a later
build resumes it; an interrupted sort index leaves nothing.

Until they are ready, searches use the budgeted ``LIKE`` fallback and sorts
the scan, as before: nothing waits for these builds.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Sequence

from sage50_desktop.services.tasks import report_progress
from sage50_desktop.storage.snapshot_store import SnapshotStore


def index_task_name(profile_id: str, domain: str, scope: str) -> str:
    return f"index:{profile_id}/{domain}/{scope}"


async def build_indexes(
    store: SnapshotStore, snapshot_id: int, sort_columns: Sequence[str] = ()
) -> None:
    """Build the sort indexes of ``sort_columns``, then the search index, reporting
    progress; cancel-safe (the builds stop, nothing half-built is used)."""
    loop = asyncio.get_running_loop()
    columns = [c for c in sort_columns if c not in ("id", "")]
    steps = len(columns) + 1
    current: list[str] = []
    try:
        for n, column in enumerate(columns):
            if store.sort_ready(snapshot_id, column):
                continue
            current[:] = [column]
            report_progress(n, steps, f"sort index {n + 1} of {len(columns)}: {column}")
            store.build_sort_index(snapshot_id, column)
            await asyncio.to_thread(store.wait_sort_index, snapshot_id, column)
        current.clear()
        if store.snapshot(snapshot_id).fts_ready:
            report_progress(steps, steps, "indexes ready")
            return

        context = contextvars.copy_context()  # report_progress finds this task in it

        def on_progress(sid: int, done: int, total: int) -> None:
            if sid == snapshot_id:
                loop.call_soon_threadsafe(
                    report_progress,
                    done,
                    total,
                    f"search index: {done:,} / {total:,} records",
                    context=context,
                )

        store.index_progress.connect(on_progress)
        try:
            report_progress(0, None, "search index")
            store.build_index(snapshot_id)
            await asyncio.to_thread(store.wait_index, snapshot_id)
        finally:
            store.index_progress.disconnect(on_progress)
    except asyncio.CancelledError:
        for column in current:
            store.cancel_sort_index(snapshot_id, column)
        store.cancel_index(snapshot_id)
        raise
