"""Child process: open every store of a data folder (runs the migrations) and exit 0."""

from __future__ import annotations

import sys
from pathlib import Path

from sage50_desktop.services.runtime import Runtime
from sage50_desktop.storage.activity_store import ActivityStore
from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.storage.upload_store import UploadStore


def main() -> int:
    runtime = Runtime(Path(sys.argv[1]))
    UploadStore(runtime.app_engine)
    ActivityStore(runtime.app_engine)
    store = SnapshotStore(runtime.cache_path)
    store.close()
    runtime.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
