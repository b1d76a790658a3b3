"""Helpers to embed the sandbox in tests and tools: a server thread and a control client.

Example::

    with SandboxThread(SandboxConfig(step_delay=0.05)) as sb:
        key, expiration = sb.control.issue_key(sb.developer_id, sb.application_id, secret)
        sb.control.publish("products", changed=0.1)
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx

from sage50_desktop.api import contract
from sage50_desktop.sandbox.config import SandboxConfig
from sage50_desktop.sandbox.runtime import Progress
from sage50_desktop.sandbox.server import SandboxServer


class SandboxControl:
    """A small synchronous client of the ``/sandbox/`` control endpoints.

    Args:
        base_url: the sandbox's base URL.
        timeout: per-request timeout in seconds.
    """

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.base_url = base_url
        self._http = httpx.Client(base_url=base_url, timeout=timeout)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SandboxControl:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        resp = self._http.request(method, f"/sandbox{path}", json=body)
        resp.raise_for_status()
        return resp.json()

    # --- the Sage 50 installation ----------------------------------------------------
    def info(self) -> dict[str, Any]:
        return self._call("GET", "/info")

    def outbox(self) -> list[dict[str, Any]]:
        """Simulated e-mails: ``[{"to", "subject", "body", "sentAt", "developerId", …}]``."""
        return self._call("GET", "/outbox")["messages"]

    def passcodes(self, status: str | None = None) -> list[dict[str, Any]]:
        path = "/passcodes" + (f"?status={status}" if status else "")
        return self._call("GET", path)["passcodes"]

    def grant(self, passcode: str) -> dict[str, Any]:
        return self._call("POST", f"/passcodes/{passcode}/grant")

    def deny(self, passcode: str) -> dict[str, Any]:
        return self._call("POST", f"/passcodes/{passcode}/deny")

    def auto_approve(self, delay: float | None) -> dict[str, Any]:
        """Grant every new (and waiting) passcode after ``delay`` seconds; ``None``: off."""
        return self._call("POST", "/auto-approve", {"enabled": delay is not None, "delay": delay})

    def set_passcode_lifetime(self, seconds: float) -> dict[str, Any]:
        return self._call("POST", "/passcodes/lifetime", {"seconds": seconds})

    def scopes(self) -> list[dict[str, Any]]:
        return self._call("GET", "/scopes")["scopes"]

    def publish(
        self,
        scope: str,
        *,
        changed: float | None = None,
        added: float | None = None,
        removed: float | None = None,
        changed_count: int | None = None,
        added_count: int | None = None,
        removed_count: int | None = None,
        domain: str = contract.ECOMMERCE,
    ) -> dict[str, Any]:
        """Publish a new version with churn (shares 0–1 or exact counts; none given: the
        configured defaults). Returns the version and exact ``added``/``changed``/``removed``
        counts (plus ``addedIds``/``changedIds``/``removedIds`` for small scopes)."""
        body = {
            k: v
            for k, v in {
                "changed": changed,
                "added": added,
                "removed": removed,
                "changedCount": changed_count,
                "addedCount": added_count,
                "removedCount": removed_count,
            }.items()
            if v is not None
        }
        return self._call("POST", f"/scopes/{domain}/{scope}/publish", body)

    def set_records(self, scope: str, n: int, domain: str = contract.ECOMMERCE) -> dict[str, Any]:
        """Publish a fresh version of ``n`` records (same response as :meth:`publish`)."""
        return self._call("POST", f"/scopes/{domain}/{scope}/records", {"count": n})

    def publish_raw(
        self, scope: str, data: bytes, domain: str = contract.ECOMMERCE
    ) -> dict[str, Any]:
        """Publish ``data`` byte for byte as the scope's new file (0 bytes, broken JSON…).

        Returns the new version entry (as :meth:`scopes`) plus ``previousVersion``.
        """
        resp = self._http.post(
            f"/sandbox/scopes/{domain}/{scope}/raw",
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )
        resp.raise_for_status()
        return resp.json()

    def withdraw(self, scope: str, domain: str = contract.ECOMMERCE) -> dict[str, Any]:
        """Remove a scope's file (4.2 then answers ``404 scopeNotFound``)."""
        return self._call("DELETE", f"/scopes/{domain}/{scope}")

    # --- keys and consents ----------------------------------------------------------------
    def keys(self) -> list[dict[str, Any]]:
        return self._call("GET", "/keys")["keys"]

    def expire_key(self, apikey: str | None = None, application_id: str | None = None) -> int:
        """Expire live keys now (all, one key, or one application's). Returns how many."""
        return self._call(
            "POST", "/keys/expire", {"apikey": apikey, "applicationId": application_id}
        )["expired"]

    def revoke_consent(self, apikey: str | None = None, application_id: str | None = None) -> int:
        """Withdraw consents (all, the one behind a key, or an application's)."""
        return self._call(
            "POST", "/consents/revoke", {"apikey": apikey, "applicationId": application_id}
        )["revoked"]

    def set_key_lifetime(self, seconds: float) -> dict[str, Any]:
        return self._call("POST", "/keys/lifetime", {"seconds": seconds})

    # --- test knobs -------------------------------------------------------------------------
    def faults(self, **knobs: Any) -> dict[str, Any]:
        """Arm faults, e.g. ``faults(everyNth=3, status=429, retryAfter=1)`` (see docs)."""
        return self._call("POST", "/faults", knobs) if knobs else self._call("GET", "/faults")

    def reset_faults(self) -> dict[str, Any]:
        return self._call("DELETE", "/faults")

    def processing(self, **knobs: Any) -> dict[str, Any]:
        """Set upload knobs: ``stepDelay``, ``resultDelay``, ``outcome``, ``uploadUrlLifetime``."""
        return (
            self._call("POST", "/processing", knobs) if knobs else self._call("GET", "/processing")
        )

    def uploads(self) -> list[dict[str, Any]]:
        return self._call("GET", "/uploads")["uploads"]

    def counters(self) -> dict[str, int]:
        return self._call("GET", "/counters")["counters"]

    def reset_counters(self) -> dict[str, int]:
        return self._call("DELETE", "/counters")["counters"]

    def webhooks(self) -> list[dict[str, Any]]:
        return self._call("GET", "/webhooks")["deliveries"]

    def reset(self) -> dict[str, Any]:
        return self._call("POST", "/reset")

    def platform(self, **knobs: Any) -> dict[str, Any]:
        """Read or change ``/sandbox/platform`` (``polling``, ``rotationExpiration``)."""
        return self._call("POST", "/platform", knobs) if knobs else self._call("GET", "/platform")

    # --- shortcuts through the real API ------------------------------------------------------
    def issue_key(self, developer_id: str, application_id: str, secret: str) -> tuple[str, str]:
        """A ready API key without a browser: create a passcode (2.1), grant it, poll it (2.2).

        Returns:
            (apikey, apikeyExpiration as sent on the wire).
        """
        resp = self._http.post(
            contract.passcodes_path(developer_id, application_id), json={"secret": secret}
        )
        resp.raise_for_status()
        passcode = resp.json()["passcode"]
        self.grant(passcode)
        resp = self._http.get(
            contract.passcode_path(developer_id, application_id, passcode),
            headers={contract.SECRET_HEADER: secret},
        )
        resp.raise_for_status()
        body = resp.json()
        return body["apikey"], body["apikeyExpiration"]

    def complete_registration(self, registration_url: str) -> tuple[str, str]:
        """Solve the captcha of a 1.1 ``registrationUrl``; returns (developerId, applicationId)."""
        import re

        page = self._http.get(registration_url).text
        match = re.search(r"id='question'>(\d+) \+ (\d+)<", page)
        if match:
            answer = int(match.group(1)) + int(match.group(2))
            page = self._http.post(registration_url, data={"answer": str(answer)}).text
        ids = dict(re.findall(r"<code id='(developerId|applicationId)'>([^<]+)</code>", page))
        return ids["developerId"], ids["applicationId"]


