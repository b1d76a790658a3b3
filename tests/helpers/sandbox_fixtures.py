"""The one way tests start the bundled sandbox: :func:`running_sandbox`.

``tests/conftest.py`` builds the shared ``sandbox`` fixture with it (a fresh
sandbox per test, the sizes below); a folder that needs a module-wide sandbox
or other sizes overrides ``sandbox`` with the same helper and its own values.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sage50_desktop.sandbox.config import SandboxConfig
from sage50_desktop.sandbox.testing import SandboxThread

# small data sets, quick processing steps, passcodes that outlive a slow test
DEFAULTS: dict[str, Any] = {
    "step_delay": 0.05,
    "customers": 40,
    "products": 60,
    "passcode_lifetime": 120,
}


@contextmanager
def running_sandbox(data_dir: Path | None = None, **config: Any) -> Iterator[SandboxThread]:
    """A real sandbox on a free loopback port, stopped afterwards.

    Args:
        data_dir: folder for its generated scope files (None: the sandbox's default).
        config: :class:`SandboxConfig` fields that differ from :data:`DEFAULTS`.
    """
    values = {**DEFAULTS, **config}
    if data_dir is not None:
        values["data_dir"] = data_dir
    sandbox = SandboxThread(SandboxConfig(**values)).start()
    try:
        yield sandbox
    finally:
        sandbox.stop()
