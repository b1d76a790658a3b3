"""Entry point of the ``sage50`` command line: parser, dispatch, exit codes.

Every command is an ``async`` function ``(CliContext, Namespace) -> Result``
in a ``commands_*`` module, run with :func:`asyncio.run`. It calls the same
Qt-free services as the GUI. Errors end as one plain line on stderr (the
exception's ``hint``) and an exit code (:mod:`exit_codes`); ``--debug`` adds
the traceback and the log on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sqlite3
import sys
import traceback
from collections.abc import Coroutine, Sequence
from typing import Any

from sage50_desktop import __version__, logging_setup
from sage50_desktop.cli import (
    commands_data,
    commands_maintenance,
    commands_onboarding,
    commands_profile,
    commands_uploads,
)
from sage50_desktop.cli.context import CliContext
from sage50_desktop.cli.exit_codes import (
    INTERRUPTED,
    OK,
    TERMINATED,
    USAGE,
    exit_code_for,
)
from sage50_desktop.cli.output import Output, Result, one_line
from sage50_desktop.redaction import redact, strip_controls
from sage50_desktop.storage.data_folder import unwritable

log = logging.getLogger(__name__)

EPILOG = """\
exit codes:
  0  success
  1  anything else (network, server, local storage...)
  2  usage: bad options, unknown profile or upload, missing file
  3  consent needed or revoked (run 'sage50 consent')
  4  local validation failed: nothing was sent
  5  the platform rejected the upload (badRequest, failed, expired)
  130 interrupted (Ctrl+C)
  143 terminated (SIGTERM); temporary files are removed first

environment:
  SAGE50_DESKTOP_HOME     folder for all data, logs and settings (default: the
                          user's data folders)
  PYTHON_KEYRING_BACKEND  keyring backend class for the API key and secret
                          (default: the OS credential store)

examples:
  sage50 profile add shop --base-url https://api.example.com \\
      --developer-id D --application-id A --domain ecommerce
  sage50 --profile shop consent
  sage50 --profile shop download products --json
  sage50 --profile shop upload orders export.json --wait
"""


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors raised instead of exiting (so ``main`` returns 2)."""

    def error(self, message: str) -> Any:  # type: ignore[override]
        raise _UsageExit(self, message)


class _Terminated(Exception):
    """SIGTERM arrived: the command was cancelled (its clean-up ran)."""


async def _run_until_terminated(coro: Coroutine[Any, Any, Result]) -> Result:
    """Run the command; SIGTERM cancels it, so every ``finally`` runs (temp files go)."""
    task = asyncio.ensure_future(coro)
    loop = asyncio.get_running_loop()
    terminated = False

    def on_term() -> None:
        nonlocal terminated
        terminated = True
        task.cancel()

    installed = False
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        loop.add_signal_handler(signal.SIGTERM, on_term)  # not on Windows' Proactor loop
        installed = True
    try:
        return await task
    except asyncio.CancelledError:
        if terminated:
            raise _Terminated() from None
        raise
    finally:
        if installed:
            loop.remove_signal_handler(signal.SIGTERM)


class _UsageExit(Exception):
    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser


def _global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """``--profile``/``--json``/``--debug``: before or after the command name."""
    d = (lambda v: v) if defaults else (lambda v: argparse.SUPPRESS)
    parser.add_argument(
        "--profile",
        metavar="NAME",
        default=d("default"),
        help="connection profile to use (default: 'default')",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=d(False),
        help="print one JSON object on stdout instead of text",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=d(False),
        help="log to stderr too and show tracebacks",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sage50",
        description="Command line of Sage 50 Desktop: the Sage 50 Cloud file-exchange API\n"
        "for scripts and support. Uses the same profiles, credentials and data\n"
        "as the desktop app.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sage50 {__version__}")
    _global_options(parser, defaults=True)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, defaults=False)
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
    commands_profile.register(sub, common)
    commands_onboarding.register(sub, common)
    commands_data.register(sub, common)
    commands_uploads.register(sub, common)
    commands_maintenance.register(sub, common)
    return parser


def _storage_problem(exc: BaseException) -> str | None:
    """A plain line for an SQLite error (never its SQL or a library's URL)."""
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.Error):
        return None
    text = str(orig)
    if "full" in text:
        return "The disk that holds the app's data is full. Free some space, then try again."
    if "locked" in text or "busy" in text:
        return "Another Sage 50 Desktop process kept the app's data busy for too long. Try again."
    if "readonly" in text or "unable to open" in text:
        return (
            "The app cannot write to its data folder (it is read-only or not yours). "
            "Fix its permissions, then try again."
        )
    return (
        f"A local database is damaged ({one_line(text)}). Run the command again: a "
        "damaged cache is rebuilt on open; for the app's own database (connections, "
        "uploads) see 'sage50 restore-backup'."
    )


def _error_line(exc: BaseException) -> str:
    storage = _storage_problem(exc)
    if storage is not None:
        return storage
    hint = getattr(exc, "hint", None)
    detail = one_line(str(exc))
    if not hint:
        name = type(exc).__name__
        return f"{name}: {detail}" if detail else name
    if detail and detail not in hint:
        return f"{hint} ({detail})"
    return hint


def _error_result(exc: BaseException, code: int) -> Result:
    line = _error_line(exc)
    message = line if _storage_problem(exc) is not None else one_line(str(exc))
    data = {
        "error": {
            "type": type(exc).__name__,
            "message": message,
            "hint": getattr(exc, "hint", None) or line,
        },
        "exitCode": code,
    }
    return Result(data, [], code, line)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sage50`` with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    json_mode = "--json" in argv
    try:
        args = parser.parse_args(argv)
    except _UsageExit as exc:
        exc.parser.print_usage(sys.stderr)
        Output(json_mode).result(
            Result(
                {
                    "error": {"type": "UsageError", "message": str(exc), "hint": str(exc)},
                    "exitCode": USAGE,
                },
                [],
                USAGE,
                str(exc),
            )
        )
        return USAGE
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else OK
    out = Output(args.json)
    os.umask(0o077)  # files the app creates (data, logs, temp files): this user only
    # a log folder that cannot be written (full, read-only) leaves the file log quiet
    logging_setup.configure(logging.DEBUG if args.debug else logging.INFO, console=args.debug)
    log.info("sage50 %s: %s (profile %s)", __version__, args.command, args.profile)
    ctx = CliContext(args, out)
    try:
        result = asyncio.run(_run_until_terminated(args.handler(ctx, args)))
    except KeyboardInterrupt:
        out.error("interrupted.")
        return INTERRUPTED
    except _Terminated:
        log.info("sage50 %s terminated (SIGTERM)", args.command)
        out.error("terminated.")
        return TERMINATED
    except Exception as raised:
        error = unwritable(raised, ctx.data_folder) or raised  # a full / read-only folder
        code = exit_code_for(error)
        log.warning(
            "sage50 %s failed (exit %d): %s",
            args.command,
            code,
            one_line(str(error)),
            exc_info=args.debug,
        )
        if args.debug:
            sys.stderr.write(strip_controls(redact("".join(traceback.format_exception(error)))))
        result = _error_result(error, code)
    finally:
        ctx.close()
        _close_logging()
    out.result(result)
    return result.exit_code


def _close_logging() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_sage50", False):
            root.removeHandler(handler)
            handler.close()


if __name__ == "__main__":
    sys.exit(main())
