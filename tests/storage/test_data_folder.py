"""A full or read-only data folder, without root: the log stays quiet, errors name the folder."""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from pathlib import Path

import pytest

from sage50_desktop.logging_setup import QuietFileHandler
from sage50_desktop.storage.data_folder import FULL, READ_ONLY, folder_state, unwritable


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_log_file_on_a_full_disk_goes_quiet_without_a_traceback(capsys):
    handler = QuietFileHandler("/dev/full", maxBytes=2_000_000, backupCount=1)
    logger = logging.getLogger("sage50_desktop.test_full_log")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("first")  # ENOSPC, a real one
        logger.warning("second")
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert handler.broken
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "Errno" not in captured.err
    assert captured.err == ""


def test_enospc_and_sqlite_full_name_the_folder(tmp_path):
    for cause in (
        OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x")),
        sqlite3.OperationalError("database or disk is full"),
    ):
        problem = unwritable(cause, tmp_path)
        assert problem is not None and problem.state == FULL
        assert str(tmp_path) in problem.hint and "full" in problem.hint
        assert "Free some space" in problem.hint and "Errno" not in str(problem)


def test_io_errors_on_a_writable_folder_are_not_called_full(tmp_path):
    assert folder_state(tmp_path) is None
    assert unwritable(sqlite3.OperationalError("disk I/O error"), tmp_path) is None
    assert unwritable(sqlite3.OperationalError("database is locked"), tmp_path) is None
    assert unwritable(ValueError("full"), tmp_path) is None


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="POSIX permissions (not root)")
def test_a_folder_without_write_permission_is_read_only(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert folder_state(folder) == READ_ONLY
        problem = unwritable(sqlite3.OperationalError("unable to open database file"), folder)
        assert problem is not None and "read-only" in problem.hint and str(folder) in problem.hint
    finally:
        folder.chmod(0o700)
