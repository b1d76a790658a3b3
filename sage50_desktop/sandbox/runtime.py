"""The running platform: state, published files, uploads, faults, webhooks, counters.

One :class:`SandboxRuntime` per server. Route handlers reach it through
``request.app[RUNTIME]`` and call its operations that touch more than one
part (granting a passcode sends the approval webhook; publishing a scope
notifies the applications of its domain; both persist the state file).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from aiohttp import web

from sage50_desktop.api import contract
from sage50_desktop.sandbox.catalog import Churn, ScopeCatalog, ScopeVersion
from sage50_desktop.sandbox.config import PlatformKnobs, SandboxConfig
from sage50_desktop.sandbox.faults import Faults
from sage50_desktop.sandbox.presign import UrlSigner
from sage50_desktop.sandbox.processing import ProcessingKnobs, UploadPipeline
from sage50_desktop.sandbox.state import ApiKey, Passcode, PlatformState, save_json_atomically
from sage50_desktop.sandbox.webhooks import WebhookSender
from sage50_desktop.sandbox.wire import iso

log = logging.getLogger(__name__)

#: ``progress(step, done, total)`` of a start (see :meth:`SandboxRuntime.load`)
Progress = Callable[[str, int, int], None]


class SandboxRuntime:
    """Everything one sandbox server holds while it runs.

    Args:
        config: the server's settings.
        data_dir: folder for generated scope files, uploads and result files.
    """

    def __init__(self, config: SandboxConfig, data_dir: Path) -> None:
        self.config = config
        self.data_dir = data_dir
        self.state = PlatformState()
        self.catalog = ScopeCatalog(config.seed, data_dir)
        self.knobs = ProcessingKnobs(
            config.step_delay, config.result_delay, None, config.upload_url_lifetime
        )
        uploads_dir = data_dir / "uploads"
        uploads_dir.mkdir(parents=True, exist_ok=True)
        self.pipeline = UploadPipeline(
            self.knobs, self.catalog, uploads_dir, on_change=lambda _upload: self.persist()
        )
        self.faults = Faults()
        self.webhooks = WebhookSender(config.webhook_attempts, config.webhook_backoff)
        self.counters: Counter[str] = Counter()
        self.key_lifetime = config.key_lifetime
        self.passcode_lifetime = config.passcode_lifetime
        self.auto_approve = config.auto_approve
        self.platform = PlatformKnobs(config.polling, config.rotation_expiration)
        self.base_url = ""
        self.signer = UrlSigner(self.state.signing_key)
        self._tasks: set[asyncio.Task[Any]] = set()

    # --- start-up and shutdown --------------------------------------------------------
    async def load(self, progress: Progress | None = None) -> None:
        """Restore the state file (if any), create the demo users, publish the first files.

        ``progress(step, done, total)`` (called on this loop) names each step as it
        starts: ``"restore"`` (the saved versions' files), then the scope whose demo
        data is generated (``done`` scopes of ``total`` generated so far).
        """
        cfg = self.config
        saved: dict[str, Any] = {}
        if cfg.state_file and cfg.state_file.is_file():
            saved = orjson.loads(cfg.state_file.read_bytes())
            self.state = PlatformState.from_json(saved.get("platform", {}))
            self.signer = UrlSigner(self.state.signing_key)
            if progress is not None:
                progress("restore", 0, 1)
            await self.catalog.restore(saved.get("catalog", {}))
            self.pipeline.restore(saved.get("uploads", []))
        if cfg.demo_developer_id not in self.state.developers:
            d = cfg.demo_developer
            self.state.add_developer(
                d["name"], d["email"], d.get("company"), developer_id=cfg.demo_developer_id
            )
        if cfg.demo_application_id not in self.state.applications:
            self.state.add_application(
                cfg.demo_developer_id,
                "Demo tienda online",
                cfg.demo_domain,
                application_id=cfg.demo_application_id,
            )
        if not saved.get("catalog"):
            sizes = {"customers": cfg.customers, "products": cfg.products}
            for done, scope in enumerate(cfg.publish_at_start):
                if progress is not None:
                    progress(scope, done, len(cfg.publish_at_start))
                await self.catalog.publish(contract.ECOMMERCE, scope, count=sizes[scope])
        self.persist()
        if cfg.publish_every:
            self.spawn(self._publish_periodically(cfg.publish_every))

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.pipeline.close()
        await self.webhooks.close()
        self.persist()

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def persist(self) -> None:
        if self.config.state_file:
            save_json_atomically(
                self.config.state_file,
                {
                    "platform": self.state.to_json(),
                    "catalog": self.catalog.to_json(),
                    "uploads": self.pipeline.to_json(),
                },
            )

    # --- shared operations ------------------------------------------------------------
    def url_lifetime(self) -> float:
        lifetime = self.faults.url_lifetime
        return self.config.url_lifetime if lifetime is None else lifetime

    def presign(self, kind: str, ident: str, lifetime: float | None = None) -> tuple[str, float]:
        return self.signer.sign(
            self.base_url, kind, ident, self.url_lifetime() if lifetime is None else lifetime
        )

    def grant(self, pc: Passcode) -> ApiKey:
        """Grant a pending passcode (``ValueError`` if it is not pending)."""
        key = self.state.grant(pc, self.key_lifetime)
        app = self.state.applications[pc.application_id]
        if app.approval_url:
            self.webhooks.send(
                "approval",
                app.approval_url,
                {
                    contract.APPROVAL_PASSCODE_FIELD: pc.code,
                    contract.APPROVAL_DOMAIN_FIELD: pc.domain,
                    contract.APPROVAL_APIKEY_FIELD: key.key,
                    contract.APPROVAL_EXPIRATION_FIELD: iso(key.expires),
                },
                pc.secret,
            )
        self.persist()
        return key

    def passcode_created(self, pc: Passcode) -> None:
        self.persist()
        if self.auto_approve is not None:
            self.spawn(self._auto_grant(pc, self.auto_approve))

    async def _auto_grant(self, pc: Passcode, delay: float) -> None:
        await asyncio.sleep(delay)
        try:
            self.grant(pc)
        except ValueError:
            pass  # denied, expired or granted by hand meanwhile

    async def publish(
        self, domain: str, scope: str, *, count: int | None = None, churn: Churn | None = None
    ) -> tuple[ScopeVersion, dict[str, Any]]:
        """Publish a new version and notify the domain's applications."""
        if count is None and self.catalog.get(domain, scope) is None:
            count = {"customers": self.config.customers}.get(scope, self.config.products)
        version, diff = await self.catalog.publish(domain, scope, count=count, churn=churn)
        self.persist()
        self.notify(version)
        return version, diff

    def default_churn(self, scope_size: int) -> Churn:
        c = self.config
        return Churn.from_shares(scope_size, c.churn_changed, c.churn_added, c.churn_removed)

    def notify(self, version: ScopeVersion) -> None:
        body = {
            "domain": version.domain,
            "scope": version.scope,
            "version": version.version,
            "lastModified": iso(version.last_modified),
        }
        for app in list(self.state.applications.values()):
            if app.domain != version.domain or not app.notification_url:
                continue
            secret = self.state.consent_secret_for(app)
            if secret is not None:  # nothing to sign with before a consent exists
                self.webhooks.send("notification", app.notification_url, body, secret)

    async def _publish_periodically(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            for (domain, scope), current in list(self.catalog.current.items()):
                await self.publish(domain, scope, churn=self.default_churn(len(current.ids)))


RUNTIME = web.AppKey("sandbox_runtime", SandboxRuntime)
