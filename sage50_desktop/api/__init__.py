"""Contract v1 of the Sage 50 Cloud API over httpx. No Qt here.

The client (and so httpx, ~50 ms of imports) loads on first use of
:class:`Sage50Client`: the app's first page of cached rows needs only the
errors, the contract and the models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sage50_desktop.api.client import Sage50Client
    from sage50_desktop.api.rotation import ApiKeyManager, KeyMaterial

__all__ = ["ApiKeyManager", "KeyMaterial", "Sage50Client"]


def __getattr__(name: str) -> Any:
    if name == "Sage50Client":
        from sage50_desktop.api.client import Sage50Client

        return Sage50Client
    if name in ("ApiKeyManager", "KeyMaterial"):
        from sage50_desktop.api import rotation

        return getattr(rotation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
