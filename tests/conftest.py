"""Test set-up shared by the whole suite.

* Headless Qt (``QT_QPA_PLATFORM=offscreen``) and user folders under tmp
  (``SAGE50_DESKTOP_HOME``): tests never touch the real profile.
* A test keyring backend: tests never touch the user's keychain.
* ``sandbox``: a real sandbox server on a free loopback port (real sockets), one
  per test, started by ``sandbox_fixtures.running_sandbox`` (folders that need a
  module-wide one or other sizes override it with the same helper).
* ``runtime`` / ``connection``: the app core on tmp folders, with a profile
  onboarded on that sandbox.
* Every test fails on a warning (or worse) logged by the app's loggers (the
  sandbox's aside: it is the test server); a test whose path logs one on
  purpose says so with ``@pytest.mark.log_warnings_expected("why")``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging  # noqa: E402

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend for tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.entries:
            raise PasswordDeleteError(username)
        del self.entries[(service, username)]


@pytest.fixture(autouse=True)
def test_keyring(monkeypatch) -> MemoryKeyring:
    from keyring import backend as keyring_backend

    # when the app re-detects the backend (no usable store: Retry), it must find neither the
    # user's real keychain nor the suite's own test backends: this machine has none
    monkeypatch.setattr(keyring_backend, "get_all_keyring", lambda: [])
    # the suite's keyring stands in for the OS store: the app names it, without the warning
    # it logs for a backend it does not know (tests/storage checks that warning itself)
    from sage50_desktop.storage import credential_backend

    monkeypatch.setitem(
        credential_backend._SYSTEM_NAMES,
        f"{MemoryKeyring.__module__}.{MemoryKeyring.__qualname__}",
        "MemoryKeyring (the tests' in-memory keyring)",
    )
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def app_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SAGE50_DESKTOP_HOME", str(home))
    return home


class _WarningCatcher(logging.Handler):
    """Keeps the WARNING-or-worse records of the app's loggers."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("sage50_desktop") and not record.name.startswith(
            "sage50_desktop.sandbox"
        ):
            self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_logged_warning(request):
    """A warning logged by the app fails the test, unless it is marked as expecting one."""
    expected = request.node.get_closest_marker("log_warnings_expected")
    if expected is not None:
        if not (expected.args and str(expected.args[0]).strip()):
            pytest.fail("log_warnings_expected needs a reason", pytrace=False)
        yield None
        return
    catcher = _WarningCatcher()
    logger = logging.getLogger("sage50_desktop")
    logger.addHandler(catcher)
    yield catcher
    logger.removeHandler(catcher)
    if catcher.records:
        lines = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in catcher.records[:5]]
        pytest.fail("unexpected logged warning(s):\n" + "\n".join(lines), pytrace=False)


@pytest.fixture
def sandbox(tmp_path):
    """The shared sandbox: fresh for each test, small data sets (``sandbox_fixtures.DEFAULTS``)."""
    from sandbox_fixtures import running_sandbox

    with running_sandbox(tmp_path / "sandbox-data") as sb:
        yield sb
