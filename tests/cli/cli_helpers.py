"""Helpers of the CLI tests (a uniquely named module: ``conftest`` names collide)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from orders import make_order


def orders(n: int = 3) -> list[dict[str, Any]]:
    """``n`` valid orders ``ORD-1001``… of sandbox demo customers and products."""
    return [make_order(1001 + i) for i in range(n)]


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def add_profile(cli, sb, name: str = "default") -> CliRun:
    return cli(
        "--json",
        "profile",
        "add",
        name,
        "--base-url",
        sb.base_url,
        "--developer-id",
        sb.developer_id,
        "--application-id",
        sb.application_id,
        "--domain",
        sb.domain,
    )
