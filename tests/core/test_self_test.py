"""``sage50-desktop --self-test`` onboards, downloads and uploads on an in-process sandbox."""

from __future__ import annotations

import os
import subprocess
import sys


def test_self_test_passes_end_to_end_and_leaves_nothing_behind(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(scratch))
    result = subprocess.run(
        [sys.executable, "-m", "sage50_desktop", "--self-test"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for step in (
        "main window shown",
        "onboarded",
        "downloaded",
        "tracked it to accepted",
        "self-test passed",
    ):
        assert step in out, out
    assert list(scratch.iterdir()) == []  # its throwaway folder is removed


def test_version_answers_without_starting_qt():
    result = subprocess.run(
        [sys.executable, "-m", "sage50_desktop", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("sage50-desktop ")
