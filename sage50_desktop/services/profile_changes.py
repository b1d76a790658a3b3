"""Changing a connection: its credentials stay bound to the server they were issued by.

An API key and secret are issued by one server for one application. When a
connection's server address (or its IDs or domain) changes, the old
credentials are deleted *before* the change is saved; when they cannot be
deleted the change is refused (:class:`CredentialsNotCleared`) so the next
command can never send server A's key to server B.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.storage.profiles import Profile

log = logging.getLogger(__name__)

IDENTITY = ("base_url", "developer_id", "application_id", "domain")


class CredentialsNotCleared(Sage50Error):
    """The old key and secret could not be deleted, so the connection was not changed."""

    hint = (
        "The connection was not changed: its stored key and secret belong to the old "
        "server and could not be deleted from the credential store. Unlock or repair the "
        "credential store, then try again (or remove the connection and add it anew)."
    )


@dataclass(frozen=True, slots=True)
class ProfileChange:
    profile: Profile
    created: bool
    identity_changed: bool


def identity_changed(old: Profile, new: Profile) -> bool:
    return any(getattr(old, f) != getattr(new, f) for f in IDENTITY)


def save_profile(runtime: Any, profile: Profile) -> ProfileChange:
    """Create ``profile`` or replace the one with its name, deleting stale credentials first."""
    existing = runtime.profiles.find(profile.name)
    if existing is None:
        return ProfileChange(runtime.profiles.upsert(profile), True, True)
    if not identity_changed(existing, profile):
        kept = replace(
            existing,
            allow_insecure_http=profile.allow_insecure_http,
            test_connection=profile.test_connection,
        )
        return ProfileChange(runtime.profiles.upsert(kept), False, False)
    try:
        runtime.credentials_for(existing).delete(existing.id)
    except Exception as exc:
        log.warning("credentials of %s not deleted: %s", existing.name, type(exc).__name__)
        raise CredentialsNotCleared(
            f"the credentials of {existing.name!r} could not be deleted "
            f"({getattr(exc, 'message', None) or type(exc).__name__})"
        ) from None
    changed = replace(profile, key_expiration=None, consent_needed=False)
    return ProfileChange(runtime.profiles.upsert(changed), False, True)
