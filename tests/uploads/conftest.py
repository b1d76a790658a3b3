"""Fixtures of this folder live in upload_support.py (importable by the tests under a unique name)."""

from upload_support import *  # noqa: F403
