"""Pre-signed URLs: the signature and expiry travel in the query string.

``/presigned/<kind>/<id>?expires=<unix seconds>&token=<hex HMAC>`` where the
HMAC (SHA-256, keyed with the server's signing key) covers kind, id and
expiry. A URL whose token does not verify or whose expiry has passed answers
``403 urlExpired``.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote

from aiohttp import web

from sage50_desktop.api.contract import ErrorCode
from sage50_desktop.sandbox.wire import fail, now

PREFIX = "/presigned"
FILES, UPLOADS, RESULTS = "files", "uploads", "results"


class UrlSigner:
    """Signs and checks pre-signed URLs.

    Args:
        key: hex signing key (kept in the state file, so URLs survive a restart).
    """

    def __init__(self, key: str) -> None:
        self._key = bytes.fromhex(key)

    def _token(self, kind: str, ident: str, expires: int) -> str:
        msg = f"{kind}\n{ident}\n{expires}".encode()
        return hmac.new(self._key, msg, hashlib.sha256).hexdigest()

    def sign(self, base_url: str, kind: str, ident: str, lifetime: float) -> tuple[str, float]:
        """The absolute URL and its expiry (POSIX seconds)."""
        expires = int(now() + lifetime + 0.999)
        url = (
            f"{base_url}{PREFIX}/{kind}/{quote(ident, safe='')}"
            f"?expires={expires}&token={self._token(kind, ident, expires)}"
        )
        return url, float(expires)

    def check(self, request: web.Request, kind: str) -> str:
        """The id a request's URL is signed for, or ``403 urlExpired``."""
        ident = request.match_info["ident"]
        try:
            expires = int(request.query.get("expires", ""))
        except ValueError:
            fail(ErrorCode.URL_EXPIRED, "The URL is not valid.")
        token = request.query.get("token", "")
        if not hmac.compare_digest(token, self._token(kind, ident, expires)):
            fail(ErrorCode.URL_EXPIRED, "The URL is not valid.")
        if now() >= expires:
            fail(ErrorCode.URL_EXPIRED, "The URL has expired.")
        return ident
