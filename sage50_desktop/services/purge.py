"""Deleting a connection's local data (personal data: cached customers, orders sent).

* :func:`delete_cached_data` — "Delete cached data" (the connection stays):
  its snapshots, its cached listing, the saved copies and result files of
  its *finished* uploads and its Activity rows. Kept: the connection and its
  credentials, the upload history (what was sent and each record's outcome:
  the duplicate-order guard keeps recognising orders already accepted) and
  the files of uploads still under way or resumable.
* :func:`purge_connection` — when a connection is removed: all of the above
  plus every upload (rows, history, results) and its files.

Only files inside the app's ``uploads`` folder are deleted: an upload's
source file (the user's own) is never touched. Blocking: run it in a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sage50_desktop.services.listing import ListingCache
from sage50_desktop.storage.activity_store import ActivityStore
from sage50_desktop.storage.upload_store import LocalState, UploadRecord, UploadStore

log = logging.getLogger(__name__)

LISTINGS_FOLDER = "listings"
#: uploads whose files "Delete cached data" removes: nothing can resume or track them
FINISHED = (LocalState.DONE, LocalState.URL_EXPIRED)


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What was deleted (``cleared``: uploads kept whose files went)."""

    snapshots: int = 0
    uploads: int = 0
    files: int = 0
    activity: int = 0
    cleared: tuple[str, ...] = ()


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _delete_files(records: Iterable[UploadRecord], uploads_dir: Path, profile_id: str) -> int:
    """Delete the saved copies and result files of ``records`` (inside ``uploads_dir``)."""
    files = 0
    for record in records:
        for name in (record.local_path, record.result_path):
            if not name or not _inside(Path(name), uploads_dir):
                continue
            try:
                Path(name).unlink()
                files += 1
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("could not delete an upload file of %s: %s", profile_id, exc)
    return files


def delete_cached_data(
    runtime: Any, profile_id: str, *, forget_activity: Callable[[str], int] | None = None
) -> PurgeReport:
    """Delete the connection's cached data (see the module doc).

    ``forget_activity`` deletes the Activity rows (default: straight from the
    store; the window hands in :meth:`ActivityLog.forget_profile`, which keeps
    running entries and tells the Activity dock).
    """
    snapshots = runtime.snapshots.delete_profile(profile_id)
    ListingCache(runtime.data_dir / LISTINGS_FOLDER).remove(profile_id)
    store = UploadStore(runtime.app_engine)
    finished = store.records(profile_id=profile_id, state=FINISHED)
    files = _delete_files(finished, Path(runtime.uploads_dir), profile_id)
    for record in finished:
        if record.result_path:
            store.update(record.id, result_path=None)  # the file is gone
    if forget_activity is None:
        forget_activity = ActivityStore(runtime.app_engine).delete_for_profile
    activity = forget_activity(profile_id)
    log.info(
        "deleted the cached data of connection %s: %d snapshots, %d files of %d finished "
        "uploads, %d activity rows",
        profile_id,
        snapshots,
        files,
        len(finished),
        activity,
    )
    return PurgeReport(snapshots, 0, files, activity, tuple(r.id for r in finished))


def purge_connection(runtime: Any, profile_id: str) -> PurgeReport:
    """Delete everything the app keeps locally for a connection (see the module doc)."""
    cached = delete_cached_data(runtime, profile_id)
    removed = UploadStore(runtime.app_engine).delete_profile(profile_id)
    files = _delete_files(removed, Path(runtime.uploads_dir), profile_id)
    log.info(
        "purged connection %s: %d snapshots, %d uploads, %d files, %d activity rows",
        profile_id,
        cached.snapshots,
        len(removed),
        cached.files + files,
        cached.activity,
    )
    return PurgeReport(cached.snapshots, len(removed), cached.files + files, cached.activity)