class SandboxThread:
    """A :class:`SandboxServer` on its own event loop in a background thread.

    Args:
        config: settings (``port=0`` by default picks a free port).

    Attributes:
        base_url, developer_id, application_id, domain: set once started.
        control: a :class:`SandboxControl` on this sandbox.
        server: the :class:`SandboxServer` (its ``runtime`` is for inspection only: it
            lives on the thread's loop).
    """

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        self.server = SandboxServer(self.config)
        self.base_url = ""
        self.developer_id = self.server.demo.developer_id
        self.application_id = self.server.demo.application_id
        self.domain = self.server.demo.domain
        self.control: SandboxControl | None = None  # set by start()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = 120.0, progress: Progress | None = None) -> SandboxThread:
        """Start and block until listening; ``progress(step, done, total)`` is called
        from the sandbox's thread at each start-up step (demo data generated, …)."""
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="sage50-sandbox", daemon=True)
        self._thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self.server.start(progress), loop).result(timeout)
        except BaseException:
            self._shutdown_loop()
            raise
        self.base_url = self.server.base_url
        self.control = SandboxControl(self.base_url)
        return self

    def run(self, coro: Any, timeout: float = 60.0) -> Any:
        """Run a coroutine on the sandbox's loop and return its result."""
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def stop(self) -> None:
        """Stop the server and the thread (idempotent)."""
        if self.control is not None:
            self.control.close()
            self.control = None
        if self._loop is not None and self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(60)
        self._shutdown_loop()

    def _shutdown_loop(self) -> None:
        loop, self._loop = self._loop, None
        if loop is None:
            return
        if loop.is_running():

            async def _drain() -> None:
                await loop.shutdown_asyncgens()
                await loop.shutdown_default_executor()

            try:
                asyncio.run_coroutine_threadsafe(_drain(), loop).result(30)
            finally:
                loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(30)
            self._thread = None
        loop.close()

    def __enter__(self) -> SandboxThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
