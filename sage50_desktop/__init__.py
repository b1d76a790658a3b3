"""Sage 50 Desktop: administration app for a Sage 50 Cloud file-exchange integration."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("sage50-desktop")
except _metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

APP_NAME = "sage50-desktop"
APP_DISPLAY_NAME = "Sage 50 Desktop"
