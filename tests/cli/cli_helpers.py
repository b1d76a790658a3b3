"""Helpers of the CLI tests (a uniquely named module: ``conftest`` names collide)."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

TS = "2025-01-31T12:00:00Z"
ADDRESS = {"id": "A-1", "address1": "1 High St", "city": "Leeds", "country": "GB",
           "postCode": "LS1 1AA", "telephone1": "+44 113 000 0000", "timestamp": TS}
CUSTOMER = {"id": "C0000001", "firstName": "Ada", "lastName": "Lovelace",
            "email": "ada@example.com", "addresses": [ADDRESS], "timestamp": TS}
ORDER = {"id": "ORD-1001", "orderDate": TS, "deliveryAddress": ADDRESS,
         "invoiceAddress": ADDRESS, "customer": CUSTOMER, "discount": 0, "currencyRate": 1,
         "paymentMethod": "card", "totalShipping": 4.95,
         "lines": [{"productId": "P0000001", "quantity": 2, "netPrice": 24.5, "tax": 20}],
         "totalAmount": 63.75, "timestamp": TS}


def orders(n: int = 3) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        doc = copy.deepcopy(ORDER)
        doc["id"] = f"ORD-{1001 + i}"
        out.append(doc)
    return out


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def add_profile(cli, sb, name: str = "default") -> CliRun:
    return cli("--json", "profile", "add", name, "--base-url", sb.base_url,
               "--developer-id", sb.developer_id, "--application-id", sb.application_id,
               "--domain", sb.domain)
