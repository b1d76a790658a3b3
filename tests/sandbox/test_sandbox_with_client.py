"""The project's own API client against the sandbox: the happy path and a silent rotation."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sage50_desktop.api import contract
from sage50_desktop.api.client import Sage50Client
from sage50_desktop.api.models import parse_timestamp
from sage50_desktop.api.rotation import ApiKeyManager, KeyMaterial, StaticVault
from sage50_desktop.sandbox.testing import SandboxThread


async def test_client_round_trip(
    sandbox: SandboxThread, apikey: str, secret: str, tmp_path: Path
) -> None:
    assert sandbox.control is not None
    vault = StaticVault(KeyMaterial(apikey, None), initial=apikey)
    async with Sage50Client(sandbox.base_url) as client:

        async def rotate(initial: str, current: str):
            return await client.rotate_apikey(
                sandbox.developer_id, sandbox.application_id, initial, current
            )

        client.keys = ApiKeyManager(vault, rotate)
        sandbox.control.expire_key()  # the client must rotate silently on the 401
        listing = await client.list_scope_files(contract.ECOMMERCE)
        assert {s.scope for s in listing.scopes} == {"customers", "products"}
        assert vault.material is not None and vault.material.apikey != apikey
        info = await client.get_scope_file(contract.ECOMMERCE, "customers")
        assert info is not None
        assert (
            await client.get_scope_file(contract.ECOMMERCE, "customers", known_version=info.version)
            is None
        )
        dest = await client.download_file(
            info.download_url, tmp_path / "c.json", sha256=info.sha256, size=info.size
        )
        assert hashlib.sha256(dest.read_bytes()).hexdigest() == info.sha256
        raw = b"[]"
        path = tmp_path / "orders.json"
        path.write_bytes(raw)
        created = await client.create_upload(
            contract.ECOMMERCE, "orders", "orders.json", len(raw), hashlib.sha256(raw).hexdigest()
        )
        await client.upload_file(created.upload_url, path)
        tracking = await client.get_tracking(created.tracking_url)
        assert tracking.upload_id == created.upload_id
        assert tracking.status in contract.UploadStatus.ALL
        assert parse_timestamp(sandbox.control.uploads()[0]["updatedAt"]).tzinfo is not None
