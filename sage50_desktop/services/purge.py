"""Deleting a connection's local data (personal data: cached customers, orders sent).

* :func:`purge_connection` — when a connection is removed: its snapshots, the
  saved copies of its uploads and their result files, its uploads' history,
  its cached listing and its Activity rows.
* :func:`delete_cached_data` — "Delete cached data": its snapshots and cached
  listing only (uploads and their history stay).

Only files inside the app's ``uploads`` folder are deleted: an upload's
source file (the user's own) is never touched. Blocking: run it in a worker.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sage50_desktop.services.listing import ListingCache
from sage50_desktop.storage.activity_store import ActivityStore
from sage50_desktop.storage.upload_store import UploadStore

log = logging.getLogger(__name__)

LISTINGS_FOLDER = "listings"


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What was deleted."""

    snapshots: int = 0
    uploads: int = 0
    files: int = 0
    activity: int = 0


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def delete_cached_data(runtime: Any, profile_id: str) -> PurgeReport:
    """Delete the connection's snapshots and cached listing."""
    snapshots = runtime.snapshots.delete_profile(profile_id)
    ListingCache(runtime.data_dir / LISTINGS_FOLDER).remove(profile_id)
    log.info("deleted the cached data of connection %s (%d snapshots)", profile_id, snapshots)
    return PurgeReport(snapshots=snapshots)


def purge_connection(runtime: Any, profile_id: str) -> PurgeReport:
    """Delete everything the app keeps locally for a connection (see the module doc)."""
    cached = delete_cached_data(runtime, profile_id)
    uploads_dir = Path(runtime.uploads_dir)
    removed = UploadStore(runtime.app_engine).delete_profile(profile_id)
    files = 0
    for record in removed:
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
    activity = ActivityStore(runtime.app_engine).delete_for_profile(profile_id)
    log.info(
        "purged connection %s: %d snapshots, %d uploads, %d files, %d activity rows",
        profile_id,
        cached.snapshots,
        len(removed),
        files,
        activity,
    )
    return PurgeReport(cached.snapshots, len(removed), files, activity)
