"""``sage50-sandbox``: run the sandbox platform from a terminal.

Example::

    sage50-sandbox --port 8750 --auto-approve 2 --info-file /tmp/sandbox.json
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

import platformdirs

from sage50_desktop.paths import HOME_ENV
from sage50_desktop.sandbox.config import SandboxConfig
from sage50_desktop.sandbox.server import SandboxServer
from sage50_desktop.sandbox.state import save_json_atomically

STATE_FILE = "state.json"


def _positive_int(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError("must be between 1 and 1,000,000")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sage50-sandbox",
        description="Run a local Sage 50 Cloud file-exchange platform (contract v2) that also "
        "plays the Sage 50 installation. Open <baseUrl>/sandbox/ in a browser to "
        "grant passcodes, publish new scope versions and read the e-mail outbox.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    p.add_argument("--port", type=int, default=8750, help="TCP port; 0 picks a free one")
    p.add_argument("--seed", type=int, default=50, help="seed of the generated scope data")
    p.add_argument(
        "--customers",
        type=_positive_int,
        default=500,
        help="records in the first customers file (10 … 1,000,000)",
    )
    p.add_argument(
        "--products",
        type=_positive_int,
        default=5000,
        help="records in the first products file (10 … 1,000,000)",
    )
    p.add_argument(
        "--key-lifetime",
        type=float,
        default=15 * 60,
        metavar="SECONDS",
        help="lifetime of every API key",
    )
    p.add_argument(
        "--passcode-lifetime",
        type=float,
        default=10 * 60,
        metavar="SECONDS",
        help="how long a passcode can be granted",
    )
    p.add_argument(
        "--auto-approve",
        type=float,
        nargs="?",
        const=2.0,
        default=None,
        metavar="DELAY",
        help="grant every new passcode after DELAY seconds "
        "(2 when given without a value); default: grant on the control page",
    )
    p.add_argument(
        "--url-lifetime",
        type=float,
        default=15 * 60,
        metavar="SECONDS",
        help="lifetime of pre-signed download, upload and result URLs",
    )
    p.add_argument(
        "--info-file",
        type=Path,
        metavar="PATH",
        help='write {"baseUrl","developerId","applicationId","domain"} here once '
        "listening (atomically)",
    )
    p.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=default_data_dir(),
        help="generated scope files (cached across runs), uploads, result files; "
        "$SAGE50_DESKTOP_HOME/sandbox when that is set",
    )
    p.add_argument(
        "--state-file",
        type=Path,
        metavar="PATH",
        help="keep developers, applications, consents, keys, published versions "
        "and uploads in this JSON file across restarts (default: "
        "state.json in the data folder)",
    )
    p.add_argument(
        "--no-state",
        action="store_true",
        help="keep the state in memory only: a restart starts afresh",
    )
    p.add_argument(
        "--publish-every",
        type=float,
        metavar="SECONDS",
        help="publish a new version of every scope this often",
    )
    p.add_argument(
        "--step-delay",
        type=float,
        default=1.0,
        metavar="S",
        help="seconds each upload status lasts",
    )
    p.add_argument(
        "--result-delay",
        type=float,
        default=0.0,
        metavar="S",
        help="seconds between an upload's terminal status and its result file",
    )
    p.add_argument(
        "--no-polling",
        action="store_true",
        help="answer passcode polling (2.2) like a platform without it (404); the "
        "key then arrives only by the approvalUrl push",
    )
    p.add_argument(
        "--rotation-without-expiration",
        action="store_true",
        help="leave 'expiration' out of key rotation answers (3.1)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log every request")
    return p


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    return SandboxConfig(
        host=args.host,
        port=args.port,
        seed=args.seed,
        customers=args.customers,
        products=args.products,
        key_lifetime=args.key_lifetime,
        passcode_lifetime=args.passcode_lifetime,
        auto_approve=args.auto_approve,
        url_lifetime=args.url_lifetime,
        upload_url_lifetime=args.url_lifetime,
        data_dir=args.data_dir,
        state_file=None if args.no_state else (args.state_file or args.data_dir / STATE_FILE),
        publish_every=args.publish_every,
        step_delay=args.step_delay,
        result_delay=args.result_delay,
        polling=not args.no_polling,
        rotation_expiration=not args.rotation_without_expiration,
    )


async def serve(config: SandboxConfig, info_file: Path | None = None) -> None:
    """Run until SIGINT/SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # Windows: Ctrl-C raises KeyboardInterrupt
            pass
    server = SandboxServer(config)
    await server.start()
    try:
        if info_file is not None:
            save_json_atomically(
                info_file,
                {
                    "baseUrl": server.base_url,
                    "developerId": server.demo.developer_id,
                    "applicationId": server.demo.application_id,
                    "domain": server.demo.domain,
                },
            )
        print(
            f"Sage 50 sandbox on {server.base_url}  (control page: {server.base_url}/sandbox/)"
            f"\n  developerId {server.demo.developer_id}  applicationId "
            f"{server.demo.application_id}  domain {server.demo.domain}",
            flush=True,
        )
        await stop.wait()
    finally:
        await server.stop()


def default_data_dir() -> Path:
    """``$SAGE50_DESKTOP_HOME/sandbox`` when set, else the user cache folder's ``sandbox``."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "sandbox"
    return platformdirs.user_cache_path("sage50-desktop", False) / "sandbox"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.verbose:
        logging.getLogger("aiohttp.access").setLevel(logging.INFO)
    try:
        asyncio.run(serve(config_from_args(args), args.info_file))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
