"""Every knob of the sandbox in one dataclass (CLI options map onto its fields)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sage50_desktop.api import contract


@dataclass
class SandboxConfig:
    """Settings of one sandbox server.

    Args:
        host: interface to listen on (loopback by default).
        port: TCP port; ``0`` picks a free one (see ``SandboxServer.base_url``).
        seed: seed of the scope-data generator; same seed, same files.
        customers: records in the first ``customers`` file.
        products: records in the first ``products`` file.
        publish_at_start: scopes published when the server starts.
        key_lifetime: seconds an API key lives.
        passcode_lifetime: seconds a passcode can be granted.
        auto_approve: ``None`` (an administrator grants on the control page) or the
            delay in seconds after which every new passcode is granted.
        url_lifetime: seconds a pre-signed download or result URL lives.
        upload_url_lifetime: seconds a pre-signed upload URL lives.
        step_delay: seconds each upload status lasts before the next one.
        result_delay: seconds between a terminal status and ``downloadResultUrl``.
        publish_every: ``None`` or seconds between automatic new versions of
            every download scope (with the churn shares below).
        churn_changed / churn_added / churn_removed: default shares (0–1) of
            records that a new version changes, adds and removes.
        webhook_attempts: deliveries tried per webhook before giving up.
        webhook_backoff: seconds before the first retry (doubled each time).
        data_dir: folder of generated scope files (a cache reused across runs),
            uploads and result files; ``None``: a temporary folder removed at stop.
        state_file: JSON file that keeps developers, applications, consents, keys
            and published versions across restarts; ``None``: memory only.
        demo_developer_id / demo_application_id / demo_domain: the registered
            developer and application that exist from the start.
        polling: whether 2.2 (passcode polling, [assumed]) is served; ``False``
            answers it like a platform without it (``404``, no error body).
        rotation_expiration: whether 3.1 answers carry ``expiration``.
    """

    host: str = "127.0.0.1"
    port: int = 0
    seed: int = 50
    customers: int = 200
    products: int = 1000
    publish_at_start: tuple[str, ...] = ("customers", "products")
    key_lifetime: float = 15 * 60.0
    passcode_lifetime: float = 10 * 60.0
    auto_approve: float | None = None
    url_lifetime: float = 15 * 60.0
    upload_url_lifetime: float = 15 * 60.0
    step_delay: float = 1.0
    result_delay: float = 0.0
    publish_every: float | None = None
    churn_changed: float = 0.01
    churn_added: float = 0.005
    churn_removed: float = 0.005
    webhook_attempts: int = 4
    webhook_backoff: float = 0.5
    data_dir: Path | None = None
    state_file: Path | None = None
    demo_developer_id: str = "dev-demo"
    demo_application_id: str = "app-demo"
    demo_domain: str = contract.ECOMMERCE
    polling: bool = True
    rotation_expiration: bool = True
    demo_developer: dict[str, str] = field(
        default_factory=lambda: {
            "name": "Demo Developer",
            "email": "demo@example.com",
            "company": "Demo Tienda S.L.",
        }
    )


@dataclass
class PlatformKnobs:
    """How the platform itself behaves (``GET/POST /sandbox/platform``), changed live.

    Attributes:
        polling: serve 2.2; off: ``404`` without a contract error body.
        rotation_expiration: put ``expiration`` in 3.1 answers; off: the key only.
    """

    polling: bool = True
    rotation_expiration: bool = True

    _CAMEL = {"polling": "polling", "rotation_expiration": "rotationExpiration"}

    def to_json(self) -> dict[str, bool]:
        return {"polling": self.polling, "rotationExpiration": self.rotation_expiration}

    def update(self, body: dict[str, object]) -> None:
        reverse = {v: k for k, v in self._CAMEL.items()}
        for name, value in body.items():
            attr = reverse.get(name, name)
            if attr not in self._CAMEL:
                raise ValueError(f"unknown platform knob: {name}")
            if isinstance(value, str):  # HTML forms post strings
                value = value.strip().lower() in ("1", "true", "on", "yes")
            if not isinstance(value, bool):
                raise ValueError(f"{name} must be true or false")
            setattr(self, attr, value)
