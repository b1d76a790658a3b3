"""What every command gets: the parsed arguments, the output and the app core.

The :class:`~sage50_desktop.services.runtime.Runtime` is the same one the GUI
builds (data folder from ``SAGE50_DESKTOP_HOME``, OS keyring through
``keyring``, honouring ``PYTHON_KEYRING_BACKEND``); it is opened lazily so
``--help`` and usage errors touch nothing on disk.
"""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sage50_desktop import paths
from sage50_desktop.cli.exit_codes import UsageError
from sage50_desktop.cli.output import Output
from sage50_desktop.services.connection import Connection
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.storage.profiles import Profile, ProfileNotFound


class CliContext:
    def __init__(self, args: argparse.Namespace, out: Output) -> None:
        self.args = args
        self.out = out
        self._runtime: Runtime | None = None

    @property
    def profile_name(self) -> str:
        return self.args.profile

    @property
    def data_folder(self) -> Path:
        """The data folder (the runtime's when open; never created here)."""
        if self._runtime is not None:
            return self._runtime.data_dir
        return paths.data_dir_path()

    @property
    def runtime(self) -> Runtime:
        if self._runtime is None:
            self._runtime = Runtime()
        return self._runtime

    def profile(self) -> Profile:
        """The profile chosen with ``--profile`` (exit 2 when it does not exist)."""
        try:
            return self.runtime.profiles.get(self.profile_name)
        except ProfileNotFound:
            raise UsageError(
                f"no profile named {self.profile_name!r}",
                hint=(
                    f"No profile named {self.profile_name!r}. Create it with "
                    f"'sage50 profile add {self.profile_name} --base-url URL --developer-id D "
                    "--application-id A --domain DOMAIN', or choose one with --profile."
                ),
            ) from None

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        """The live connection of the chosen profile (closed on exit)."""
        conn = self.runtime.connect(self.profile())
        try:
            yield conn
        finally:
            await conn.aclose()

    def close(self) -> None:
        if self._runtime is not None:
            self._runtime.close()
            self._runtime = None
