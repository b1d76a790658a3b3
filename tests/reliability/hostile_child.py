"""Child process of the hostile-body cases: one client call, its outcome and peak RSS as JSON.

``python hostile_child.py BASE_URL CASE DATA_DIR``; the parent test runs the
hostile server, so the child's peak resident memory is the client's alone.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

from sage50_desktop.api.models import parse_timestamp
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.storage.credentials import MemoryCredentialStore
from sage50_desktop.storage.profiles import Profile


def peak_rss_mib() -> float:
    """This process's peak resident memory since it started (VmHWM on Linux).

    ``ru_maxrss`` survives ``execve`` on Linux, so a child forked from a big
    test process would report its parent's peak; VmHWM belongs to the new image.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run(base: str, case: str, data: Path) -> dict[str, object]:
    store = MemoryCredentialStore()
    rt = Runtime(data, credentials=store, sandbox_credentials=store)
    profile = rt.profiles.add(Profile("h", base, "d", "a", "ecommerce"))
    store.set_secret(profile.id, "s" * 40)
    store.set_initial_apikey(profile.id, "AK-child-0123456789")
    store.set_apikey(
        profile.id, KeyMaterial("AK-child-0123456789", parse_timestamp("2099-01-01T00:00:00Z"))
    )
    started = time.monotonic()
    outcome: dict[str, object] = {}
    try:
        async with rt.connect(profile, retry=RetryPolicy(attempts=1)) as conn:
            client = conn.client
            if case == "json":
                await client.list_scope_files("ecommerce")
            elif case == "error":
                await client.list_scope_files("ecommerce")
            elif case == "result":
                await client.download_result(base + "/presigned/big?token=t")
            elif case in ("download", "redirect"):
                info = await client.get_scope_file("ecommerce", "products")
                await client.download_file(
                    info.download_url, data / "p.json", sha256=info.sha256, size=info.size
                )
        outcome["error"] = None
    except Exception as exc:  # the outcome is what the parent checks
        outcome.update(error=type(exc).__name__, message=str(exc), hint=getattr(exc, "hint", ""))
    finally:
        rt.close()
    outcome["seconds"] = time.monotonic() - started
    return outcome


if __name__ == "__main__":
    folder = Path(sys.argv[3])
    result = asyncio.run(run(sys.argv[1], sys.argv[2], folder))
    result["part_bytes"] = sum(p.stat().st_size for p in folder.rglob("*.part"))
    result["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(result))
