"""Errors of the API layer: one exception class per contract error code, plus transport.

Every class carries ``hint``: a plain sentence that tells the user what to do.
The UI translates by class (``type(exc).__name__``); the CLI prints ``hint``.
Messages never contain secrets or pre-signed URLs.
"""

from __future__ import annotations

from typing import Any

from sage50_desktop import error_catalogue
from sage50_desktop.api.contract import ErrorCode


class Sage50Error(Exception):
    """Base of everything the API layer raises."""

    hint = "Try again. If it keeps failing, check the log file."
    transient = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every expected error enters the one error catalogue, wherever it is defined."""
        super().__init_subclass__(**kwargs)
        error_catalogue.register(cls)

    def __init__(self, message: str = "", *, hint: str | None = None) -> None:
        super().__init__(message or self.__class__.__doc__ or self.__class__.__name__)
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


error_catalogue.register(Sage50Error)


# --- transport -------------------------------------------------------------
class TransportError(Sage50Error):
    """The server could not be reached or the connection broke."""

    transient = True
    hint = "Check the network connection and the server address, then try again."


class ServerUnreachable(TransportError):
    """The server did not accept the connection."""

    hint = "The server does not answer. Check the address in the connection settings, or start the sandbox, then retry."


class RequestTimeout(TransportError):
    """The server took too long to answer."""

    hint = "The server took too long to answer. Check the network connection, then try again."


class UntrustedCertificate(TransportError):
    """The server's TLS certificate is not trusted by this computer."""

    transient = False
    hint = (
        "The server's certificate is not trusted by this computer. If your company uses "
        "its own certificate authority, choose its CA bundle in Settings (Custom CA "
        "bundle) or install it in the system's trust store; otherwise check the address."
    )


class InsecureTransport(Sage50Error):
    """Plain http:// to a host other than loopback is refused."""

    hint = "Use an https:// address, or allow plain HTTP for this connection explicitly in its settings."


