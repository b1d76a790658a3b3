"""Contract v2 of the Sage 50 Cloud file-exchange API: every wire detail in one place.

Both the client (``sage50_desktop.api``) and the bundled sandbox
(``sage50_desktop.sandbox``) import the names below, so a detail marked
**[assumed]** in ``../shared/contract/README.md`` changes in one commit when
the real platform is observed to differ. Nothing here does I/O.
"""

from __future__ import annotations

from urllib.parse import quote

CONTRACT_VERSION = "contract-v2"

# --- headers ---------------------------------------------------------------
APIKEY_HEADER = "apikey"  # [assumed] the key travels in this request header
SECRET_HEADER = "secret"  # [assumed] 2.2 passcode poll carries the secret here
SIGNATURE_HEADER = "X-Signature"  # [assumed] webhook signature header
SIGNATURE_PREFIX = "sha256="  # [assumed] X-Signature: sha256=<hex HMAC-SHA256(body, secret)>
RETRY_AFTER_HEADER = "Retry-After"

# --- limits ----------------------------------------------------------------
MIN_SECRET_LENGTH = 32
UPLOAD_SIZE_LIMIT = 256 * 1024 * 1024  # [assumed] 413 fileTooLarge above this

# --- domains and scopes (section 7) ----------------------------------------
ECOMMERCE = "ecommerce"
DOWNLOAD_SCOPES: dict[str, tuple[str, ...]] = {ECOMMERCE: ("customers", "products")}
UPLOAD_SCOPES: dict[str, tuple[str, ...]] = {ECOMMERCE: ("orders",)}


def scope_is_uploadable(domain: str, scope: str) -> bool:
    return scope in UPLOAD_SCOPES.get(domain, ())


# --- paths (all under /api/) -----------------------------------------------
def _seg(value: str) -> str:
    return quote(value, safe="")


def developers_path() -> str:  # 1.1
    return "/api/developers"


def applications_path(developer_id: str) -> str:  # 1.2
    return f"/api/developers/{_seg(developer_id)}/applications"


def passcodes_path(developer_id: str, application_id: str) -> str:  # 2.1
    return f"{applications_path(developer_id)}/{_seg(application_id)}/passcodes"


def passcode_path(developer_id: str, application_id: str, passcode: str) -> str:  # 2.2 [assumed]
    return f"{passcodes_path(developer_id, application_id)}/{_seg(passcode)}"


def apikeys_path(developer_id: str, application_id: str) -> str:  # 3.1 [assumed]
    return f"{applications_path(developer_id)}/{_seg(application_id)}/apikeys"


# --- 3.1 rotation (v2): PATCH {initialApikey, apikey} -> 200 {apikey, expiration?} ----
ROTATION_METHOD = "PATCH"  # documented (v1's POST answers 405)
ROTATION_SUCCESS = 200
ROTATION_INITIAL_FIELD = "initialApikey"  # [assumed] field name; the input is documented
ROTATION_CURRENT_FIELD = "apikey"  # [assumed] field name; the input is documented
ROTATION_NEW_KEY_FIELD = "apikey"
ROTATION_EXPIRATION_FIELD = "expiration"  # may be missing: expiry unknown, renew on the next 401


def rotation_body(initial_apikey: str, current_apikey: str) -> dict[str, str]:
    """The body of 3.1: the consent's initial key and the current (just expired) key."""
    return {ROTATION_INITIAL_FIELD: initial_apikey, ROTATION_CURRENT_FIELD: current_apikey}


# --- 2.2 polling [assumed]: a platform without it ----------------------------
POLLING_ABSENT_STATUSES = (404, 405)


def polling_not_offered(status: int, code: str | None) -> bool:
    """True when a 2.2 answer means "this platform does not offer polling".

    A ``404``/``405`` without a ``passcodeNotFound`` body. The other 404 codes
    of the path (``developerNotFound``, ``applicationNotFound``) come from a
    platform that routed the request, so they keep their own meaning.
    """
    return status in POLLING_ABSENT_STATUSES and code not in (
        ErrorCode.PASSCODE_NOT_FOUND,
        ErrorCode.DEVELOPER_NOT_FOUND,
        ErrorCode.APPLICATION_NOT_FOUND,
    )


# --- 2. approval push to approvalUrl (v2: the documented delivery) -----------
APPROVAL_PASSCODE_FIELD = "passcode"  # [assumed]
APPROVAL_DOMAIN_FIELD = "domain"  # [assumed]
APPROVAL_APIKEY_FIELD = "apikey"  # documented
APPROVAL_EXPIRATION_FIELD = "apikeyExpiration"  # [assumed], optional


def domain_files_path(domain: str) -> str:  # 4.1 [assumed]
    return f"/api/files/{_seg(domain)}"


def scope_file_path(domain: str, scope: str) -> str:  # 4.2 and 5.1
    return f"{domain_files_path(domain)}/{_seg(scope)}"


