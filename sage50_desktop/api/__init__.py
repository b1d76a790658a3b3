"""Contract v1 of the Sage 50 Cloud API over httpx. No Qt here."""

from sage50_desktop.api.client import Sage50Client
from sage50_desktop.api.rotation import ApiKeyManager, KeyMaterial

__all__ = ["ApiKeyManager", "KeyMaterial", "Sage50Client"]
