"""``sage50 register``, ``sage50 consent`` and ``sage50 rotate`` (contract sections 1–3)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO

from sage50_desktop.api.client import Sage50Client
from sage50_desktop.api.contract import PasscodeState
from sage50_desktop.api.errors import PollingNotOffered
from sage50_desktop.api.models import PasscodeStatus
from sage50_desktop.api.url_policy import check_browser_url
from sage50_desktop.cli.context import CliContext
from sage50_desktop.cli.exit_codes import CONSENT, ConsentNotObtained
from sage50_desktop.cli.output import Result, ts
from sage50_desktop.services.consent_delivery import (
    ApprovalListener,
    ConsentWay,
    parse_listen_address,
)
from sage50_desktop.services.onboarding import ConsentFlow, register_developer


def _positive(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {value}")
    return number


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "register",
        parents=[common],
        help="register as a developer (contract 1.1)",
        description="Start a developer registration. Open the printed registration URL to "
        "finish it; the developer and application IDs arrive by e-mail. Then "
        "create a profile with 'sage50 profile add'.",
    )
    p.add_argument("--base-url", required=True, metavar="URL")
    p.add_argument("--name", required=True, metavar="N", help="your name")
    p.add_argument("--email", required=True, metavar="E")
    p.add_argument("--app-name", required=True, metavar="A", help="the application's name")
    p.add_argument("--domain", required=True, metavar="D", help="e.g. ecommerce")
    p.add_argument("--company", metavar="C")
    p.add_argument("--approval-url", metavar="URL", help="webhook for consent approvals")
    p.add_argument("--notification-url", metavar="URL", help="webhook for new scope files")
    p.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="allow plain http:// to a host other than this computer",
    )
    p.set_defaults(handler=cmd_register)

    c = sub.add_parser(
        "consent",
        parents=[common],
        help="get consent and store the API key (contract 2)",
        description="Generate a new secret, request a passcode and print it with its "
        "expiry; the Sage 50 administrator approves it. The key arrives one of "
        "three ways: polled (default), pushed to --listen HOST:PORT (the address "
        "the application's registered approvalUrl leads to), or pasted on "
        "standard input (--paste). The secret, the initial key and the current "
        "key are then stored in the OS credential store. Exit 3 if the passcode "
        "is denied, expires, --timeout passes, the platform does not offer "
        "polling, or a pasted key is refused.",
    )
    way = c.add_mutually_exclusive_group()
    way.add_argument(
        "--paste",
        action="store_true",
        help="read the API key (and, on a second line, its ISO-8601 expiration) "
        "from standard input; it is checked before it is stored",
    )
    way.add_argument(
        "--listen", metavar="HOST:PORT", help="receive the signed approval push on this address"
    )
    c.add_argument(
        "--timeout",
        type=_positive,
        metavar="S",
        help="give up after S seconds (default: when the passcode expires)",
    )
    c.add_argument(
        "--poll-interval",
        type=_positive,
        default=2.0,
        metavar="S",
        help="seconds between status checks (default 2)",
    )
    c.set_defaults(handler=cmd_consent)

    r = sub.add_parser(
        "rotate",
        parents=[common],
        help="rotate the API key now (contract 3)",
        description="Replace the API key now; the new one is stored first.",
    )
    r.set_defaults(handler=cmd_rotate)


async def cmd_register(ctx: CliContext, args: argparse.Namespace) -> Result:
    opts = ctx.runtime.network_options()
    async with Sage50Client(
        args.base_url,
        retry=opts.retry,
        verify=opts.ca_bundle or True,
        proxy=opts.proxy,
        allow_insecure_http=args.allow_insecure_http,
    ) as client:
        created = await register_developer(
            client,
            name=args.name,
            email=args.email,
            app_name=args.app_name,
            domain=args.domain,
            company=args.company,
            approval_url=args.approval_url,
            notification_url=args.notification_url,
        )
    url = check_browser_url(created.registration_url)  # https (http on loopback) only
    return Result(
        {"registrationUrl": url},
        [
            f"Registration started. Open this address to finish it:\n  {url}",
            "The developer and application IDs arrive by e-mail; then run 'sage50 profile add'.",
        ],
    )


def _minutes(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:.0f} seconds"


async def cmd_consent(ctx: CliContext, args: argparse.Namespace) -> Result:
    rt = ctx.runtime
    profile = ctx.profile()
    # fail before a passcode exists if the key could not be stored once approved
    credentials = rt.credentials_for(profile)
    address = parse_listen_address(args.listen) if args.listen else None
    via = ConsentWay.PASTE if args.paste else (ConsentWay.LISTEN if address else ConsentWay.POLL)
    async with ctx.connection() as conn:
        flow = ConsentFlow(
            conn.client, credentials, rt.profiles, profile, poll_interval=args.poll_interval
        )
        listener = ApprovalListener(*address, check=flow.check_push) if address else None
        if listener is not None:
            await listener.start()  # a busy port fails before a passcode is spent
        try:
            created = await flow.request_passcode()
            left = (created.expiration - datetime.now(UTC)).total_seconds()
            announce = ctx.out.notice if via == ConsentWay.POLL else _to_stderr(ctx)
            announce(
                f"Passcode: {created.passcode}  (expires {ts(created.expiration)}, "
                f"in {_minutes(left)})"
            )
            if via == ConsentWay.PASTE:
                status = await _paste(ctx, flow, args.timeout)
            elif listener is not None:
                announce(
                    f"Listening on {listener.url} for the approval push. The application "
                    f"must be registered with a public URL that leads here as its "
                    f"approvalUrl."
                )
                announce("Ask the Sage 50 administrator to approve this passcode. Waiting...")
                status = await _listen(flow, listener, args.timeout, created.passcode)
            else:
                announce("Ask the Sage 50 administrator to approve this passcode. Waiting...")
                status = await _poll(ctx, flow, args.timeout, left, created.passcode)
        finally:
            if listener is not None:
                await listener.aclose()
    data = {
        "status": status.status,
        "domain": status.domain,
        "passcode": created.passcode,
        "expiration": ts(status.apikey_expiration),
        "via": str(via),
    }
    if status.status == PasscodeState.APPROVED and flow.via is not None:
        expires = ts(status.apikey_expiration) if status.apikey_expiration else "unknown"
        return Result(
            data,
            [
                f"Consent granted for domain {status.domain} ({via}). The API "
                f"key is stored (expires {expires})."
            ],
        )
    reason = {
        PasscodeState.DENIED: "The administrator denied the passcode.",
        PasscodeState.EXPIRED: "The passcode expired before it was approved.",
        PasscodeState.APPROVED: "The passcode was approved but no key was delivered.",
    }.get(status.status, f"The passcode ended as {status.status!r}.")
    return Result(data, [reason], exit_code=CONSENT, error=f"{reason} {ConsentNotObtained.hint}")


def _to_stderr(ctx: CliContext) -> Callable[[str], None]:
    def say(text: str) -> None:
        print(text, file=ctx.out.stderr, flush=True)

    return say


async def _poll(
    ctx: CliContext, flow: ConsentFlow, timeout: float | None, left: float, passcode: str
) -> PasscodeStatus:
    with ctx.out.progress("Waiting for approval") as bar:
        total = max(left, 1.0)

        def on_status(_status: PasscodeStatus | None, seconds_left: float) -> None:
            bar.update(
                total - seconds_left,
                total,
                unit="percent",
                label=f"Waiting for approval ({_minutes(seconds_left)} left)",
            )

        flow.status.connect(on_status)
        try:
            return await flow.wait(timeout)
        except PollingNotOffered as exc:
            raise ConsentNotObtained(
                "this platform does not offer polling for the passcode; run 'sage50 consent "
                "--listen HOST:PORT' to receive the key, or 'sage50 consent --paste' to paste "
                "it",
                hint=exc.hint,
            ) from None
        except TimeoutError:
            raise ConsentNotObtained(
                f"no answer to passcode {passcode} within {timeout:g} s"
            ) from None


async def _listen(
    flow: ConsentFlow, listener: ApprovalListener, timeout: float | None, passcode: str
) -> PasscodeStatus:
    try:
        return await flow.receive(listener, timeout)
    except TimeoutError:
        raise ConsentNotObtained(
            f"no approval push for passcode {passcode} within {timeout:g} s"
        ) from None


async def _paste(ctx: CliContext, flow: ConsentFlow, timeout: float | None) -> PasscodeStatus:
    say = _to_stderr(ctx)
    say(
        "When the Sage 50 administrator has approved it, paste the API key your application's "
        "approvalUrl receiver got, then Enter; on the next line its expiration (ISO-8601, for "
        "example 2026-12-01T10:00:00Z) or just Enter if unknown."
    )
    limit = timeout if timeout is not None else max(flow.seconds_left(), 1.0)
    try:
        text = await asyncio.wait_for(read_pasted_key(sys.stdin), limit)
    except TimeoutError:
        raise ConsentNotObtained(f"no API key was pasted within {limit:g} s") from None
    return await flow.accept_pasted(text)


def read_pasted_key(stream: TextIO) -> asyncio.Future[str]:
    """Up to two lines of ``stream`` (key, optional expiration), read off the event loop.

    A terminal does not echo the key. The reading thread is a daemon: a
    timeout ends the command even while the read still blocks.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()

    def deliver(text: str | BaseException) -> None:
        if future.done():
            return
        if isinstance(text, BaseException):
            future.set_exception(text)
        else:
            future.set_result(text)

    def read() -> None:
        try:
            if stream.isatty():
                key = getpass.getpass("API key: ", stream=sys.stderr)
                expiration = input("Expiration (empty if unknown): ")
            else:
                key, expiration = stream.readline(), stream.readline()
            result: str | BaseException = f"{key.strip()}\n{expiration.strip()}"
        except (OSError, EOFError, ValueError) as exc:
            result = exc
        loop.call_soon_threadsafe(deliver, result)

    threading.Thread(target=read, name="read-pasted-key", daemon=True).start()
    return future


async def cmd_rotate(ctx: CliContext, args: argparse.Namespace) -> Result:
    async with ctx.connection() as conn:
        material = await conn.keys.rotate_now()
    expires = ts(material.expiration) if material.expiration else "unknown (renewed when refused)"
    return Result(
        {"expiration": ts(material.expiration)},
        [f"API key rotated; the new key expires {expires}."],
    )
