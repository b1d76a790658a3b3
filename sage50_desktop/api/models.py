"""Typed response and request models of contract v2.

Each response model has ``from_json`` that checks the fields the contract
requires and raises :class:`UnexpectedResponse` when one is missing or of the
wrong type, so a server answering something else fails clearly, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sage50_desktop.api import contract
from sage50_desktop.api.contract import PasscodeState, UploadStatus
from sage50_desktop.api.errors import UnexpectedResponse


def parse_timestamp(value: str) -> datetime:
    """ISO-8601 UTC with a ``Z`` suffix (or an offset) to an aware datetime."""
    try:
        text = value[:-1] + "+00:00" if value.endswith("Z") else value
        parsed = datetime.fromisoformat(text)
    except (TypeError, ValueError, AttributeError) as exc:
        raise UnexpectedResponse(f"bad timestamp {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def format_timestamp(value: datetime) -> str:
    """An aware datetime as ISO-8601 UTC with a ``Z`` suffix (seconds precision)."""
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class _Reader:
    """Reads required/optional fields of a JSON object, with clear errors."""

    def __init__(self, data: Any, what: str) -> None:
        if not isinstance(data, dict):
            raise UnexpectedResponse(f"{what}: expected a JSON object")
        self.data = data
        self.what = what

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise UnexpectedResponse(f"{self.what}: missing field {key!r}")
            return None
        if not isinstance(value, str):
            raise UnexpectedResponse(f"{self.what}: field {key!r} is not a string")
        return value

    def req(self, key: str) -> str:
        value = self.text(key)
        assert value is not None
        return value

    def integer(self, key: str, required: bool = True) -> int | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise UnexpectedResponse(f"{self.what}: field {key!r} is not an integer")
        return value

    def ts(self, key: str, required: bool = True) -> datetime | None:
        value = self.text(key, required)
        return parse_timestamp(value) if value is not None else None


# --- 1. registration ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ApplicationRegistration:
    name: str
    domain: str
    approval_url: str | None = None
    notification_url: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"name": self.name, "domain": self.domain}
        if self.approval_url:
            body["approvalUrl"] = self.approval_url
        if self.notification_url:
            body["notificationUrl"] = self.notification_url
        return body


@dataclass(frozen=True, slots=True)
class RegistrationCreated:
    registration_url: str

    @classmethod
    def from_json(cls, data: Any) -> RegistrationCreated:
        return cls(_Reader(data, "registration").req("registrationUrl"))


# --- 2. consent ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PasscodeCreated:
    passcode: str
    expiration: datetime

    @classmethod
    def from_json(cls, data: Any) -> PasscodeCreated:
        r = _Reader(data, "passcode")
        return cls(r.req("passcode"), r.ts("expiration"))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class PasscodeStatus:
    status: str
    domain: str
    apikey: str | None = field(default=None, repr=False)
    apikey_expiration: datetime | None = None

    @classmethod
    def from_json(cls, data: Any) -> PasscodeStatus:
        r = _Reader(data, "passcode status")
        status = r.req("status")
        if status not in PasscodeState.ALL:
            raise UnexpectedResponse(f"passcode status: unknown status {status!r}")
        return cls(
            status, r.req("domain"), r.text("apikey", False), r.ts("apikeyExpiration", False)
        )


@dataclass(frozen=True, slots=True)
class ApprovalEvent:
    """The body the platform POSTs to ``approvalUrl`` when access is granted (section 2)."""

    passcode: str
    domain: str
    apikey: str = field(repr=False)
    apikey_expiration: datetime | None = None

    @classmethod
    def from_json(cls, data: Any) -> ApprovalEvent:
        r = _Reader(data, "approval")
        return cls(
            r.req(contract.APPROVAL_PASSCODE_FIELD),
            r.req(contract.APPROVAL_DOMAIN_FIELD),
            r.req(contract.APPROVAL_APIKEY_FIELD),
            r.ts(contract.APPROVAL_EXPIRATION_FIELD, False),
        )


# --- 3. rotation -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ApikeyIssued:
    """Answer of 3.1; ``expiration`` may be missing (expiry unknown: renew on the next 401)."""

    apikey: str = field(repr=False)
    expiration: datetime | None = None

    @classmethod
    def from_json(cls, data: Any) -> ApikeyIssued:
        r = _Reader(data, "apikey")
        key = r.req(contract.ROTATION_NEW_KEY_FIELD)
        try:
            expiration = r.ts(contract.ROTATION_EXPIRATION_FIELD, False)
        except UnexpectedResponse:
            expiration = None  # never discard an issued key for a field we can do without
        return cls(key, expiration)


# --- 4. scope files ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ScopeSummary:
    scope: str
    version: str
    last_modified: datetime
    size: int
    sha256: str

    @classmethod
    def from_json(cls, data: Any) -> ScopeSummary:
        r = _Reader(data, "scope")
        return cls(
            r.req("scope"),
            r.req("version"),
            r.ts("lastModified"),  # type: ignore[arg-type]
            r.integer("size"),  # type: ignore[arg-type]
            r.req("sha256"),
        )


@dataclass(frozen=True, slots=True)
class ScopeList:
    domain: str
    scopes: tuple[ScopeSummary, ...]

    @classmethod
    def from_json(cls, data: Any) -> ScopeList:
        r = _Reader(data, "scope list")
        items = data.get("scopes")
        if not isinstance(items, list):
            raise UnexpectedResponse("scope list: 'scopes' is not an array")
        return cls(r.req("domain"), tuple(ScopeSummary.from_json(item) for item in items))


@dataclass(frozen=True, slots=True)
class ScopeFileInfo:
    domain: str
    scope: str
    version: str
    last_modified: datetime
    size: int
    sha256: str
    file_name: str
    download_url: str = field(repr=False)  # pre-signed: never logged
    download_url_expiration: datetime

    @classmethod
    def from_json(cls, data: Any) -> ScopeFileInfo:
        r = _Reader(data, "scope file")
        return cls(
            r.req("domain"),
            r.req("scope"),
            r.req("version"),
            r.ts("lastModified"),  # type: ignore[arg-type]
            r.integer("size"),  # type: ignore[arg-type]
            r.req("sha256"),
            r.req("fileName"),
            r.req("downloadUrl"),
            r.ts("downloadUrlExpiration"),  # type: ignore[arg-type]
        )


# --- 5. uploads ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class UploadCreated:
    upload_id: str
    upload_url: str = field(repr=False)  # pre-signed: never logged
    upload_url_expiration: datetime
    tracking_url: str

    @classmethod
    def from_json(cls, data: Any) -> UploadCreated:
        r = _Reader(data, "upload")
        return cls(
            r.req("uploadId"),
            r.req("uploadUrl"),
            r.ts("uploadUrlExpiration"),  # type: ignore[arg-type]
            r.req("trackingUrl"),
        )


# --- 6. tracking -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Tracking:
    upload_id: str
    domain: str
    scope: str
    status: str
    progress: int
    updated_at: datetime
    message: str | None = None
    download_result_url: str | None = field(default=None, repr=False)

    @property
    def known_status(self) -> bool:
        return self.status in UploadStatus.ALL

    @property
    def terminal(self) -> bool:
        return contract.status_is_terminal(self.status)

    @classmethod
    def from_json(cls, data: Any) -> Tracking:
        r = _Reader(data, "tracking")
        progress = r.integer("progress")
        assert progress is not None
        return cls(
            r.req("uploadId"),
            r.req("domain"),
            r.req("scope"),
            r.req("status"),
            max(0, min(100, progress)),
            r.ts("updatedAt"),  # type: ignore[arg-type]
            r.text("message", False),
            r.text("downloadResultUrl", False),
        )


@dataclass(frozen=True, slots=True)
class RecordError:
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class RecordResult:
    id: str
    status: str
    errors: tuple[RecordError, ...] = ()


@dataclass(frozen=True, slots=True)
class ResultFile:
    upload_id: str
    status: str
    total: int
    accepted: int
    rejected: int
    errors: tuple[str, ...]
    results: tuple[RecordResult, ...]

    @classmethod
    def from_json(cls, data: Any) -> ResultFile:
        r = _Reader(data, "result file")
        summary = _Reader(data.get("summary"), "result summary")
        errors = data.get("errors") or []
        results = data.get("results") or []
        if not isinstance(errors, list) or not isinstance(results, list):
            raise UnexpectedResponse("result file: 'errors' and 'results' must be arrays")
        parsed = []
        for item in results:
            ir = _Reader(item, "result")
            record_errors = tuple(
                RecordError(str(e.get("path", "")), str(e.get("message", "")))
                for e in (item.get("errors") or [])
                if isinstance(e, dict)
            )
            parsed.append(RecordResult(ir.req("id"), ir.req("status"), record_errors))
        return cls(
            r.req("uploadId"),
            r.req("status"),
            summary.integer("total"),  # type: ignore[arg-type]
            summary.integer("accepted"),  # type: ignore[arg-type]
            summary.integer("rejected"),  # type: ignore[arg-type]
            tuple(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors),
            tuple(parsed),
        )