# --- HTTP answers ---------------------------------------------------------------
class ApiError(Sage50Error):
    """The platform answered with an error."""

    code: str | None = None
    hint = "The platform refused the request. Check the connection settings, then try again."

    def __init__(
        self,
        message: str = "",
        *,
        status: int = 0,
        code: str | None = None,
        retry_after: float | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        if code is not None:
            self.code = code
        self.retry_after = retry_after

    def __str__(self) -> str:
        base = self.message
        if self.code:
            return f"{base} ({self.status} {self.code})"
        return f"{base} (HTTP {self.status})" if self.status else base


class TransientApiError(ApiError):
    """A 5xx or 429 answer: worth retrying later."""

    transient = True
    hint = "The server is busy or having trouble. The app retries by itself; try again in a minute."


class RateLimited(TransientApiError):
    """429: too many requests."""

    hint = "The platform asks the app to slow down. The app waits and retries by itself."


class ServerError(TransientApiError):
    """5xx: the server failed."""

    hint = "The server had an internal problem. The app retries by itself; try again in a minute."


class UnexpectedResponse(ApiError):
    """The answer is not what the contract says (not JSON, missing fields, unknown code)."""

    hint = "The server answered something unexpected. Check that the address points at the Sage 50 Cloud API."


class InvalidRequest(ApiError):
    code = ErrorCode.INVALID_REQUEST
    hint = "A field is missing or malformed. Check what you entered."


class DeveloperNotFound(ApiError):
    code = ErrorCode.DEVELOPER_NOT_FOUND
    hint = "The developer ID is unknown. Copy it again from the registration e-mail."


class ApplicationNotFound(ApiError):
    code = ErrorCode.APPLICATION_NOT_FOUND
    hint = "The application ID is unknown. Copy it again from the registration e-mail."


class WeakSecret(ApiError):
    code = ErrorCode.WEAK_SECRET
    hint = "The secret must have at least 32 characters; let the app generate one."


class SecretMismatch(ApiError):
    code = ErrorCode.SECRET_MISMATCH
    hint = "The secret does not match this passcode. Request a new passcode."


class PasscodeNotFound(ApiError):
    code = ErrorCode.PASSCODE_NOT_FOUND
    hint = "The passcode is unknown. Request a new passcode."


class ApikeyRejected(ApiError):
    """Base of the 401 answers to a key operation."""

    hint = "The platform refused the API key. Grant consent again."


class ApikeyExpired(ApikeyRejected):
    code = ErrorCode.APIKEY_EXPIRED
    hint = "The API key expired; the app renews it by itself."


class ApikeyInvalid(ApikeyRejected):
    code = ErrorCode.APIKEY_INVALID
    hint = "The API key is not valid. Grant consent again."


class ApikeyRotated(ApiError):
    code = ErrorCode.APIKEY_ROTATED
    hint = "Another copy of the app renewed the key; the app picks up the new one by itself."


class ConsentRevoked(ApiError):
    """Consent withdrawn or lost: only a new passcode and consent can help."""

    code: str | None = ErrorCode.CONSENT_REVOKED
    hint = "Consent is needed: request a new passcode and ask the Sage 50 administrator to grant access again."


class InitialKeyMissing(ConsentRevoked):
    """The connection has no initial API key (stored before contract v2): rotation is impossible."""

    code = None
    hint = (
        "This connection was set up before the app kept the consent's initial API key, "
        "which every key renewal now needs. Consent must be given again: request a new "
        "passcode and ask the Sage 50 administrator to grant access."
    )


class PollingNotOffered(ApiError):
    """The platform answers 2.2 with 404/405 and no ``passcodeNotFound``: it does not offer polling."""

    hint = (
        "This platform does not offer polling for the passcode. Receive the key on an "
        "address of this computer (--listen), or paste the key your application's "
        "approvalUrl receiver got (--paste)."
    )


class DomainNotGranted(ApiError):
    code = ErrorCode.DOMAIN_NOT_GRANTED
    hint = "The consent does not cover this domain. Ask the Sage 50 administrator to grant it."


class ScopeNotFound(ApiError):
    code = ErrorCode.SCOPE_NOT_FOUND
    hint = "Sage 50 has not published this data set yet. Try again later."


class ScopeNotUploadable(ApiError):
    code = ErrorCode.SCOPE_NOT_UPLOADABLE
    hint = "Only Sage 50 delivers this data set; it cannot be uploaded."


class UrlExpired(ApiError):
    code = ErrorCode.URL_EXPIRED
    hint = "The download or upload link expired. Start the operation again."


class ChecksumMismatch(ApiError):
    code = ErrorCode.CHECKSUM_MISMATCH
    hint = "The file changed or broke while uploading. Upload it again."


class FileTooLarge(ApiError):
    code = ErrorCode.FILE_TOO_LARGE
    hint = "The file is larger than the platform accepts (256 MiB). Split it into smaller files."


class UploadNotFound(ApiError):
    code = ErrorCode.UPLOAD_NOT_FOUND
    hint = "The platform does not know this upload (wrong ID, or too old)."


# --- local integrity -----------------------------------------------------------
class DownloadCorrupt(Sage50Error):
    """The downloaded bytes do not match the announced size or SHA-256."""

    transient = True
    hint = "The download arrived damaged and was discarded. Download it again."


class CredentialsMissing(Sage50Error):
    """No API key or secret is stored for this connection."""

    hint = "This connection has no stored credentials: run the consent step again."


ERROR_CLASSES: dict[str, type[ApiError]] = {
    cls.code: cls
    for cls in (
        InvalidRequest,
        DeveloperNotFound,
        ApplicationNotFound,
        WeakSecret,
        SecretMismatch,
        PasscodeNotFound,
        ApikeyExpired,
        ApikeyInvalid,
        ApikeyRotated,
        ConsentRevoked,
        DomainNotGranted,
        ScopeNotFound,
        ScopeNotUploadable,
        UrlExpired,
        ChecksumMismatch,
        FileTooLarge,
        UploadNotFound,
    )
    if cls.code
}


def error_for(
    status: int, code: str | None, message: str, retry_after: float | None = None
) -> ApiError:
    """The exception for an error answer of the platform."""
    cls = ERROR_CLASSES.get(code or "")
    if cls is None:
        if status == 429:
            cls = RateLimited
        elif status >= 500:
            cls = ServerError
        elif status == 401:
            cls = ApikeyInvalid
        else:
            cls = UnexpectedResponse
    return cls(message or f"HTTP {status}", status=status, code=code, retry_after=retry_after)


def from_transport(exc: BaseException) -> TransportError:
    """The error for an httpx transport failure (connection, timeout, TLS)."""
    import ssl

    import httpx

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(
            cause
        ):
            return UntrustedCertificate(f"the server's certificate was refused: {cause}")
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
        return ServerUnreachable(f"cannot connect to the server: {type(exc).__name__}")
    if isinstance(exc, httpx.TimeoutException):
        return RequestTimeout(f"the server did not answer in time: {type(exc).__name__}")
    return TransportError(f"the connection failed: {type(exc).__name__}")


def is_transient(exc: BaseException) -> bool:
    return bool(getattr(exc, "transient", False))
