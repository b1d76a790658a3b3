"""The running window's Uploads page shows an upload another process wrote, without a restart."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from qt_helpers import wait_until

from sage50_desktop.api import contract
from sage50_desktop.services.activity import target_for

# another process records a finished upload of the connection (as `sage50 upload --wait` would)
CHILD = """
import sys
from sage50_desktop.storage.db import open_engine
from sage50_desktop.storage.upload_store import LocalState, UploadStore
store = UploadStore(open_engine(sys.argv[1], immediate=True))
store.add(id="ELSEWHERE-1", profile_id=sys.argv[2], domain=sys.argv[3], scope="orders",
          file_name="from-sage50.json", local_path="/nowhere/from-sage50.json", size=10,
          sha256="0" * 64, tracking_url="http://127.0.0.1:9/t", upload_url=None,
          upload_url_expiration=None, status="accepted", state=LocalState.DONE)
"""


async def test_uploads_page_shows_an_upload_written_by_another_process(shell):
    window, runtime = shell.window, shell.runtime
    session = shell.sessions.get(shell.sandbox_profile.id)
    target = target_for(session.id, session.domain, contract.UPLOAD_SCOPES[session.domain][0])
    assert window.open_target(target)
    page = window.pages[target]
    await wait_until(lambda: page.panel is not None and page.panel.model.loaded, timeout=20)
    model = page.panel.model
    assert model.record("ELSEWHERE-1") is None
    await wait_until(lambda: shell.external.checks >= 1, message="the watcher's first look")
    done = await asyncio.to_thread(
        subprocess.run,
        [
            sys.executable,
            "-c",
            CHILD,
            str(runtime.data_dir / "app.sqlite3"),
            session.id,
            session.domain,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    await wait_until(
        lambda: model.record("ELSEWHERE-1") is not None,
        timeout=20,
        message="the row written by the other process",
    )
    assert model.record("ELSEWHERE-1").status == "accepted"
    assert session.uploads.tracking("ELSEWHERE-1") is None  # finished: nothing to track
