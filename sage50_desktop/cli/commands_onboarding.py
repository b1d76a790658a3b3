"""``sage50 register``, ``sage50 consent`` and ``sage50 rotate`` (contract sections 1–3)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from sage50_desktop.api.client import Sage50Client
from sage50_desktop.api.contract import PasscodeState
from sage50_desktop.api.models import PasscodeStatus
from sage50_desktop.cli.context import CliContext
from sage50_desktop.cli.exit_codes import CONSENT, ConsentNotObtained
from sage50_desktop.cli.output import Result, ts
from sage50_desktop.services.onboarding import ConsentFlow, register_developer


def _positive(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {value}")
    return number


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "register", parents=[common], help="register as a developer (contract 1.1)",
        description="Start a developer registration. Open the printed registration URL to "
                    "finish it; the developer and application IDs arrive by e-mail. Then "
                    "create a profile with 'sage50 profile add'.")
    p.add_argument("--base-url", required=True, metavar="URL")
    p.add_argument("--name", required=True, metavar="N", help="your name")
    p.add_argument("--email", required=True, metavar="E")
    p.add_argument("--app-name", required=True, metavar="A", help="the application's name")
    p.add_argument("--domain", required=True, metavar="D", help="e.g. ecommerce")
    p.add_argument("--company", metavar="C")
    p.add_argument("--approval-url", metavar="URL", help="webhook for consent approvals")
    p.add_argument("--notification-url", metavar="URL", help="webhook for new scope files")
    p.add_argument("--allow-insecure-http", action="store_true",
                   help="allow plain http:// to a host other than this computer")
    p.set_defaults(handler=cmd_register)

    c = sub.add_parser(
        "consent", parents=[common], help="get consent and store the API key (contract 2)",
        description="Generate a new secret, request a passcode and print it with its "
                    "expiry; the Sage 50 administrator approves it. Polls until approved, "
                    "then stores the API key and the secret in the OS credential store. "
                    "Exit 3 if the passcode is denied, expires or --timeout passes.")
    c.add_argument("--timeout", type=_positive, metavar="S",
                   help="give up after S seconds (default: when the passcode expires)")
    c.add_argument("--poll-interval", type=_positive, default=2.0, metavar="S",
                   help="seconds between status checks (default 2)")
    c.set_defaults(handler=cmd_consent)

    r = sub.add_parser("rotate", parents=[common], help="rotate the API key now (contract 3)",
                       description="Replace the API key now; the new one is stored first.")
    r.set_defaults(handler=cmd_rotate)


async def cmd_register(ctx: CliContext, args: argparse.Namespace) -> Result:
    opts = ctx.runtime.network_options()
    async with Sage50Client(args.base_url, retry=opts.retry, verify=opts.ca_bundle or True,
                            proxy=opts.proxy, allow_insecure_http=args.allow_insecure_http
                            ) as client:
        created = await register_developer(
            client, name=args.name, email=args.email, app_name=args.app_name,
            domain=args.domain, company=args.company, approval_url=args.approval_url,
            notification_url=args.notification_url)
    return Result({"registrationUrl": created.registration_url}, [
        f"Registration started. Open this address to finish it:\n  {created.registration_url}",
        "The developer and application IDs arrive by e-mail; then run 'sage50 profile add'."])


def _minutes(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:.0f} seconds"


async def cmd_consent(ctx: CliContext, args: argparse.Namespace) -> Result:
    rt = ctx.runtime
    profile = ctx.profile()
    # fail before a passcode exists if the key could not be stored once approved
    credentials = rt.credentials_for(profile)
    async with ctx.connection() as conn:
        flow = ConsentFlow(conn.client, credentials, rt.profiles, profile,
                           poll_interval=args.poll_interval)
        created = await flow.request_passcode()
        left = (created.expiration - datetime.now(UTC)).total_seconds()
        ctx.out.notice(f"Passcode: {created.passcode}  (expires {ts(created.expiration)}, "
                       f"in {_minutes(left)})")
        ctx.out.notice("Ask the Sage 50 administrator to approve this passcode. Waiting...")
        with ctx.out.progress("Waiting for approval") as bar:
            total = max(left, 1.0)

            def on_status(_status: PasscodeStatus | None, seconds_left: float) -> None:
                bar.update(total - seconds_left, total, unit="percent",
                           label=f"Waiting for approval ({_minutes(seconds_left)} left)")

            flow.status.connect(on_status)
            try:
                status = await flow.wait(args.timeout)
            except TimeoutError:
                raise ConsentNotObtained(
                    f"no answer to passcode {created.passcode} within {args.timeout:g} s") from None
    data = {"status": status.status, "domain": status.domain, "passcode": created.passcode,
            "expiration": ts(status.apikey_expiration)}
    if status.status == PasscodeState.APPROVED and status.apikey:
        return Result(data, [f"Consent granted for domain {status.domain}. The API key is "
                             f"stored (expires {ts(status.apikey_expiration)})."])
    reason = {PasscodeState.DENIED: "The administrator denied the passcode.",
              PasscodeState.EXPIRED: "The passcode expired before it was approved.",
              PasscodeState.APPROVED: "The passcode was approved but no key was delivered."
              }.get(status.status, f"The passcode ended as {status.status!r}.")
    return Result(data, [reason], exit_code=CONSENT,
                  error=f"{reason} {ConsentNotObtained.hint}")


async def cmd_rotate(ctx: CliContext, args: argparse.Namespace) -> Result:
    async with ctx.connection() as conn:
        material = await conn.keys.rotate_now()
    return Result({"expiration": ts(material.expiration)},
                  [f"API key rotated; the new key expires {ts(material.expiration)}."])
