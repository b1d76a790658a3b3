"""The columns of a scope's records table, read from the scope's JSON schema.

``resources/schemas/<domain>/<scope>.schema.json`` lists each record's fields
in order. Scalars become one column each; a nested object becomes one column
per field (``customer.name``); an array of objects (a customer's
``addresses``) shows the fields of its first item (``addresses.0.city``) plus
how many items there are. Every column is a dotted record path, which is also
what the store sorts and filters on. Headers are readable and translated
(context ``Fields``); unknown fields get their camelCase name spelled out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from sage50_desktop.resources import schema_dir

TEXT, NUMBER, BOOLEAN, DATETIME, COUNT = "text", "number", "boolean", "datetime", "count"

_LABELS = {
    "id": QT_TRANSLATE_NOOP("Fields", "ID"),
    "reference": QT_TRANSLATE_NOOP("Fields", "Reference"),
    "name": QT_TRANSLATE_NOOP("Fields", "Name"),
    "shortDescription": QT_TRANSLATE_NOOP("Fields", "Short description"),
    "longDescription": QT_TRANSLATE_NOOP("Fields", "Long description"),
    "barCodeType": QT_TRANSLATE_NOOP("Fields", "Barcode type"),
    "barCode": QT_TRANSLATE_NOOP("Fields", "Barcode"),
    "netPrice": QT_TRANSLATE_NOOP("Fields", "Net price"),
    "tax": QT_TRANSLATE_NOOP("Fields", "Tax %"),
    "discount": QT_TRANSLATE_NOOP("Fields", "Discount %"),
    "discountByUnit": QT_TRANSLATE_NOOP("Fields", "Discount by unit"),
    "surcharge": QT_TRANSLATE_NOOP("Fields", "Surcharge"),
    "dateAdded": QT_TRANSLATE_NOOP("Fields", "Date added"),
    "brand": QT_TRANSLATE_NOOP("Fields", "Brand"),
    "category": QT_TRANSLATE_NOOP("Fields", "Category"),
    "stock": QT_TRANSLATE_NOOP("Fields", "Stock"),
    "timestamp": QT_TRANSLATE_NOOP("Fields", "Last change"),
    "idNumber": QT_TRANSLATE_NOOP("Fields", "Tax ID"),
    "firstName": QT_TRANSLATE_NOOP("Fields", "First name"),
    "lastName": QT_TRANSLATE_NOOP("Fields", "Last name"),
    "email": QT_TRANSLATE_NOOP("Fields", "E-mail"),
    "addresses": QT_TRANSLATE_NOOP("Fields", "Addresses"),
    "address": QT_TRANSLATE_NOOP("Fields", "Address"),
    "type": QT_TRANSLATE_NOOP("Fields", "Type"),
    "currency": QT_TRANSLATE_NOOP("Fields", "Currency"),
    "contactName": QT_TRANSLATE_NOOP("Fields", "Contact"),
    "address1": QT_TRANSLATE_NOOP("Fields", "Street"),
    "address2": QT_TRANSLATE_NOOP("Fields", "Floor / door"),
    "city": QT_TRANSLATE_NOOP("Fields", "City"),
    "country": QT_TRANSLATE_NOOP("Fields", "Country"),
    "state": QT_TRANSLATE_NOOP("Fields", "Province"),
    "region": QT_TRANSLATE_NOOP("Fields", "Region"),
    "postCode": QT_TRANSLATE_NOOP("Fields", "Post code"),
    "telephone1": QT_TRANSLATE_NOOP("Fields", "Phone"),
    "telephone2": QT_TRANSLATE_NOOP("Fields", "Phone 2"),
    # orders (uploads: the fix form, validation messages)
    "orderDate": QT_TRANSLATE_NOOP("Fields", "Order date"),
    "eta": QT_TRANSLATE_NOOP("Fields", "Expected delivery"),
    "orderStatus": QT_TRANSLATE_NOOP("Fields", "Order status"),
    "deliveryAddress": QT_TRANSLATE_NOOP("Fields", "Delivery address"),
    "invoiceAddress": QT_TRANSLATE_NOOP("Fields", "Invoice address"),
    "customer": QT_TRANSLATE_NOOP("Fields", "Customer"),
    "currencyRate": QT_TRANSLATE_NOOP("Fields", "Exchange rate"),
    "paymentMethod": QT_TRANSLATE_NOOP("Fields", "Payment method"),
    "totalShipping": QT_TRANSLATE_NOOP("Fields", "Shipping"),
    "lines": QT_TRANSLATE_NOOP("Fields", "Lines"),
    "productId": QT_TRANSLATE_NOOP("Fields", "Product"),
    "description": QT_TRANSLATE_NOOP("Fields", "Description"),
    "quantity": QT_TRANSLATE_NOOP("Fields", "Quantity"),
    "totalAmount": QT_TRANSLATE_NOOP("Fields", "Total"),
}
_COUNT_LABEL = QT_TRANSLATE_NOOP("Fields", "%1 (count)")
_NESTED_LABEL = QT_TRANSLATE_NOOP("Fields", "%1 · %2 %3")

# shown by default; the rest are one click away in the column chooser
_HIDDEN_BY_DEFAULT = {
    "longDescription",
    "shortDescription",
    "barCodeType",
    "address2",
    "contactName",
    "country",
    "region",
    "telephone2",
    "timestamp",
    "id",
}  # nested ids (addresses.0.id) only; the record id stays


def field_label(name: str) -> str:
    """A readable, translated label of one field name (``netPrice`` → ``Net price``)."""
    source = _LABELS.get(name)
    if source:
        return QCoreApplication.translate("Fields", str(source))
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").strip()
    return words[:1].upper() + words[1:].lower() if words else name


def path_label(path: str) -> str:
    """A label for any dotted path (``addresses.0.city`` → ``City · Address 1``)."""
    parts = path.split(".")
    if len(parts) == 1:
        return field_label(parts[0])
    leaf = field_label(parts[-1]) if not parts[-1].isdigit() else str(int(parts[-1]) + 1)
    parent_parts = [p for p in parts[:-1]]
    index = next((p for p in reversed(parent_parts) if p.isdigit()), None)
    parent = next((p for p in reversed(parent_parts) if not p.isdigit()), parts[0])
    if index is not None:
        owner = field_label("address") if parent == "addresses" else field_label(parent)
        return (
            QCoreApplication.translate("Fields", str(_NESTED_LABEL))
            .replace("%1", leaf)
            .replace("%2", owner)
            .replace("%3", str(int(index) + 1))
        )
    return f"{leaf} · {field_label(parent)}"


@dataclass(frozen=True, slots=True)
class Column:
    """One table column: the dotted record path, its kind and whether it shows by default."""

    path: str
    kind: str = TEXT
    visible: bool = True

    @property
    def label(self) -> str:
        if self.kind == COUNT:
            return QCoreApplication.translate("Fields", str(_COUNT_LABEL)).replace(
                "%1", field_label(self.path)
            )
        return path_label(self.path)

    @property
    def sortable(self) -> bool:
        return self.kind != COUNT

    def value(self, record: dict[str, Any]) -> Any:
        """The raw value of this column in a record (``None`` when absent)."""
        if self.kind == COUNT:
            items = record.get(self.path)
            return len(items) if isinstance(items, list) else None
        value: Any = record
        for part in self.path.split("."):
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                return None
        return value


# --- reading schemas -------------------------------------------------------------------
@cache
def _load(domain: str, name: str) -> dict[str, Any]:
    path = schema_dir(domain) / name
    return orjson.loads(path.read_bytes())


def _resolve(domain: str, document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if not ref:
        return node
    if ref.startswith("#/"):
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part]
        return _resolve(domain, document, target)
    other = _load(domain, ref.split("#")[0])
    return _resolve(domain, other, other)


def _kind(spec: dict[str, Any]) -> str:
    kind = spec.get("type")
    if kind in ("number", "integer"):
        return NUMBER
    if kind == "boolean":
        return BOOLEAN
    if kind == "string" and spec.get("format") == "date-time":
        return DATETIME
    return TEXT


def _columns(
    domain: str, document: dict[str, Any], record: dict[str, Any], prefix: str, depth: int
) -> list[Column]:
    out: list[Column] = []
    for name, raw in record.get("properties", {}).items():
        spec = _resolve(domain, document, raw)
        path = f"{prefix}{name}"
        hidden = name in _HIDDEN_BY_DEFAULT and (prefix != "" or name != "id")
        if spec.get("type") == "object" and depth < 2:
            out += _columns(domain, document, spec, path + ".", depth + 1)
        elif spec.get("type") == "array" and depth < 2:
            items = _resolve(domain, document, spec.get("items", {}))
            out.append(Column(name if not prefix else path, COUNT, True))
            if items.get("type") == "object" or "properties" in items:
                out += [
                    Column(c.path, c.kind, c.visible and depth == 0)
                    for c in _columns(domain, document, items, path + ".0.", depth + 1)
                ]
        else:
            out.append(Column(path, _kind(spec), not hidden))
    return out


def columns_for(domain: str, scope: str) -> list[Column]:
    """The columns of a scope's records, in schema order (``id`` first).

    Unknown scopes (no schema) get a single ``id`` column; the table still
    shows every record, and the detail pane every field.
    """
    try:
        document = _load(domain, f"{scope}.schema.json")
    except (FileNotFoundError, OSError, ValueError):
        return [Column("id")]
    record = _resolve(domain, document, document.get("items", {}))
    found = _columns(domain, document, record, "", 0)
    found.sort(key=lambda c: c.path != "id")  # the record id first
    if not found or found[0].path != "id":
        found.insert(0, Column("id"))
    return found


def default_sort_columns(domain: str, scope: str) -> list[str]:
    """The columns a scope's table shows by default (``id`` aside): their sort
    indexes are built in the background after a download."""
    return [c.path for c in columns_for(domain, scope) if c.visible and c.path != "id"]
