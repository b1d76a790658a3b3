"""Fixtures of this folder live in reliability_support.py (a unique module name)."""

from reliability_support import *  # noqa: F403
