"""Who exists on the simulated platform: developers, applications, passcodes, consents, keys.

Pure bookkeeping with no HTTP: route handlers ask it questions and translate
its exceptions (:class:`~sage50_desktop.sandbox.wire.ApiFailure`) into answers.
``to_json``/``from_json`` back the optional ``--state-file``.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

from sage50_desktop.api.contract import ErrorCode, PasscodeState
from sage50_desktop.sandbox.wire import ApiFailure, fail, iso, now

_PASSCODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_id(prefix: str, nbytes: int = 6) -> str:
    return f"{prefix}-{secrets.token_hex(nbytes)}"


@dataclass
class Developer:
    id: str
    name: str
    email: str
    company: str | None = None


@dataclass
class Application:
    id: str
    developer_id: str
    name: str
    domain: str
    approval_url: str | None = None
    notification_url: str | None = None


@dataclass
class Registration:
    """A 1.1 request waiting for its captcha on the registration page."""

    token: str
    developer: dict[str, Any]
    application: dict[str, Any]
    a: int
    b: int
    created: float
    developer_id: str | None = None
    application_id: str | None = None


@dataclass
class Passcode:
    code: str
    developer_id: str
    application_id: str
    domain: str
    secret: str
    created: float
    expires: float
    status: str = PasscodeState.PENDING
    apikey: str | None = None
    key_delivered: bool = False

    def refresh(self, at: float) -> str:
        if self.status == PasscodeState.PENDING and at >= self.expires:
            self.status = PasscodeState.EXPIRED
        return self.status


@dataclass
class Consent:
    id: str
    developer_id: str
    application_id: str
    domain: str
    secret: str
    created: float
    revoked: bool = False
    initial_key: str | None = None  # the key consent delivered; every rotation names it


@dataclass
class ApiKey:
    key: str
    consent_id: str
    issued: float
    expires: float
    rotated: bool = False  # replaced by a rotation


@dataclass
class Mail:
    to: str
    subject: str
    body: str
    sent_at: float
    developer_id: str | None = None
    application_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "to": self.to,
            "subject": self.subject,
            "body": self.body,
            "sentAt": iso(self.sent_at),
            "developerId": self.developer_id,
            "applicationId": self.application_id,
        }


@dataclass
class PlatformState:
    """Everything the platform remembers about its users."""

    developers: dict[str, Developer] = field(default_factory=dict)
    applications: dict[str, Application] = field(default_factory=dict)
    registrations: dict[str, Registration] = field(default_factory=dict)
    passcodes: dict[str, Passcode] = field(default_factory=dict)
    consents: dict[str, Consent] = field(default_factory=dict)
    keys: dict[str, ApiKey] = field(default_factory=dict)
    outbox: list[Mail] = field(default_factory=list)
    signing_key: str = field(default_factory=lambda: secrets.token_hex(32))

    # --- lookups that answer contract errors ----------------------------------
    def developer(self, developer_id: str) -> Developer:
        dev = self.developers.get(developer_id)
        if dev is None:
            fail(ErrorCode.DEVELOPER_NOT_FOUND, "Unknown developer.")
        return dev

    def application(self, developer_id: str, application_id: str) -> Application:
        self.developer(developer_id)
        app = self.applications.get(application_id)
        if app is None or app.developer_id != developer_id:
            fail(ErrorCode.APPLICATION_NOT_FOUND, "Unknown application.")
        return app

    # --- registration (1.1, 1.2) ----------------------------------------------------
    def add_developer(
        self, name: str, email: str, company: str | None, developer_id: str | None = None
    ) -> Developer:
        dev = Developer(developer_id or new_id("dev"), name, email, company)
        self.developers[dev.id] = dev
        return dev

    def add_application(
        self,
        developer_id: str,
        name: str,
        domain: str,
        approval_url: str | None = None,
        notification_url: str | None = None,
        application_id: str | None = None,
    ) -> Application:
        app = Application(
            application_id or new_id("app"),
            developer_id,
            name,
            domain,
            approval_url,
            notification_url,
        )
        self.applications[app.id] = app
        return app

    def complete_registration(self, reg: Registration) -> tuple[Developer, Application]:
        if reg.developer_id and reg.application_id:
            return self.developers[reg.developer_id], self.applications[reg.application_id]
        d, a = reg.developer, reg.application
        dev = self.add_developer(d["name"], d["email"], d.get("company"))
        app = self.add_application(
            dev.id, a["name"], a["domain"], a.get("approvalUrl"), a.get("notificationUrl")
        )
        reg.developer_id, reg.application_id = dev.id, app.id
        self.send_mail(
            dev.email,
            "Your Sage 50 Cloud developer registration",
            f"Hello {dev.name},\n\nyour registration is complete.\n\n"
            f"developerId: {dev.id}\napplicationId: {app.id}\n"
            f"application: {app.name} (domain {app.domain})\n",
            dev.id,
            app.id,
        )
        return dev, app

    def send_mail(
        self,
        to: str,
        subject: str,
        body: str,
        developer_id: str | None = None,
        application_id: str | None = None,
    ) -> Mail:
        mail = Mail(to, subject, body, now(), developer_id, application_id)
        self.outbox.append(mail)
        return mail

    # --- passcodes (2.1, 2.2) -----------------------------------------------------------
    def new_passcode(self, app: Application, secret: str, lifetime: float) -> Passcode:
        while True:
            raw = "".join(secrets.choice(_PASSCODE_ALPHABET) for _ in range(8))
            code = f"{raw[:4]}-{raw[4:]}"
            if code not in self.passcodes:
                break
        at = now()
        pc = Passcode(code, app.developer_id, app.id, app.domain, secret, at, at + lifetime)
        self.passcodes[code] = pc
        return pc

    def passcode(self, code: str) -> Passcode:
        pc = self.passcodes.get(code)
        if pc is None:
            fail(ErrorCode.PASSCODE_NOT_FOUND, "Unknown passcode.")
        pc.refresh(now())
        return pc

    def grant(self, pc: Passcode, key_lifetime: float) -> ApiKey:
        """The administrator grants a pending passcode: a consent and its first key."""
        if pc.refresh(now()) != PasscodeState.PENDING:
            raise ValueError(f"passcode is {pc.status}")
        consent = Consent(
            new_id("con"), pc.developer_id, pc.application_id, pc.domain, pc.secret, now()
        )
        self.consents[consent.id] = consent
        key = self.issue_key(consent, key_lifetime)
        consent.initial_key = key.key
        pc.status, pc.apikey = PasscodeState.APPROVED, key.key
        return key

    def deny(self, pc: Passcode) -> None:
        if pc.refresh(now()) != PasscodeState.PENDING:
            raise ValueError(f"passcode is {pc.status}")
        pc.status = PasscodeState.DENIED

    # --- keys (3.1 and every key operation) -------------------------------------------
    def issue_key(self, consent: Consent, lifetime: float) -> ApiKey:
        at = now()
        key = ApiKey("sk_" + secrets.token_urlsafe(32), consent.id, at, at + lifetime)
        self.keys[key.key] = key
        return key

    def authenticate(self, apikey: str | None) -> tuple[ApiKey, Consent]:
        """The key and consent behind a *key* operation, or ``401``."""
        key = self.keys.get(apikey or "")
        if key is None or key.rotated:
            fail(ErrorCode.APIKEY_INVALID, "The API key is not valid.")
        consent = self.consents[key.consent_id]
        if consent.revoked:
            fail(ErrorCode.APIKEY_INVALID, "The API key is not valid.")
        if now() >= key.expires:
            fail(ErrorCode.APIKEY_EXPIRED, "The API key has expired.")
        return key, consent

    def rotate(self, app: Application, initial_apikey: str, apikey: str, lifetime: float) -> ApiKey:
        """3.1 v2: the consent's initial key and the current key → a new key."""
        key = self.keys.get(apikey)
        consent = self.consents.get(key.consent_id) if key else None
        if key is None or consent is None or consent.application_id != app.id:
            fail(ErrorCode.CONSENT_REVOKED, "This key was never issued to this application.")
        if consent.revoked:
            fail(ErrorCode.CONSENT_REVOKED, "Consent has been revoked.")
        if not consent.initial_key or not secrets.compare_digest(
            consent.initial_key.encode(), initial_apikey.encode()
        ):
            fail(
                ErrorCode.CONSENT_REVOKED,
                "The initial API key is unknown or not of the same consent as the API key.",
            )
        if key.rotated:
            fail(ErrorCode.APIKEY_ROTATED, "The API key has already been rotated.")
        key.rotated = True
        return self.issue_key(consent, lifetime)

    def active_keys(self) -> list[ApiKey]:
        return [
            k
            for k in self.keys.values()
            if not k.rotated and not self.consents[k.consent_id].revoked
        ]

    def select_keys(
        self, apikey: str | None = None, application_id: str | None = None
    ) -> list[ApiKey]:
        keys = self.active_keys()
        if apikey:
            keys = [k for k in keys if k.key == apikey]
        if application_id:
            keys = [k for k in keys if self.consents[k.consent_id].application_id == application_id]
        return keys

    def consent_secret_for(self, app: Application) -> str | None:
        """The secret of the application's newest live consent (signs its notifications)."""
        live = [c for c in self.consents.values() if c.application_id == app.id and not c.revoked]
        return max(live, key=lambda c: c.created).secret if live else None

    # --- persistence -------------------------------------------------------------------
    _SAVED = ("developers", "applications", "passcodes", "consents", "keys", "outbox")
    _TYPES = {
        "developers": Developer,
        "applications": Application,
        "passcodes": Passcode,
        "consents": Consent,
        "keys": ApiKey,
        "outbox": Mail,
    }

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"signingKey": self.signing_key}
        for name in self._SAVED:
            value = getattr(self, name)
            out[name] = [asdict(v) for v in (value.values() if isinstance(value, dict) else value)]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlatformState:
        state = cls(signing_key=data.get("signingKey") or secrets.token_hex(32))
        for name in cls._SAVED:
            kind = cls._TYPES[name]
            items = [kind(**item) for item in data.get(name, [])]
            if name == "outbox":
                state.outbox = items
            else:
                key = "code" if name == "passcodes" else ("key" if name == "keys" else "id")
                setattr(state, name, {getattr(i, key): i for i in items})
        return state


def save_json_atomically(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(orjson.dumps(data, option=orjson.OPT_INDENT_2))
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


__all__ = ["ApiFailure", "PlatformState", "save_json_atomically"]