def tracking_path(
    upload_id: str,
) -> str:  # 6.1 [assumed] trackingUrl shape (clients treat it as opaque)
    return f"/api/tracking/{_seg(upload_id)}"


# --- ETag (4.2) [assumed] ----------------------------------------------------
def etag_for_version(version: str) -> str:
    return f'"{version}"'


def version_from_etag(etag: str | None) -> str | None:
    if not etag:
        return None
    etag = etag.strip()
    if etag.startswith("W/"):
        etag = etag[2:]
    return etag[1:-1] if len(etag) >= 2 and etag[0] == etag[-1] == '"' else etag


# --- error codes [assumed body: {"code", "message"}] --------------------------
class ErrorCode:
    INVALID_REQUEST = "invalidRequest"
    DEVELOPER_NOT_FOUND = "developerNotFound"
    APPLICATION_NOT_FOUND = "applicationNotFound"
    WEAK_SECRET = "weakSecret"
    SECRET_MISMATCH = "secretMismatch"
    PASSCODE_NOT_FOUND = "passcodeNotFound"
    APIKEY_EXPIRED = "apikeyExpired"
    APIKEY_INVALID = "apikeyInvalid"
    APIKEY_ROTATED = "apikeyRotated"  # [assumed] 409
    CONSENT_REVOKED = "consentRevoked"
    DOMAIN_NOT_GRANTED = "domainNotGranted"
    SCOPE_NOT_FOUND = "scopeNotFound"
    SCOPE_NOT_UPLOADABLE = "scopeNotUploadable"  # [assumed] 400
    URL_EXPIRED = "urlExpired"
    CHECKSUM_MISMATCH = "checksumMismatch"
    FILE_TOO_LARGE = "fileTooLarge"
    UPLOAD_NOT_FOUND = "uploadNotFound"


# code -> HTTP status the platform answers it with
ERROR_STATUS: dict[str, int] = {
    ErrorCode.INVALID_REQUEST: 400,
    ErrorCode.WEAK_SECRET: 400,
    ErrorCode.SCOPE_NOT_UPLOADABLE: 400,
    ErrorCode.CHECKSUM_MISMATCH: 400,
    ErrorCode.APIKEY_EXPIRED: 401,
    ErrorCode.APIKEY_INVALID: 401,
    ErrorCode.SECRET_MISMATCH: 403,
    ErrorCode.CONSENT_REVOKED: 403,
    ErrorCode.DOMAIN_NOT_GRANTED: 403,
    ErrorCode.URL_EXPIRED: 403,
    ErrorCode.DEVELOPER_NOT_FOUND: 404,
    ErrorCode.APPLICATION_NOT_FOUND: 404,
    ErrorCode.PASSCODE_NOT_FOUND: 404,
    ErrorCode.SCOPE_NOT_FOUND: 404,
    ErrorCode.UPLOAD_NOT_FOUND: 404,
    ErrorCode.APIKEY_ROTATED: 409,
    ErrorCode.FILE_TOO_LARGE: 413,
}


# --- passcode status (2.2) [assumed] ----------------------------------------
class PasscodeState:
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    EXPIRED = "expired"
    ALL = (PENDING, APPROVED, DENIED, EXPIRED)


# --- tracking status (6.1) ---------------------------------------------------
class UploadStatus:
    PENDING = "pending"
    VALIDATING = "validating"
    AVAILABLE = "available"
    BAD_REQUEST = "badRequest"
    EXPIRED = "expired"  # [assumed]
    DOWNLOADED = "downloaded"
    PROCESSING = "processing"
    ACCEPTED = "accepted"
    FAILED = "failed"
    # in the order the contract lists them
    ALL = (
        PENDING,
        VALIDATING,
        AVAILABLE,
        BAD_REQUEST,
        EXPIRED,
        DOWNLOADED,
        PROCESSING,
        ACCEPTED,
        FAILED,
    )
    TERMINAL = frozenset({ACCEPTED, FAILED, BAD_REQUEST, EXPIRED})
    # terminal statuses that may carry a downloadResultUrl (possibly late)
    WITH_RESULT = frozenset({ACCEPTED, FAILED, BAD_REQUEST})
    # the happy path, for timelines
    HAPPY_PATH = (PENDING, VALIDATING, AVAILABLE, DOWNLOADED, PROCESSING, ACCEPTED)


# --- tracking patience (6) [assumed] -----------------------------------------
# An ``available`` upload waits until the Sage 50 installation is online (hours
# or days): clients keep tracking it with a growing interval up to this ceiling.
TRACKING_MAX_INTERVAL = 15 * 60.0


def status_is_terminal(status: str) -> bool:
    """Terminal statuses end tracking; a status the app does not know never does."""
    return status in UploadStatus.TERMINAL


# --- result file (6.2) [assumed] -------------------------------------------
class RecordOutcome:
    ACCEPTED = "accepted"
    REJECTED = "rejected"


def record_key_for_index(index: int) -> str:
    """The id a result file gives a record that has none: ``#<0-based index>``."""
    return f"#{index}"
