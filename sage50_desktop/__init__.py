"""Sage 50 Desktop: administration app for a Sage 50 Cloud file-exchange integration."""

#: the one place the version is written (pyproject.toml reads it: ``[tool.hatch.version]``);
#: a literal, not ``importlib.metadata`` (~0.1 s at every start, before the first window)
__version__ = "0.1.0"

APP_NAME = "sage50-desktop"
APP_DISPLAY_NAME = "Sage 50 Desktop"
