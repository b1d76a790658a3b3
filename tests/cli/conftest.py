"""Fixtures of the ``sage50`` command-line tests.

* ``sandbox``: the shared one of ``tests/conftest.py``.
* ``cli``: runs ``main([...])`` in-process and returns the exit code, stdout,
  stderr and (for ``--json``) the parsed object.
* ``profile`` / ``consented``: the ``default`` profile on that sandbox, before
  and after ``sage50 consent``.

Tests are plain sync functions: the CLI runs its own ``asyncio.run``.
"""

from __future__ import annotations

import orjson
import pytest
from cli_helpers import CliRun, add_profile, orders

from sage50_desktop.cli.main import main


@pytest.fixture
def cli(capsys):
    def run(*argv: str) -> CliRun:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


@pytest.fixture
def profile(cli, sandbox):
    result = add_profile(cli, sandbox)
    assert result.code == 0, result.err
    return sandbox


@pytest.fixture
def consented(cli, profile):
    profile.control.auto_approve(0)
    result = cli("--json", "consent", "--timeout", "30", "--poll-interval", "0.05")
    assert result.code == 0, result.err
    profile.control.auto_approve(None)
    return profile


@pytest.fixture
def orders_file(tmp_path):
    path = tmp_path / "orders.json"
    path.write_bytes(orjson.dumps(orders()))
    return path
