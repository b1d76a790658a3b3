"""``sage50 scopes``, ``download``, ``snapshots``, ``diff`` and ``export`` (contract 4).

Reads go straight to the :class:`~sage50_desktop.storage.snapshot_store.SnapshotStore`
(the same ``cache.sqlite3`` the GUI browses); ``download`` and ``export`` call
the snapshot engine's services.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sage50_desktop.cli.context import CliContext
from sage50_desktop.cli.exit_codes import CliError, UsageError
from sage50_desktop.cli.output import Result, ts
from sage50_desktop.services import settings as S
from sage50_desktop.services import version_names
from sage50_desktop.services.export import (
    ExportTargetError,
    export_csv,
    export_json,
    export_xlsx,
)
from sage50_desktop.services.sync import SyncService
from sage50_desktop.storage.snapshot_store import CACHE_REBUILT, SnapshotInfo, SnapshotStore

DIFF_PAGE = 10_000


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    s = sub.add_parser(
        "scopes",
        parents=[common],
        help="remote scopes and local snapshot state",
        description="List the scope files the platform publishes for the "
        "profile's domain, next to the newest local snapshot.",
    )
    s.set_defaults(handler=cmd_scopes)

    d = sub.add_parser(
        "download",
        parents=[common],
        help="download the latest file of a scope",
        description="Fetch the latest file of SCOPE, verify its size and SHA-256 and store "
        "it as a snapshot. Nothing new is stored when the version is unchanged.",
    )
    d.add_argument("scope", metavar="SCOPE", help="e.g. customers, products")
    d.set_defaults(handler=cmd_download)

    n = sub.add_parser(
        "snapshots",
        parents=[common],
        help="local snapshots of a scope",
        description="List the stored snapshots of SCOPE, newest first.",
    )
    n.add_argument("scope", metavar="SCOPE")
    n.set_defaults(handler=cmd_snapshots)

    f = sub.add_parser(
        "diff",
        parents=[common],
        help="record-level diff between two snapshots",
        description="Record ids added, changed and removed between two snapshots of SCOPE "
        "(default: the two newest).",
    )
    f.add_argument("scope", metavar="SCOPE")
    f.add_argument(
        "--from",
        dest="from_version",
        metavar="V",
        help="older version, full or short id (default: the one before --to)",
    )
    f.add_argument(
        "--to",
        dest="to_version",
        metavar="V",
        help="newer version, full or short id (default: the newest)",
    )
    f.set_defaults(handler=cmd_diff)

    e = sub.add_parser(
        "export",
        parents=[common],
        help="write a snapshot to a file",
        description="Write the records of a snapshot of SCOPE (default: the "
        "newest) to FILE as CSV, XLSX (typed cells) or JSON. CSV "
        "cells that a spreadsheet would run as a formula get a "
        'leading "\'"; an existing FILE is replaced only when it '
        "is a regular file.",
    )
    e.add_argument("scope", metavar="SCOPE")
    e.add_argument("--format", required=True, choices=("csv", "xlsx", "json"))
    e.add_argument("--output", required=True, type=Path, metavar="FILE")
    e.add_argument(
        "--snapshot", metavar="V", help="version to export, full or short id (default: the newest)"
    )
    e.add_argument(
        "--semicolon",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="CSV with ';' instead of ',' (default: the app's setting)",
    )
    e.set_defaults(handler=cmd_export)


@contextmanager
def snapshot_store(ctx: CliContext) -> Iterator[SnapshotStore]:
    store = SnapshotStore(ctx.runtime.cache_path)
    if store.rebuilt is not None:
        ctx.out.error(f"{CACHE_REBUILT} ({store.rebuilt})")
    try:
        yield store
    finally:
        store.close()


def _snapshot_json(s: SnapshotInfo) -> dict[str, Any]:
    return {
        "version": s.version,
        "records": s.records,
        "downloadedAt": ts(s.downloaded_at),
        "id": s.id,
        "added": s.added,
        "changed": s.changed,
        "removed": s.removed,
        "sha256": s.sha256,
        "size": s.size,
        "warnings": s.warnings,
    }


def _no_snapshots(ctx: CliContext, scope: str) -> CliError:
    return CliError(
        f"no snapshot of {scope!r} is stored for profile {ctx.profile_name!r}",
        hint=f"No snapshot of {scope!r} yet. Download one first: 'sage50 download {scope}'.",
    )


def _by_version(
    ctx: CliContext, snaps: list[SnapshotInfo], scope: str, version: str
) -> SnapshotInfo:
    """The stored snapshot named by its full version string or its short id."""
    found = version_names.find([s.version for s in snaps], version)
    if len(found) == 1:
        return next(s for s in snaps if s.version == found[0])
    known = ", ".join(version_names.short_id(s.version) for s in snaps) or "none"
    if found:
        raise UsageError(
            f"{version!r} names several snapshots of {scope!r}",
            hint=f"{version!r} matches {len(found)} stored versions of {scope!r}; give "
            f"more of the id (stored: {known}).",
        )
    raise UsageError(
        f"no snapshot {version!r} of {scope!r}",
        hint=f"No stored snapshot of {scope!r} has version {version!r} "
        f"(stored: {known}). 'sage50 snapshots {scope}' lists them.",
    )


# --- commands --------------------------------------------------------------------------
async def cmd_scopes(ctx: CliContext, args: argparse.Namespace) -> Result:
    profile = ctx.profile()
    async with ctx.connection() as conn:
        remote = await conn.client.list_scope_files(profile.domain)
    with snapshot_store(ctx) as store:
        local = {s.scope: store.latest(profile.id, profile.domain, s.scope) for s in remote.scopes}
    items = []
    text = []
    for s in remote.scopes:
        snap = local.get(s.scope)
        items.append(
            {
                "scope": s.scope,
                "version": s.version,
                "lastModified": ts(s.last_modified),
                "localVersion": snap.version if snap else None,
                "size": s.size,
                "sha256": s.sha256,
                "upToDate": bool(snap and snap.version == s.version),
                "localRecords": snap.records if snap else None,
            }
        )
        state = (
            "up to date"
            if snap and snap.version == s.version
            else f"local {version_names.text_label(snap.version, snap.downloaded_at)}"
            if snap
            else "not downloaded"
        )
        published = version_names.text_label(s.version, s.last_modified)
        text.append(f"{s.scope:<12} {published:<26}  {state}")
    return Result({"scopes": items, "domain": remote.domain}, text or ["No scope files."])


async def cmd_snapshots(ctx: CliContext, args: argparse.Namespace) -> Result:
    profile = ctx.profile()
    with snapshot_store(ctx) as store:
        snaps = store.list_snapshots(profile.id, profile.domain, args.scope)
    text = [
        f"{version_names.text_label(s.version, s.downloaded_at):<26} {s.records:>9} records  "
        f"(+{s.added} ~{s.changed} -{s.removed})"
        for s in snaps
    ]
    return Result(
        {"snapshots": [_snapshot_json(s) for s in snaps], "scope": args.scope},
        text or [f"No snapshots of {args.scope!r}."],
    )


def _all_ids(store: SnapshotStore, a: int, b: int, kind: str) -> list[str]:
    ids: list[str] = []
    while True:
        page = store.diff_ids(a, b, kind, len(ids), DIFF_PAGE)
        ids.extend(page)
        if len(page) < DIFF_PAGE:
            return ids


async def cmd_diff(ctx: CliContext, args: argparse.Namespace) -> Result:
    profile = ctx.profile()
    with snapshot_store(ctx) as store:
        snaps = store.list_snapshots(profile.id, profile.domain, args.scope)  # newest first
        if not snaps:
            raise _no_snapshots(ctx, args.scope)
        new = _by_version(ctx, snaps, args.scope, args.to_version) if args.to_version else snaps[0]
        if args.from_version:
            old = _by_version(ctx, snaps, args.scope, args.from_version)
        else:
            older = [s for s in snaps if s.seq < new.seq]
            if not older:
                raise CliError(
                    f"no snapshot of {args.scope!r} older than {new.version}",
                    hint=f"A diff needs two snapshots of {args.scope!r} and none "
                    f"is older than {version_names.text_label(new.version, new.downloaded_at)}. "
                    "Download a newer version "
                    "later, or name both with --from and --to.",
                )
            old = older[0]
        diff = {
            kind: _all_ids(store, old.id, new.id, kind) for kind in ("added", "changed", "removed")
        }
    if old.seq > new.seq:
        old, new = new, old
    data = {**diff, "from": old.version, "to": new.version, "scope": args.scope}
    old_label = version_names.text_label(old.version, old.downloaded_at)
    new_label = version_names.text_label(new.version, new.downloaded_at)
    text = [
        f"{args.scope}: {old_label} -> {new_label}: {len(diff['added'])} added, "
        f"{len(diff['changed'])} changed, {len(diff['removed'])} removed"
    ]
    for kind, mark in (("added", "+"), ("changed", "~"), ("removed", "-")):
        text += [f"{mark} {rid}" for rid in diff[kind]]
    return Result(data, text)


async def cmd_download(ctx: CliContext, args: argparse.Namespace) -> Result:
    rt = ctx.runtime
    profile = ctx.profile()
    async with ctx.connection() as conn:
        with snapshot_store(ctx) as store:
            # the search index is left to the desktop app (it resumes unfinished ones)
            sync = SyncService.for_runtime(rt, conn, store, build_index=False)
            with ctx.out.progress(f"Downloading {args.scope}") as bar:
                sync.download_progress.connect(
                    lambda _scope, done, total: bar.update(done, total, force=done == total)
                )
                sync.ingest_progress.connect(
                    lambda _scope, records: bar.update(
                        records, None, label="Storing", unit="records"
                    )
                )
                result = await sync.sync(args.scope)
            records = result.records
            if result.unchanged:
                latest = store.latest(profile.id, profile.domain, args.scope)
                records = latest.records if latest else 0
    data = {
        "scope": args.scope,
        "version": result.version,
        "records": records,
        "added": result.added,
        "changed": result.changed,
        "removed": result.removed,
        "unchanged": result.unchanged,
        "warnings": result.warnings,
        "bytes": result.downloaded_bytes,
        "seconds": round(result.seconds, 3),
    }
    if result.unchanged:
        text = [
            f"{args.scope}: version {version_names.short_id(result.version or '')} is still the "
            "latest; nothing new."
        ]
    else:
        text = [
            f"{args.scope}: stored version {version_names.short_id(result.version or '')}: "
            f"{records} records "
            f"(+{result.added} ~{result.changed} -{result.removed})."
        ]
        if result.warnings:
            text.append(
                f"  {result.warnings} record(s) do not match the published schema "
                "(stored anyway; see the desktop app for examples)."
            )
    return Result(data, text)


def _output_path(output: Path) -> Path:
    output = output.expanduser().absolute()
    if not output.parent.is_dir():
        raise UsageError(
            f"no such folder: {output.parent}", hint=f"The folder {output.parent} does not exist."
        )
    return output


async def cmd_export(ctx: CliContext, args: argparse.Namespace) -> Result:
    rt = ctx.runtime
    profile = ctx.profile()
    output = _output_path(args.output)
    with snapshot_store(ctx) as store:
        snaps = store.list_snapshots(profile.id, profile.domain, args.scope)
        if not snaps:
            raise _no_snapshots(ctx, args.scope)
        snap = _by_version(ctx, snaps, args.scope, args.snapshot) if args.snapshot else snaps[0]
        with ctx.out.progress(f"Exporting {args.scope}") as bar:

            def progress(count: int) -> None:
                bar.update(count, snap.records, unit="records")

            try:
                if args.format == "csv":
                    semicolon = (
                        args.semicolon
                        if args.semicolon is not None
                        else bool(rt.settings.get(S.CSV_SEMICOLON))
                    )
                    count = await asyncio.to_thread(
                        export_csv, store, snap.id, output, semicolon=semicolon, progress=progress
                    )
                elif args.format == "xlsx":
                    count = await asyncio.to_thread(
                        export_xlsx, store, snap.id, output, progress=progress
                    )
                else:
                    count = await asyncio.to_thread(
                        export_json, store, snap.id, output, progress=progress
                    )
            except ExportTargetError as exc:
                raise UsageError(str(exc), hint=exc.hint) from None
    path = str(output)
    return Result(
        {"path": path, "records": count, "version": snap.version, "format": args.format},
        [
            f"Wrote {count} {args.scope} records of version "
            f"{version_names.text_label(snap.version, snap.downloaded_at)} to {path}."
        ],
    )
