"""Issue 16 — a hostile platform cannot fill memory or the disk, nor hold a call for ever.

Bodies of 2 GB are offered (generated as they go, never held by the server):
the client in a child process stops reading at its limit; its peak resident
memory is printed and stays under 300 MB. Drips end at the call's deadline or
at the download throughput floor.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

import pytest
from aiohttp import web
from hostile_support import Hostile, clean_message, keyed_profile, result_file

from sage50_desktop.api import limits
from sage50_desktop.api.errors import DownloadCorrupt, RequestTimeout
from sage50_desktop.api.json_answers import AnswerTooLarge
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.api.transfers import SlowFloor, TransferTooSlow

HERE = Path(__file__).resolve().parent
GB2 = 2 * 1024**3
RSS_LIMIT_MIB = 300
ONE = RetryPolicy(attempts=1)


@pytest.fixture
async def hostile():
    server = await Hostile().start()
    yield server
    await server.stop()


async def _child(hostile: Hostile, case: str, data: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(HERE / "hostile_child.py"),
        hostile.base,
        case,
        str(data),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
    assert proc.returncode == 0, err.decode()[-2000:]
    outcome = json.loads(out.decode().strip().splitlines()[-1])
    print(
        f"\n[{case}] peak RSS {outcome['peak_rss_mib']:.0f} MiB for a 2 GB hostile body; "
        f"{outcome['error']} after {outcome['seconds']:.1f} s"
    )
    return outcome


@pytest.mark.parametrize(
    "case,expected",
    [
        ("json", "AnswerTooLarge"),  # 4.1 answering 2 GB of JSON-looking bytes
        ("error", "ServerError"),  # a 500 whose error body is 2 GB
        ("result", "AnswerTooLarge"),  # a 2 GB result file
        ("download", "DownloadCorrupt"),  # announced 6 KB, sends 2 GB
        ("redirect", "UnexpectedResponse"),  # a pre-signed redirect with a 2 GB body, then 404
    ],
)
async def test_two_gigabyte_hostile_bodies_keep_memory_bounded(hostile, tmp_path, case, expected):
    if case == "json":
        hostile.stream_body("/api/files/ecommerce", GB2)
    elif case == "error":
        hostile.stream_body("/api/files/ecommerce", GB2, status=500)
    elif case == "result":
        hostile.stream_body("/presigned/big", GB2)
    elif case == "download":
        hostile.scope_file("/presigned/file?token=t", size=6 * 1024)
        hostile.stream_body("/presigned/file", GB2, content_type="application/octet-stream")
    else:
        hostile.scope_file("/presigned/hop?token=t", size=6 * 1024)

        async def hop(request: web.Request) -> web.StreamResponse:
            resp = web.StreamResponse(status=302, headers={"Location": "/presigned/gone"})
            await resp.prepare(request)
            block = b" " * (1 << 20)
            try:
                for _ in range(GB2 // len(block)):
                    await resp.write(block)
            except (ConnectionError, ConnectionResetError):
                pass
            return resp

        hostile.route("GET", "/presigned/hop", hop)
    data = tmp_path / "data"
    outcome = await _child(hostile, case, data)
    assert outcome["error"] == expected, outcome
    assert outcome["peak_rss_mib"] < RSS_LIMIT_MIB, outcome
    assert outcome["seconds"] < 60, outcome
    assert outcome["part_bytes"] == 0  # nothing of the oversize download kept
    assert clean_message(f"{outcome.get('message')} {outcome.get('hint')}") == []


async def test_answer_over_the_cap_is_refused_with_a_clear_message(runtime, hostile):
    hostile.stream_body("/api/files/ecommerce", limits.JSON_ANSWER_LIMIT + 10, content_length=True)
    profile = keyed_profile(runtime, hostile.base)
    async with runtime.connect(profile, retry=ONE) as conn:
        with pytest.raises(AnswerTooLarge) as info:
            await conn.client.list_scope_files("ecommerce")
    text = f"{info.value} {info.value.hint}"
    assert "4 MiB" in text and clean_message(text) == []


async def test_a_dripping_api_answer_ends_at_the_call_deadline(runtime, hostile):
    hostile.stream_body("/api/files/ecommerce", 10_000, chunk=1, delay=0.2)
    profile = keyed_profile(runtime, hostile.base)
    started = time.monotonic()
    async with runtime.connect(profile, retry=RetryPolicy(attempts=5), deadline=1.5) as conn:
        with pytest.raises(RequestTimeout) as info:
            await conn.client.list_scope_files("ecommerce")
    elapsed = time.monotonic() - started
    assert elapsed < 1.5 + 1.0, elapsed  # the deadline, not a per-read timeout, and no retry
    assert "within 1.5 s" in str(info.value) and clean_message(str(info.value)) == []


async def test_a_dripping_download_is_aborted_below_the_throughput_floor(runtime, hostile):
    hostile.scope_file("/presigned/drip?token=t", size=6 * 1024)
    hostile.stream_body(
        "/presigned/drip", 6 * 1024, chunk=1, delay=0.05, content_type="application/octet-stream"
    )
    profile = keyed_profile(runtime, hostile.base)
    floor = SlowFloor(bytes_per_second=1000, window=1.0)
    started = time.monotonic()
    async with runtime.connect(profile, retry=ONE, slow_floor=floor) as conn:
        info = await conn.client.get_scope_file("ecommerce", "products")
        with pytest.raises(TransferTooSlow) as caught:
            await conn.client.download_file(
                info.download_url, runtime.data_dir / "p.json", sha256=info.sha256, size=info.size
            )
    assert time.monotonic() - started < 5
    assert clean_message(f"{caught.value} {caught.value.hint}") == []
    assert not (runtime.data_dir / "p.json").exists()  # the partial file is kept for a resume


async def test_a_download_stops_the_moment_it_passes_the_announced_size(runtime, hostile):
    hostile.scope_file("/presigned/more?token=t", size=100)
    hostile.stream_body(
        "/presigned/more",
        50 * 1024 * 1024,
        chunk=64 * 1024,
        content_type="application/octet-stream",
    )
    profile = keyed_profile(runtime, hostile.base)
    async with runtime.connect(profile, retry=ONE) as conn:
        info = await conn.client.get_scope_file("ecommerce", "products")
        with pytest.raises(DownloadCorrupt, match="more than the announced 100 bytes"):
            await conn.client.download_file(
                info.download_url, runtime.data_dir / "p.json", sha256=info.sha256, size=info.size
            )
    assert not list(runtime.data_dir.rglob("p.json*"))


async def test_result_files_are_capped(runtime, hostile):
    hostile.json("GET", "/x", {})  # keep the route table non-empty
    body = result_file("u1", "accepted", 1, 1, 0)

    async def result(_request: web.Request) -> web.Response:
        return web.Response(body=body + b" " * 2048, content_type="application/json")

    hostile.route("GET", "/presigned/r", result)
    profile = keyed_profile(runtime, hostile.base)
    async with runtime.connect(profile, retry=ONE) as conn:
        raw, parsed = await conn.client.download_result(hostile.url("/presigned/r"))
        assert parsed.accepted == 1
        with pytest.raises(AnswerTooLarge):
            await conn.client.download_result(hostile.url("/presigned/r"), max_bytes=1024)
