"""What the CLI prints: text or one JSON object on stdout, errors and progress on stderr.

* :class:`Result` is what a command returns: the JSON object (``data``),
  the text lines for people (``text``), and an exit code with an optional
  one-line error for results that are not successes (a rejected upload still
  prints its result).
* :class:`Output` writes it. With ``--json`` stdout gets exactly one JSON
  object and nothing else; notices a person must see (the passcode) go to
  stderr instead.
* :class:`ProgressBar` draws on stderr only when stderr is a terminal;
  otherwise it does nothing, so logs and pipes stay clean.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

import orjson

from sage50_desktop.api.models import format_timestamp
from sage50_desktop.redaction import strip_controls


def ts(value: datetime | None) -> str | None:
    """A timestamp as ISO-8601 UTC (``...Z``) for JSON and text."""
    return format_timestamp(value) if value is not None else None


@dataclass
class Result:
    """The outcome of one command."""

    data: dict[str, Any]
    text: list[str] = field(default_factory=list)
    exit_code: int = 0
    error: str | None = None  # one line for stderr when exit_code != 0


def one_line(text: str) -> str:
    return " ".join(strip_controls(str(text)).split())


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return ts(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(data: dict[str, Any]) -> str:
    return orjson.dumps(
        data, default=_default, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SORT_KEYS
    ).decode()


class Output:
    """Where the command line writes (streams looked up at call time, for tests)."""

    def __init__(
        self, json_mode: bool = False, *, stdout: TextIO | None = None, stderr: TextIO | None = None
    ) -> None:
        self.json_mode = json_mode
        self._stdout = stdout
        self._stderr = stderr

    @property
    def stdout(self) -> TextIO:
        return self._stdout or sys.stdout

    @property
    def stderr(self) -> TextIO:
        return self._stderr or sys.stderr

    def notice(self, text: str) -> None:
        """Something a person must read while a command runs (e.g. the passcode)."""
        stream = self.stderr if self.json_mode else self.stdout
        print(strip_controls(text), file=stream, flush=True)

    def result(self, result: Result) -> None:
        if self.json_mode:
            print(dumps(result.data), file=self.stdout, flush=True)
        else:
            for line in result.text:  # outside text: no terminal control sequences
                print(strip_controls(line), file=self.stdout)
            self.stdout.flush()
        if result.error:
            self.error(result.error)

    def error(self, text: str) -> None:
        print(f"sage50: {one_line(text)}", file=self.stderr, flush=True)

    def progress(self, label: str = "") -> ProgressBar:
        return ProgressBar(self.stderr, label)


def human_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(n) < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


class ProgressBar:
    """A one-line progress bar on ``stream``; a no-op unless ``stream`` is a terminal."""

    WIDTH = 30
    MIN_INTERVAL = 0.1

    def __init__(self, stream: TextIO, label: str = "") -> None:
        self.stream = stream
        try:
            self.enabled = bool(stream.isatty())
        except (AttributeError, ValueError):
            self.enabled = False
        self.label = label
        self._last = 0.0
        self._drawn = False

    def update(
        self,
        done: float,
        total: float | None = None,
        label: str | None = None,
        *,
        unit: str = "bytes",
        force: bool = False,
    ) -> None:
        if not self.enabled:
            return
        if label is not None:
            self.label = label
        now = time.monotonic()
        if not force and now - self._last < self.MIN_INTERVAL:
            return
        self._last = now
        if total:
            share = max(0.0, min(1.0, done / total))
            filled = int(share * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            amount = {"bytes": f" {human_size(done)}/{human_size(total)}", "percent": ""}.get(
                unit, f" {done:.0f}/{total:.0f} {unit}"
            )
            line = f"[{bar}] {share * 100:3.0f}%{amount}"
        else:
            line = human_size(done) if unit == "bytes" else f"{done:.0f} {unit}"
        text = strip_controls(f"{self.label} {line}", keep_newlines=False).strip()
        columns = shutil.get_terminal_size((80, 20)).columns
        self.stream.write("\r" + text[: columns - 1].ljust(columns - 1))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
