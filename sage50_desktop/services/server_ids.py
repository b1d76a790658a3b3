"""Identifiers the platform hands out (``uploadId``...) are data, never paths.

* :func:`check_server_id` refuses ids that cannot be stored or shown safely
  (empty, longer than :data:`~sage50_desktop.api.limits.MAX_SERVER_ID_LENGTH`,
  control characters) with a clear message instead of a raw ``Errno 36``.
* :func:`file_name_for` derives a file name from an id: a strict allow-list
  prefix (letters, digits, ``-``/``_``) plus a hash of the whole id, so
  ``../../x``, ``CON`` or ``a/b`` never become path parts and two ids never
  share a name.
* :func:`path_inside` joins and checks the final path stays in its folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from sage50_desktop.api.errors import UnexpectedResponse
from sage50_desktop.api.limits import MAX_SERVER_ID_LENGTH

_ALLOWED = re.compile(r"[^A-Za-z0-9_-]+")
PREFIX_LENGTH = 40


class UnsafeServerId(UnexpectedResponse):
    """The platform gave an identifier the app cannot use."""

    hint = (
        "The server gave an upload ID the app cannot use. Nothing was sent. Check that "
        "the address points at the Sage 50 Cloud API; if it keeps happening, report it "
        "to the platform."
    )


class DuplicateUploadId(UnexpectedResponse):
    """The platform gave an upload id that an earlier upload already has."""

    hint = (
        "The server gave this new upload the ID of an earlier upload, so the file was "
        "not sent (it would mix up the two). Try again; if it keeps happening, report it "
        "to the platform."
    )


def check_server_id(value: object, what: str = "upload ID") -> str:
    """``value`` if it is a usable id; else :class:`UnsafeServerId` saying why."""
    if not isinstance(value, str) or not value.strip():
        raise UnsafeServerId(f"the server gave an empty {what}")
    if len(value) > MAX_SERVER_ID_LENGTH:
        raise UnsafeServerId(
            f"the server gave an {what} of {len(value):,} characters "
            f"(at most {MAX_SERVER_ID_LENGTH} are accepted)"
        )
    if any(unicodedata.category(ch)[0] == "C" for ch in value):
        raise UnsafeServerId(f"the server gave an {what} with control characters")
    return value


def file_name_for(server_id: str, suffix: str) -> str:
    """A file name for ``server_id``: ``<safe prefix>-<hash><suffix>``, never a path."""
    digest = hashlib.sha256(server_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    prefix = _ALLOWED.sub("_", server_id).strip("_-")[:PREFIX_LENGTH] or "id"
    return f"{prefix}-{digest}{suffix}"


def path_inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing anything that would land outside ``folder``."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise UnsafeServerId(f"refusing the file name {name!r}")
    path = folder / name
    if path.resolve(strict=False).parent != folder.resolve(strict=False):
        raise UnsafeServerId(f"refusing a file outside {folder.name}: {name!r}")
    return path
