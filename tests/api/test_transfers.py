"""Downloads resume with Range and verify SHA-256; pre-signed URLs never get the key."""

from __future__ import annotations

import asyncio

import pytest
from fake_platform import DOMAIN, FakePlatform

from sage50_desktop.api.client import Sage50Client
from sage50_desktop.api.errors import DownloadCorrupt
from sage50_desktop.api.rotation import ApiKeyManager, KeyMaterial, StaticVault


async def _nosleep(_s):
    await asyncio.sleep(0)


def _client(platform: FakePlatform) -> Sage50Client:
    keys = ApiKeyManager(StaticVault(KeyMaterial(platform.current_key)), rotate=None)  # type: ignore[arg-type]
    return Sage50Client(platform.base, transport=platform.transport(), keys=keys, sleep=_nosleep)


async def test_dropped_download_resumes_with_range_and_verifies(tmp_path):
    platform = FakePlatform()
    platform.drop_after = 100
    progress = []
    async with _client(platform) as client:
        info = await client.get_scope_file(DOMAIN, "products")
        path = await client.download_file(
            info.download_url,
            tmp_path / "p.json",
            sha256=info.sha256,
            size=info.size,
            progress=lambda d, t: progress.append(d),
        )
    assert path.read_bytes() == platform.body
    gets = [r for r in platform.requests if r.method == "GET" and r.url.host != "api.example.test"]
    assert "Range" not in gets[0].headers
    assert gets[1].headers["Range"] == "bytes=100-"
    assert progress[-1] == len(platform.body)
    assert not (tmp_path / "p.json.part").exists()


async def test_hash_mismatch_is_an_error_and_leaves_no_file(tmp_path):
    platform = FakePlatform()
    platform.corrupt = True
    async with _client(platform) as client:
        info = await client.get_scope_file(DOMAIN, "products")
        with pytest.raises(DownloadCorrupt):
            await client.download_file(
                info.download_url, tmp_path / "dl" / "p.json", sha256=info.sha256, size=info.size
            )
    assert list((tmp_path / "dl").iterdir()) == []


async def test_no_request_to_a_presigned_url_carries_the_apikey(tmp_path):
    platform = FakePlatform()
    platform.drop_after = 10
    async with _client(platform) as client:
        info = await client.get_scope_file(DOMAIN, "products")
        await client.download_file(
            info.download_url, tmp_path / "p.json", sha256=info.sha256, size=info.size
        )
    presigned = [r for r in platform.requests if r.url.host != "api.example.test"]
    assert presigned and all("apikey" not in r.headers for r in presigned)
