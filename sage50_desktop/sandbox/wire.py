"""JSON bodies, error answers and timestamps as the sandbox puts them on the wire."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any, NoReturn

import orjson
from aiohttp import web

from sage50_desktop.api import contract

JSON_TYPE = "application/json"


def iso(ts: float) -> str:
    """A POSIX time as ISO-8601 UTC with a ``Z`` suffix (millisecond precision)."""
    text = datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def now() -> float:
    return time.time()


def json_response(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.Response(
        body=orjson.dumps(body),
        status=status,
        headers=headers,
        content_type=JSON_TYPE,
        charset="utf-8",
    )


class ApiFailure(Exception):
    """Raised by handlers; the middleware turns it into ``{"code", "message"}``."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or contract.ERROR_STATUS[code]


def fail(code: str, message: str) -> NoReturn:
    raise ApiFailure(code, message)


def error_response(
    code: str, message: str, status: int | None = None, headers: dict[str, str] | None = None
) -> web.Response:
    return json_response(
        {"code": code, "message": message}, status or contract.ERROR_STATUS[code], headers
    )


async def read_json_object(request: web.Request) -> dict[str, Any]:
    """The request body as a JSON object, or ``400 invalidRequest``."""
    raw = await request.read()
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        fail(contract.ErrorCode.INVALID_REQUEST, "The body is not valid JSON.")
    if not isinstance(body, dict):
        fail(contract.ErrorCode.INVALID_REQUEST, "The body must be a JSON object.")
    return body


def req_str(body: dict[str, Any], name: str, *, where: str = "") -> str:
    value = body.get(name)
    if value is None:
        fail(contract.ErrorCode.INVALID_REQUEST, f"Missing field: {where}{name}.")
    if not isinstance(value, str) or not value.strip():
        fail(contract.ErrorCode.INVALID_REQUEST, f"Malformed field: {where}{name}.")
    return value


def opt_str(body: dict[str, Any], name: str, *, where: str = "") -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        fail(contract.ErrorCode.INVALID_REQUEST, f"Malformed field: {where}{name}.")
    return value


def opt_url(body: dict[str, Any], name: str, *, where: str = "") -> str | None:
    value = opt_str(body, name, where=where)
    if value is not None and not value.startswith(("http://", "https://")):
        fail(contract.ErrorCode.INVALID_REQUEST, f"Malformed field: {where}{name} (not a URL).")
    return value


def route(path_fn: Any, *params: str) -> str:
    """An aiohttp route template built from a ``contract.*_path`` function.

    ``route(contract.passcode_path, "developer_id", "application_id", "passcode")``
    gives ``/api/developers/{developer_id}/applications/{application_id}/passcodes/{passcode}``,
    so no path is typed twice.
    """
    marks = [f"zzparam{i}zz" for i in range(len(params))]
    path = path_fn(*marks)
    for mark, param in zip(marks, params, strict=True):
        path = path.replace(mark, "{" + param + "}")
    return path
