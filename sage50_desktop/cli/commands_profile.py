"""``sage50 profile ...``: connection profiles (where to connect and as whom; never secrets)."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from sage50_desktop.api.url_policy import check_base_url, display_url
from sage50_desktop.cli.context import CliContext
from sage50_desktop.cli.exit_codes import UsageError
from sage50_desktop.cli.output import Result, ts
from sage50_desktop.services.profile_changes import save_profile
from sage50_desktop.services.purge import purge_connection
from sage50_desktop.storage.credentials import CredentialStoreUnavailable
from sage50_desktop.storage.profiles import Profile

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "profile",
        help="manage connection profiles",
        description="Manage connection profiles (server address and IDs; "
        "secrets stay in the OS credential store).",
    )
    psub = p.add_subparsers(dest="profile_command", metavar="ACTION", required=True)

    add = psub.add_parser(
        "add",
        parents=[common],
        help="create or replace a profile",
        description="Create the profile NAME, or replace the one with that name (it keeps "
        "its stored credentials unless the server or IDs change).",
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--base-url",
        required=True,
        metavar="URL",
        help="the API's address, e.g. https://api.example.com",
    )
    add.add_argument("--developer-id", required=True, metavar="D")
    add.add_argument("--application-id", required=True, metavar="A")
    add.add_argument("--domain", required=True, metavar="DOMAIN", help="e.g. ecommerce")
    add.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="allow plain http:// to a host other than this computer",
    )
    add.add_argument(
        "--test",
        action="store_true",
        help="mark it as a test connection (shown with the sandbox's accent and TEST tag)",
    )
    add.set_defaults(handler=profile_add)

    edit = psub.add_parser(
        "edit",
        parents=[common],
        help="change a profile's marks",
        description="Change the profile NAME without touching its server, IDs or credentials.",
    )
    edit.add_argument("name", metavar="NAME")
    mark = edit.add_mutually_exclusive_group(required=True)
    mark.add_argument(
        "--test",
        dest="test",
        action="store_true",
        default=None,
        help="mark it as a test connection (accent and TEST tag, as the sandbox)",
    )
    mark.add_argument(
        "--no-test",
        dest="test",
        action="store_false",
        help="mark it as a production connection again",
    )
    edit.set_defaults(handler=profile_edit)

    ls = psub.add_parser(
        "list", parents=[common], help="list profiles", description="List the connection profiles."
    )
    ls.set_defaults(handler=profile_list)

    rm = psub.add_parser(
        "remove",
        parents=[common],
        help="remove a profile, its credentials and its local data",
        description="Remove the profile NAME, its stored key and secret, and its local data: "
        "downloaded snapshots, saved copies of uploaded files and their result "
        "files, upload history, cached listing and Activity rows. No prompt.",
    )
    rm.add_argument("name", metavar="NAME")
    rm.add_argument(
        "--keep-data", action="store_true", help="keep the local data (snapshots, uploads, history)"
    )
    rm.set_defaults(handler=profile_remove)


def _profile_json(p: Profile) -> dict[str, Any]:
    return {
        "profile": p.name,
        "baseUrl": display_url(p.base_url),
        "developerId": p.developer_id,
        "applicationId": p.application_id,
        "domain": p.domain,
        "keyExpiration": ts(p.key_expiration),
        "consentNeeded": p.consent_needed,
        "test": p.is_test,
    }


async def profile_add(ctx: CliContext, args: argparse.Namespace) -> Result:
    check_base_url(args.base_url, args.allow_insecure_http)
    profile = Profile(
        name=args.name,
        base_url=args.base_url.strip().rstrip("/"),
        developer_id=args.developer_id,
        application_id=args.application_id,
        domain=args.domain,
        allow_insecure_http=args.allow_insecure_http,
        test_connection=args.test,
    )
    change = save_profile(ctx.runtime, profile)  # stale credentials deleted first, or refused
    saved = change.profile
    verb = "Created" if change.created else "Replaced"
    text = [
        f"{verb} profile {saved.name!r} ({display_url(saved.base_url)}, domain {saved.domain})."
    ]
    if change.identity_changed:
        flag = "" if saved.name == "default" else f" --profile {saved.name}"
        text.append(f"Next: sage50{flag} consent")
    return Result({"profile": saved.name}, text)


async def profile_edit(ctx: CliContext, args: argparse.Namespace) -> Result:
    profile = _find(ctx, args.name)
    if profile.sandbox and not args.test:
        raise UsageError(
            "the sandbox connection is always a test connection",
            hint="The bundled sandbox's connection is always a test connection.",
        )
    saved = ctx.runtime.profiles.set_test_connection(profile.id, bool(args.test))
    kind = "a test connection" if saved.is_test else "a production connection"
    return Result({"profile": saved.name, "test": saved.is_test}, [f"{saved.name!r} is {kind}."])


def _find(ctx: CliContext, name: str) -> Profile:
    profile = ctx.runtime.profiles.find(name)
    if profile is None:
        raise UsageError(
            f"no profile named {name!r}",
            hint=f"No profile named {name!r}; 'sage50 profile list' shows them.",
        )
    return profile


def _forget_credentials(ctx: CliContext, profile: Profile) -> None:
    """The server or IDs changed: the old key and secret are of no use any more."""
    try:
        ctx.runtime.credentials_for(profile).delete(profile.id)
    except CredentialStoreUnavailable as exc:
        log.warning("could not clear the old credentials of %s: %s", profile.name, exc)


async def profile_list(ctx: CliContext, args: argparse.Namespace) -> Result:
    profiles = ctx.runtime.profiles.list_profiles()
    text = [
        f"{p.name}\t{display_url(p.base_url)}\t{p.domain}"
        + ("\ttest" if p.is_test else "")
        + ("\tconsent needed" if p.consent_needed else "")
        for p in profiles
    ]
    if not profiles:
        text = ["No profiles. Create one with 'sage50 profile add NAME ...'."]
    return Result({"profiles": [_profile_json(p) for p in profiles]}, text)


async def profile_remove(ctx: CliContext, args: argparse.Namespace) -> Result:
    rt = ctx.runtime
    profile = _find(ctx, args.name)
    _forget_credentials(ctx, profile)
    rt.profiles.remove(profile.id)
    data: dict[str, Any] = {"profile": profile.name, "removed": True}
    text = [f"Removed profile {profile.name!r}."]
    if not args.keep_data:
        report = purge_connection(rt, profile.id)
        data["deleted"] = {
            "snapshots": report.snapshots,
            "uploads": report.uploads,
            "files": report.files,
            "activity": report.activity,
        }
        text.append(
            f"Deleted its local data: {report.snapshots} snapshot(s), "
            f"{report.uploads} upload(s) with {report.files} file(s), "
            f"{report.activity} Activity row(s)."
        )
    return Result(data, text)
