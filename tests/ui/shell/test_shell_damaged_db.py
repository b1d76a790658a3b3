"""The window with a damaged ``app.sqlite3``: a dialog naming the file, the backup offered."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from sage50_desktop import app, paths
from sage50_desktop.services.runtime import APP_DB, Runtime
from sage50_desktop.storage.profiles import Profile


def _answer(seen: list[str], button_text: str | None) -> None:
    """When the modal message box shows: remember its text, click ``button_text`` (or close)."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(20, lambda: _answer(seen, button_text))
        return
    seen.append(box.text())
    for button in box.buttons():
        if button_text is None or button.text() == button_text:
            button.click()
            return


def _with_profile_and_backup() -> None:
    runtime = Runtime()
    runtime.profiles.upsert(
        Profile(
            name="shop",
            base_url="https://api.example.com",
            developer_id="D",
            application_id="A",
            domain="ecommerce",
        )
    )
    runtime.close()
    Runtime().close()  # a later start: the daily backup


@pytest.mark.log_warnings_expected("the damaged database and its restore are logged")
def test_damaged_app_database_offers_the_backup_and_restores_it(qapp):
    _with_profile_and_backup()
    path = paths.data_dir() / APP_DB
    path.write_bytes(os.urandom(path.stat().st_size))
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer(seen, "Restore the backup"))
    runtime = app._open_runtime()
    assert runtime is not None
    try:
        assert [p.name for p in runtime.profiles.list_profiles()] == ["shop"]
    finally:
        runtime.close()
    assert str(path) in seen[0] and "damaged" in seen[0] and "backup" in seen[0]
    assert [p for p in path.parent.iterdir() if p.name.startswith("app.sqlite3.damaged-")]


@pytest.mark.log_warnings_expected("the damaged database is logged")
def test_empty_app_database_without_backup_is_a_clear_dialog_not_an_empty_app(qapp):
    runtime = Runtime()
    runtime.profiles.upsert(
        Profile(
            name="shop",
            base_url="https://api.example.com",
            developer_id="D",
            application_id="A",
            domain="ecommerce",
        )
    )
    runtime.close()
    path = paths.data_dir() / APP_DB
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    path.write_bytes(b"")
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer(seen, None))
    assert app._open_runtime() is None
    assert str(path) in seen[0] and "No backup exists" in seen[0]
    assert path.stat().st_size == 0  # not silently replaced by an empty database
