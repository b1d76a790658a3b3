"""Orders for upload tests: valid against the contract's schema, referencing sandbox demo data.

The sandbox's generated customers are ``C0000001``… and products ``P0000001``…
"""

from __future__ import annotations

import copy
from typing import Any

TS = "2025-01-31T12:00:00Z"
ADDRESS = {
    "id": "A-1",
    "address1": "1 High St",
    "city": "Leeds",
    "country": "GB",
    "postCode": "LS1 1AA",
    "telephone1": "+44 113 000 0000",
    "timestamp": TS,
}
CUSTOMER_ID = "C0000001"
PRODUCT_ID = "P0000001"
UNKNOWN_PRODUCT = "P9999999"


def make_order(
    n: int | str, product: str = PRODUCT_ID, customer: str = CUSTOMER_ID
) -> dict[str, Any]:
    """A valid order ``ORD-<n>`` of ``customer`` buying two of ``product``."""
    return {
        "id": f"ORD-{n}",
        "orderDate": TS,
        "deliveryAddress": copy.deepcopy(ADDRESS),
        "invoiceAddress": copy.deepcopy(ADDRESS),
        "customer": {
            "id": customer,
            "firstName": "Ada",
            "lastName": "Lovelace",
            "email": "ada@example.com",
            "addresses": [copy.deepcopy(ADDRESS)],
            "timestamp": TS,
        },
        "discount": 0,
        "currencyRate": 1,
        "paymentMethod": "card",
        "totalShipping": 4.95,
        "lines": [{"productId": product, "quantity": 2, "netPrice": 24.5, "tax": 20}],
        "totalAmount": 63.75,
        "timestamp": TS,
    }
