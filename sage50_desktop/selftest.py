"""``sage50-desktop --self-test``: prove an installed bundle works, end to end.

Starts offscreen on an in-process sandbox with throwaway folders (the user's
data is never touched), then, through the real app: opens the main window,
onboards the demo connection (passcode, consent, key stored), downloads a
scope into a snapshot, builds a valid orders file from the downloaded data,
uploads it and tracks it to ``accepted``. Prints one line per step and exits
0 only if every step worked.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

log = logging.getLogger(__name__)

STEP_TIMEOUT = 120.0


class SelfTestFailed(RuntimeError):
    """A step of the self-test did not work."""


async def _wait_for(
    predicate: Callable[[], object], what: str, timeout: float = STEP_TIMEOUT
) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SelfTestFailed(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def _order_from(customer: dict[str, Any], product: dict[str, Any]) -> dict[str, Any]:
    """A valid order of the downloaded customer buying the downloaded product."""
    address = customer["addresses"][0]
    price = float(product["netPrice"])
    tax = float(product["tax"])
    total = round(price * 2 * (1 + tax / 100) + 4.95, 2)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return {
        "id": f"SELFTEST-{int(time.time())}",
        "orderDate": now,
        "deliveryAddress": address,
        "invoiceAddress": address,
        "customer": customer,
        "discount": 0,
        "currencyRate": 1,
        "paymentMethod": "card",
        "totalShipping": 4.95,
        "lines": [{"productId": product["id"], "quantity": 2, "netPrice": price, "tax": tax}],
        "totalAmount": total,
        "timestamp": now,
    }


async def run_steps(shell: Any, report: Callable[[str], None]) -> None:
    """The checks, on a started :class:`~sage50_desktop.app.Shell` with a sandbox."""
    from sage50_desktop.api.contract import UploadStatus
    from sage50_desktop.services.sync import SyncService
    from sage50_desktop.services.tracking import TrackingPolicy
    from sage50_desktop.services.uploads import UploadService
    from sage50_desktop.ui import session as S

    runtime = shell.runtime
    session = shell.sessions.get(shell.sandbox_profile.id)
    await _wait_for(lambda: shell.window.isVisible(), "the main window")
    report("main window shown")
    await _wait_for(
        lambda: session.state == S.ONLINE and not session.consent_running,
        "the demo connection to be onboarded and online",
    )
    connection = session.connection
    listing = await connection.client.list_scope_files(connection.domain)
    report(f"onboarded: key stored, {len(listing.scopes)} data sets listed")

    store = runtime.snapshots  # the app's one store
    sync = SyncService.for_runtime(runtime, connection, store, build_index=False)
    try:
        customers = await sync.sync("customers")
        products = await sync.sync("products")
        if not customers.records or not products.records:
            raise SelfTestFailed("a downloaded data set is empty")
        report(
            f"downloaded: customers {customers.records} records, "
            f"products {products.records} records"
        )
        customer = store.page(customers.snapshot_id, 0, 1).rows[0]
        product = store.page(products.snapshot_id, 0, 1).rows[0]
    finally:
        sync.detach()

    folder = Path(tempfile.mkdtemp(prefix="selftest-", dir=runtime.data_dir))
    orders = folder / "orders.json"
    orders.write_bytes(orjson.dumps([_order_from(customer, product)]))
    uploads = UploadService(
        runtime, connection, policy=TrackingPolicy(initial=0.1, maximum=0.5, result_grace=30)
    )
    try:
        record = await uploads.upload(orders, "orders")
        final = await uploads.wait(record.id, STEP_TIMEOUT)
        status = final.status
        summary = uploads.summary(record.id)
    finally:
        await uploads.aclose()
    if status != UploadStatus.ACCEPTED:
        raise SelfTestFailed(f"the upload ended as {status!r}, not accepted")
    report(f"uploaded an order and tracked it to {status} ({summary})")


def main() -> int:
    """Entry of ``--self-test``; returns the process exit code."""
    if os.environ.setdefault("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        # the offscreen plugin's notes about window hints are noise here
        os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    home = tempfile.mkdtemp(prefix="sage50-selftest-")
    os.environ["SAGE50_DESKTOP_HOME"] = home  # never the user's data

    import qasync
    from PySide6.QtWidgets import QApplication

    from sage50_desktop import logging_setup
    from sage50_desktop.app import Shell, start_sandbox
    from sage50_desktop.services.runtime import Runtime
    from sage50_desktop.ui.gc_guard import GarbageCollector

    logging_setup.configure(logging.INFO)
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0] if sys.argv else "sage50-desktop"])
    )
    app.setQuitOnLastWindowClosed(False)
    gc_guard = GarbageCollector(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    started = time.monotonic()

    def report(line: str) -> None:
        print(f"[{time.monotonic() - started:5.1f}s] ok  {line}", flush=True)

    async def run() -> int:
        runtime = Runtime()
        sandbox = await asyncio.to_thread(
            start_sandbox,
            runtime.data_dir,
            0,
            auto_approve=0.2,
            customers=50,
            products=200,
            step_delay=0.1,
        )
        report(f"sandbox started at {sandbox.base_url}")
        shell = Shell(runtime, sandbox=sandbox, open_wizard_when_empty=False)
        try:
            shell.start()
            await run_steps(shell, report)
        except Exception as exc:
            log.exception("self-test failed")
            print(
                f"[{time.monotonic() - started:5.1f}s] FAIL {type(exc).__name__}: {exc}",
                file=sys.stderr,
                flush=True,
            )
            return 1
        finally:
            await shell.shutdown()
        print(f"self-test passed in {time.monotonic() - started:.1f} s", flush=True)
        return 0

    try:
        with loop:
            return loop.run_until_complete(run())
    finally:
        gc_guard.stop()
        logging.shutdown()
        shutil.rmtree(home, ignore_errors=True)
