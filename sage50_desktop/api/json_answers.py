"""Reading a server's answer safely: bounded in size, decoded with clear messages.

:func:`read_capped` streams a body and stops the moment it passes its limit
(:mod:`~sage50_desktop.api.limits`), so a hostile body never sits in memory;
:func:`decode_json` says *where* a body is not JSON or not UTF-8.
"""

from __future__ import annotations

from typing import Any

import httpx
import orjson

from sage50_desktop.api.errors import UnexpectedResponse
from sage50_desktop.api.limits import MIB


class AnswerTooLarge(UnexpectedResponse):
    """The server sent more than an answer of that kind may be."""

    hint = (
        "The server sent far more data than expected and the app stopped reading. Check "
        "that the address points at the Sage 50 Cloud API; if it does, report it to the "
        "platform."
    )


def size_words(n: int) -> str:
    return f"{n / MIB:.0f} MiB" if n >= MIB else f"{n // 1024} KiB" if n >= 1024 else f"{n} bytes"


async def read_capped(
    resp: httpx.Response, limit: int, what: str, *, truncate: bool = False
) -> bytes:
    """The body of a streamed ``resp``; past ``limit`` bytes: :class:`AnswerTooLarge`.

    With ``truncate`` the first ``limit`` bytes are returned instead (error bodies).
    """
    announced = resp.headers.get("content-length", "")
    if not truncate and announced.isdigit() and int(announced) > limit:
        raise AnswerTooLarge(
            f"{what}: the server announced {size_words(int(announced))}, "
            f"more than the {size_words(limit)} an answer may have",
            status=resp.status_code,
        )
    chunks: list[bytes] = []
    received = 0
    async for chunk in resp.aiter_bytes():
        received += len(chunk)
        if received > limit:
            if truncate:
                chunks.append(chunk[: limit - (received - len(chunk))])
                break
            raise AnswerTooLarge(
                f"{what}: the answer passed {size_words(limit)}, the most "
                "an answer may have; the app stopped reading",
                status=resp.status_code,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def json_problem(raw: bytes) -> str:
    """Where and why ``raw`` is not JSON, in plain words (UTF-8 position included)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"it is not valid UTF-8 text (invalid byte at position {exc.start:,})"
    if not raw.strip():
        return "it is empty"
    try:
        orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return f"it is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
    return "it is valid JSON"


def decode_json(raw: bytes, what: str, *, status: int = 0) -> Any:
    """``raw`` parsed; else :class:`UnexpectedResponse` naming the problem and its position."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise UnexpectedResponse(f"{what}: {json_problem(raw)}", status=status) from None
