"""Fixtures of the many-processes tests (helpers live in mp_support.py)."""

from mp_support import *  # noqa: F403
