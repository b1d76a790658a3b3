"""Helpers of the Uploads panel tests (a unique module name: ``conftest`` is ambiguous).

Orders come from the shared ``tests/helpers/orders.py``.
"""

from __future__ import annotations

from orders import ADDRESS, CUSTOMER_ID, PRODUCT_ID, TS, UNKNOWN_PRODUCT, make_order  # noqa: F401
from qt_helpers import wait_until

from sage50_desktop.services.tracking import TrackingPolicy
from sage50_desktop.ui.uploads.panel import UploadsPanel

FAST = TrackingPolicy(initial=0.02, factor=1.5, maximum=0.1, result_grace=5.0, error_maximum=0.2)


async def settle(*panels: UploadsPanel) -> None:
    """Wait until the panels and their services have nothing in flight.

    pytest-qt processes Qt events after each test, outside the running loop;
    a task still in flight then would be stepped without a loop.
    """
    await wait_until(lambda: all(p.is_idle() for p in panels), timeout=20, message="panels idle")
