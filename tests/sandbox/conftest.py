"""Fixtures of this folder live in sandbox_support.py (importable by the tests under a unique name)."""

from sandbox_support import *  # noqa: F403
