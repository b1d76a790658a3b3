"""The one policy for every URL that comes from outside the app.

* :func:`check_base_url`: the connection's own address (typed by the user):
  http(s), a host, no ``user:password@``; plain http only to loopback unless the
  connection allows it.
* :func:`check_platform_url`: a URL the platform hands out (pre-signed
  download/upload/result links, tracking links, redirect targets): absolute,
  https (http only to loopback or on a connection that allows it), no
  credentials.
* :func:`check_redirect`: a redirect target: the same rules, and never from
  https down to http.
* :func:`check_browser_url`: a URL to show for the browser (the registration
  page): https, or http on loopback only.
* :func:`same_origin`: the API key goes only to the connection's own origin.

Refusals are :class:`UnsafeUrl` (not transient: retrying cannot help) or, for
the user's own address, :class:`InvalidBaseUrl`/:class:`CredentialsInUrl`.
Messages show URLs through :func:`~sage50_desktop.redaction.redact_url`.
"""

from __future__ import annotations

import ipaddress

import httpx

from sage50_desktop.api.errors import InsecureTransport, Sage50Error, UnexpectedResponse
from sage50_desktop.redaction import redact_url


class InvalidBaseUrl(Sage50Error):
    """The server address is not an http(s) URL."""

    hint = "Enter the full address, for example https://api.example.com."


class CredentialsInUrl(InvalidBaseUrl):
    """The server address carries a user name or password."""

    hint = (
        "Remove the user name and password from the address (the part before '@'): "
        "the app signs in with its API key, never with a password in the address."
    )


class UnsafeUrl(UnexpectedResponse):
    """The platform handed out a link the app refuses to follow."""

    hint = (
        "The server gave a link the app does not follow (not https, with a password, "
        "or not a web address). Check that the address points at the Sage 50 Cloud "
        "API; if the problem stays, report it to the platform."
    )


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _parse(url: str | httpx.URL) -> httpx.URL | None:
    if isinstance(url, httpx.URL):
        return url
    try:
        return httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return None


def has_credentials(url: httpx.URL) -> bool:
    return bool(url.userinfo)


def check_base_url(base_url: str, allow_insecure_http: bool = False) -> httpx.URL:
    """The connection's base URL; path prefixes (``https://host/sage50``) are kept."""
    url = _parse(base_url.strip())
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise InvalidBaseUrl(f"not an http(s) address: {redact_url(base_url)!r}")
    if has_credentials(url):
        raise CredentialsInUrl("the server address contains a user name or password")
    if url.scheme == "http" and not allow_insecure_http and not is_loopback(url.host):
        raise InsecureTransport(f"plain http:// to {url.host} is not allowed")
    return url


def check_platform_url(
    url: str | httpx.URL, *, what: str, allow_insecure_http: bool = False
) -> httpx.URL:
    """A URL the platform gave (``what``: "download", "upload", "result", "tracking"...)."""
    parsed = _parse(url)
    shown = redact_url(str(url))
    if parsed is None:
        raise UnsafeUrl(f"the platform gave a {what} link that is not a valid address")
    if not parsed.scheme or not parsed.host:
        if parsed.scheme and parsed.scheme not in ("http", "https"):
            raise UnsafeUrl(
                f"the platform gave a {what} link with the scheme "
                f"{parsed.scheme}:, which the app never follows"
            )
        raise UnsafeUrl(
            f"the platform gave a relative {what} link ({shown}) instead of a full https:// address"
        )
    if parsed.scheme not in ("http", "https"):
        raise UnsafeUrl(
            f"the platform gave a {what} link with the scheme {parsed.scheme}:, "
            "which the app never follows"
        )
    if has_credentials(parsed):
        raise UnsafeUrl(f"the platform gave a {what} link with a user name or password in it")
    if parsed.scheme == "http" and not allow_insecure_http and not is_loopback(parsed.host):
        raise UnsafeUrl(
            f"the platform gave a plain http:// {what} link to {parsed.host}; "
            "only https is used outside this computer"
        )
    return parsed


def check_redirect(
    current: httpx.URL, target: str | httpx.URL, *, what: str, allow_insecure_http: bool = False
) -> httpx.URL:
    """A redirect from ``current``: the platform-URL rules, and no https -> http downgrade."""
    parsed = _parse(target)
    if parsed is not None and parsed.is_relative_url:
        parsed = current.join(parsed)
    checked = check_platform_url(
        parsed if parsed is not None else str(target),
        what=f"{what} redirect",
        allow_insecure_http=allow_insecure_http,
    )
    if current.scheme == "https" and checked.scheme != "https":
        raise UnsafeUrl(
            f"the {what} link redirected from https:// to plain http:// "
            f"({checked.host}); the app does not downgrade"
        )
    return checked


def check_browser_url(url: str) -> str:
    """A URL to open in (or copy to) the browser: https, or http on loopback."""
    parsed = _parse(url.strip()) if isinstance(url, str) else None
    if (
        parsed is None
        or not parsed.host
        or parsed.scheme not in ("http", "https")
        or has_credentials(parsed)
        or (parsed.scheme == "http" and not is_loopback(parsed.host))
    ):
        raise UnsafeUrl("the platform gave a web page address that is not https; it is not opened")
    return str(parsed)


def same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def origin(url: httpx.URL) -> str:
    """``scheme://host[:port]`` of ``url`` (for messages: no path, no credentials)."""
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}"


def display_url(url: str) -> str:
    """``url`` without credentials, query or fragment (for lists and messages)."""
    parsed = _parse(url)
    if parsed is None:
        return redact_url(url)
    if parsed.userinfo:
        parsed = parsed.copy_with(username=None, password=None)
    return redact_url(str(parsed))
