"""Fault injection: what the sandbox breaks on purpose, set through ``/sandbox/faults``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass
class Faults:
    """Active faults. Every field is a knob of ``POST /sandbox/faults`` (camelCase there).

    Attributes:
        every_nth: answer ``error_status`` to every Nth matching request (``None``: off).
        error_status: 503 or 429 (any 4xx/5xx is accepted).
        retry_after: ``Retry-After`` seconds sent with it (``None``: no header).
        path_prefix: only requests whose path starts with this count (default: the API).
        drop_after_bytes: cut the connection after this many bytes of a download body.
        drop_mode: ``"once"`` (the next download only) or ``"always"``.
        corrupt_next_download: flip bytes in the next download body (once).
        url_lifetime: seconds pre-signed URLs live while set (overrides the config).
        rotation_delay: seconds 3.1 waits before it answers.
        tracking_status: 6.1 reports this status instead of the real one (``None``: off),
            e.g. a status the contract does not know.
        html_answers: requests whose path starts with ``path_prefix`` answer
            ``200 text/html`` (a captive portal or a web server in front of the API).
        put_delay: seconds 5.2 (the PUT of an upload) waits before it reads the bytes
            (the upload stays ``pending`` meanwhile): a slow link, for races.
    """

    every_nth: int | None = None
    error_status: int = 503
    retry_after: float | None = 1
    path_prefix: str = "/api/"
    drop_after_bytes: int | None = None
    drop_mode: str = "once"
    corrupt_next_download: bool = False
    url_lifetime: float | None = None
    rotation_delay: float = 0.0
    tracking_status: str | None = None
    html_answers: bool = False
    put_delay: float = 0.0
    matched: int = 0  # requests counted towards every_nth so far
    injected: int = 0  # errors answered so far

    _CAMEL = {
        "every_nth": "everyNth",
        "error_status": "status",
        "retry_after": "retryAfter",
        "path_prefix": "pathPrefix",
        "drop_after_bytes": "dropAfterBytes",
        "drop_mode": "dropMode",
        "corrupt_next_download": "corruptNextDownload",
        "url_lifetime": "urlLifetime",
        "rotation_delay": "rotationDelay",
        "tracking_status": "trackingStatus",
        "html_answers": "htmlAnswers",
        "put_delay": "putDelay",
        "matched": "matched",
        "injected": "injected",
    }

    def to_json(self) -> dict[str, Any]:
        return {self._CAMEL[k]: v for k, v in asdict(self).items()}

    def update(self, body: dict[str, Any]) -> None:
        """Apply the camelCase (or snake_case) knobs of a control request; unknown: ValueError."""
        known = {f.name for f in fields(self)}
        reverse = {v: k for k, v in self._CAMEL.items()}
        for name, value in body.items():
            attr = reverse.get(name, name)
            if attr not in known or attr in ("matched", "injected"):
                raise ValueError(f"unknown fault knob: {name}")
            setattr(self, attr, value)
        if self.drop_mode not in ("once", "always"):
            raise ValueError("dropMode must be 'once' or 'always'")
        if "everyNth" in body or "every_nth" in body:
            self.matched = 0

    def inject_error(self, path: str) -> bool:
        """Count a request; True when it must answer the injected error."""
        if not self.every_nth or not path.startswith(self.path_prefix):
            return False
        self.matched += 1
        if self.matched % self.every_nth == 0:
            self.injected += 1
            return True
        return False

    def take_drop(self) -> int | None:
        """Bytes after which this download is cut (consumes a ``once`` fault)."""
        limit = self.drop_after_bytes
        if limit is not None and self.drop_mode == "once":
            self.drop_after_bytes = None
        return limit

    def take_corruption(self) -> bool:
        flag, self.corrupt_next_download = self.corrupt_next_download, False
        return flag
