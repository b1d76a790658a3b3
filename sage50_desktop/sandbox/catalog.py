"""Published scope files: the latest version of every (domain, scope), churn and diffs.

A version is a list of record numbers (ascending) and the revision of each
record (sparse: absent means 0). Record content is a pure function of
``(seed, number, revision)`` (see :mod:`generator`), so a version is fully
described by the chain of operations that made it, and its file is cached on
disk under a key of seed, size and that chain's digest: a 1M file is written
once and reused by later runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import random
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from sage50_desktop.api import contract
from sage50_desktop.sandbox import generator
from sage50_desktop.sandbox.wire import now

SMALL_DIFF = 10_000  # publish answers list ids when old + new records are at most this


@dataclass
class ScopeVersion:
    """One published file of a scope."""

    domain: str
    scope: str
    seq: int
    digest: str
    ids: list[int]
    revisions: dict[int, int]
    next_id: int
    last_modified: float
    path: Path | None = None
    size: int = 0
    sha256: str = ""
    _id_set: set[int] | None = field(default=None, repr=False)

    @property
    def version(self) -> str:
        return f"{self.seq}.{self.digest[:12]}"

    @property
    def file_name(self) -> str:
        return f"{self.scope}-{self.version}.json"

    def contains(self, n: int) -> bool:
        if self._id_set is None:
            self._id_set = set(self.ids)
        return n in self._id_set


@dataclass
class Churn:
    """How many records a new version changes, adds and removes."""

    changed: int = 0
    added: int = 0
    removed: int = 0

    @classmethod
    def from_shares(cls, total: int, changed: float, added: float, removed: float) -> Churn:
        def count(share: float) -> int:
            return min(total, math.ceil(total * share)) if share > 0 else 0

        return cls(count(changed), count(added), count(removed))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class ScopeCatalog:
    """The latest version of every published scope, and the files behind them.

    Args:
        seed: generator seed.
        data_dir: folder whose ``scopes/`` subfolder caches generated files.
    """

    def __init__(self, seed: int, data_dir: Path) -> None:
        self.seed = seed
        self.dir = data_dir / "scopes"
        self.current: dict[tuple[str, str], ScopeVersion] = {}
        self.history: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.seq = 0
        # every version served since start: version string -> its file (old URLs keep working)
        self.files: dict[str, tuple[Path, int, str]] = {}
        self._lock = asyncio.Lock()
        self._file_lock = threading.Lock()

    # --- queries -------------------------------------------------------------
    def get(self, domain: str, scope: str) -> ScopeVersion | None:
        return self.current.get((domain, scope))

    def of_domain(self, domain: str) -> list[ScopeVersion]:
        return [v for (d, _), v in sorted(self.current.items()) if d == domain]

    # --- operations ------------------------------------------------------------
    def _apply(
        self,
        previous: ScopeVersion | None,
        domain: str,
        scope: str,
        op: dict[str, Any],
        seq: int,
        when: float,
    ) -> ScopeVersion:
        if op["op"] == "base" or previous is None:
            n = int(op.get("n", 0))
            digest = _digest(f"{generator.GENERATOR_VERSION}:base:{scope}:{self.seed}:{n}")
            return ScopeVersion(domain, scope, seq, digest, list(range(1, n + 1)), {}, n + 1, when)
        churn = Churn(op["changed"], op["added"], op["removed"])
        digest = _digest(
            f"{previous.digest}:churn:{seq}:{churn.changed}:{churn.added}:{churn.removed}"
        )
        rng = random.Random(int(digest[:16], 16))
        ids = previous.ids
        total = len(ids)
        removed_n = min(churn.removed, total)
        changed_n = min(churn.changed, total - removed_n)
        picked = rng.sample(range(total), removed_n + changed_n)
        removed = {ids[i] for i in picked[:removed_n]}
        revisions = dict(previous.revisions)
        for i in picked[removed_n:]:
            revisions[ids[i]] = seq
        for n in removed:
            revisions.pop(n, None)
        new_ids = [n for n in ids if n not in removed] if removed else list(ids)
        added = list(range(previous.next_id, previous.next_id + churn.added))
        for n in added:
            revisions[n] = seq
        new_ids.extend(added)
        return ScopeVersion(
            domain, scope, seq, digest, new_ids, revisions, previous.next_id + churn.added, when
        )

    def _materialise(self, version: ScopeVersion) -> None:
        """Write (or find in the cache) the file of ``version``. Runs in a worker thread."""
        key = f"{version.scope}-s{self.seed}-n{len(version.ids)}-{version.digest[:24]}"
        path = self.dir / f"{key}.json"
        meta = self.dir / f"{key}.meta"
        with self._file_lock:
            if path.is_file() and meta.is_file():
                info = orjson.loads(meta.read_bytes())
                if info.get("size") == path.stat().st_size:
                    version.path, version.size, version.sha256 = path, info["size"], info["sha256"]
                    return
            size, sha = generator.write_scope_file(
                path, version.scope, self.seed, version.ids, version.revisions
            )
            meta.write_bytes(orjson.dumps({"size": size, "sha256": sha}))
            version.path, version.size, version.sha256 = path, size, sha

    def _remember(self, version: ScopeVersion) -> None:
        assert version.path is not None
        self.files[version.version] = (version.path, version.size, version.sha256)

    async def publish(
        self,
        domain: str,
        scope: str,
        *,
        count: int | None = None,
        churn: Churn | None = None,
        when: float | None = None,
    ) -> tuple[ScopeVersion, dict[str, Any]]:
        """Publish a new version: a fresh file of ``count`` records, or ``churn`` applied
        to the current one (a fresh file when there is none).

        Returns:
            (the new version, the diff against the previous one).
        """
        if scope not in contract.DOWNLOAD_SCOPES.get(domain, ()):
            raise KeyError(scope)
        async with self._lock:
            previous = self.get(domain, scope)
            if churn is None or previous is None:
                op: dict[str, Any] = {"op": "base", "n": count if count is not None else 0}
            else:
                op = {
                    "op": "churn",
                    "changed": churn.changed,
                    "added": churn.added,
                    "removed": churn.removed,
                }
            self.seq += 1
            op["seq"] = self.seq
            op["at"] = when or now()
            version = self._apply(previous, domain, scope, op, self.seq, op["at"])
            await asyncio.to_thread(self._materialise, version)
            diff = await asyncio.to_thread(diff_versions, previous, version)
            self.current[(domain, scope)] = version
            self._remember(version)
            ops = self.history.setdefault((domain, scope), [])
            if op["op"] == "base":
                ops.clear()
            ops.append(op)
            return version, diff

    async def publish_raw(
        self, domain: str, scope: str, data: bytes, when: float | None = None
    ) -> ScopeVersion:
        """Publish a version whose file is exactly ``data`` (test knob for bad input).

        The version keeps the previous version's record numbers (what Sage 50
        "knows" for upload processing), so later churn still works. Raw
        versions are not kept in the state file (a restart forgets them).
        """
        if scope not in contract.DOWNLOAD_SCOPES.get(domain, ()):
            raise KeyError(scope)
        async with self._lock:
            previous = self.get(domain, scope)
            self.seq += 1
            sha = hashlib.sha256(data).hexdigest()
            digest = _digest(f"raw:{self.seq}:{sha}")
            version = ScopeVersion(
                domain,
                scope,
                self.seq,
                digest,
                list(previous.ids) if previous else [],
                dict(previous.revisions) if previous else {},
                previous.next_id if previous else 1,
                when or now(),
            )
            path = self.dir / f"{scope}-raw-{digest[:24]}.json"

            def write() -> None:
                self.dir.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)

            await asyncio.to_thread(write)
            version.path, version.size, version.sha256 = path, len(data), sha
            self.current[(domain, scope)] = version
            self._remember(version)
            return version

    def withdraw(self, domain: str, scope: str) -> bool:
        self.history.pop((domain, scope), None)
        return self.current.pop((domain, scope), None) is not None

    # --- persistence ---------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "scopes": [
                {"domain": d, "scope": s, "ops": ops}
                for (d, s), ops in sorted(self.history.items())
            ],
        }

    async def restore(self, data: dict[str, Any]) -> None:
        """Replay the saved chains of operations (files come from the cache)."""
        self.seq = int(data.get("seq", 0))
        for entry in data.get("scopes", []):
            domain, scope, ops = entry["domain"], entry["scope"], entry["ops"]
            version = None
            for op in ops:
                version = self._apply(version, domain, scope, op, op["seq"], op["at"])
            if version is not None:
                await asyncio.to_thread(self._materialise, version)
                self.current[(domain, scope)] = version
                self._remember(version)
                self.history[(domain, scope)] = list(ops)


def diff_versions(old: ScopeVersion | None, new: ScopeVersion) -> dict[str, Any]:
    """Exact counts (and, when small, ids) of records added, changed and removed."""
    old_rev = {} if old is None else old.revisions
    old_ids = set() if old is None else set(old.ids)
    new_ids = set(new.ids)
    added = sorted(new_ids - old_ids)
    removed = sorted(old_ids - new_ids)
    changed = sorted(n for n in (new_ids & old_ids) if old_rev.get(n, 0) != new.revisions.get(n, 0))
    out: dict[str, Any] = {"added": len(added), "changed": len(changed), "removed": len(removed)}
    if len(old_ids) + len(new_ids) <= SMALL_DIFF:
        rid = generator.record_id
        out["addedIds"] = [rid(new.scope, n) for n in added]
        out["changedIds"] = [rid(new.scope, n) for n in changed]
        out["removedIds"] = [rid(new.scope, n) for n in removed]
    return out
