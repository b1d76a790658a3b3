"""Fixtures of this folder live in snapshot_support.py (importable by the tests under a unique name)."""

from snapshot_support import *  # noqa: F403
