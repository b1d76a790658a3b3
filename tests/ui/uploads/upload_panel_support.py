"""Helpers of the Uploads panel tests (a unique module name: ``conftest`` is ambiguous).

The order helpers mirror ``tests/uploads/conftest.py`` (copied, not imported).
"""

from __future__ import annotations

import copy
from typing import Any

from qt_helpers import wait_until

from sage50_desktop.services.tracking import TrackingPolicy
from sage50_desktop.ui.uploads.panel import UploadsPanel

TS = "2025-01-31T12:00:00Z"
ADDRESS = {"id": "A-1", "address1": "1 High St", "city": "Leeds", "country": "GB",
           "postCode": "LS1 1AA", "telephone1": "+44 113 000 0000", "timestamp": TS}
CUSTOMER_ID = "C0000001"  # the sandbox's generated customers are C0000001…
PRODUCT_ID = "P0000001"  # …and products P0000001…
UNKNOWN_PRODUCT = "P9999999"
FAST = TrackingPolicy(initial=0.02, factor=1.5, maximum=0.1, result_grace=5.0,
                      error_maximum=0.2)


def make_order(n: int, product: str = PRODUCT_ID, customer: str = CUSTOMER_ID) -> dict[str, Any]:
    return {
        "id": f"ORD-{n}", "orderDate": TS, "deliveryAddress": copy.deepcopy(ADDRESS),
        "invoiceAddress": copy.deepcopy(ADDRESS),
        "customer": {"id": customer, "firstName": "Ada", "lastName": "Lovelace",
                     "email": "ada@example.com", "addresses": [copy.deepcopy(ADDRESS)],
                     "timestamp": TS},
        "discount": 0, "currencyRate": 1, "paymentMethod": "card", "totalShipping": 4.95,
        "lines": [{"productId": product, "quantity": 2, "netPrice": 24.5, "tax": 20}],
        "totalAmount": 63.75, "timestamp": TS,
    }


async def settle(*panels: UploadsPanel) -> None:
    """Wait until the panels and their services have nothing in flight.

    pytest-qt processes Qt events after each test, outside the running loop;
    a task still in flight then would be stepped without a loop.
    """
    await wait_until(lambda: all(p.is_idle() for p in panels), timeout=20,
                     message="panels idle")
