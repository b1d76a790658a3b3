"""A connection profile on a running sandbox with a fresh API key, without a browser."""

from __future__ import annotations

import secrets

from sage50_desktop.api.models import parse_timestamp
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.storage.credentials import store_consent
from sage50_desktop.storage.profiles import Profile


def keyed_sandbox_profile(runtime, sandbox, name: str = "sandbox") -> Profile:
    """Add a sandbox profile to ``runtime`` whose key and secret sit in its memory store.

    The key comes through the real API (passcode, grant, poll) via
    ``SandboxControl.issue_key``.
    """
    profile = runtime.profiles.add(
        Profile(
            name=name,
            base_url=sandbox.base_url,
            developer_id=sandbox.developer_id,
            application_id=sandbox.application_id,
            domain=sandbox.domain,
            sandbox=True,
        )
    )
    secret = secrets.token_urlsafe(40)
    apikey, expiration = sandbox.control.issue_key(
        sandbox.developer_id, sandbox.application_id, secret
    )
    store_consent(
        runtime.sandbox_credentials,
        profile.id,
        secret,
        KeyMaterial(apikey, parse_timestamp(expiration)),
    )
    return profile
