"""Deterministic Spanish e-commerce data: customers and products.

The content of record ``n`` is a pure function of ``(seed, n, revision)``:
identity fields (names, brand, category, barcode) come from ``(seed, n)``,
the fields that change between versions (prices, stock, phone, timestamp)
from ``(seed, n, revision)``. Files are written with orjson in big chunks
while hashing, so a 1,000,000-product file (~700 MB) takes seconds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from sage50_desktop.sandbox import names

GENERATOR_VERSION = "g1"  # part of the cache key: bump when record content changes
_M64 = (1 << 64) - 1
CHUNK = 20_000

CUSTOMER_PREFIX = "C"
PRODUCT_PREFIX = "P"
ID_DIGITS = 7


def record_id(scope: str, n: int) -> str:
    return f"{PREFIXES[scope]}{n:0{ID_DIGITS}d}"


def id_number(scope: str, record_id_: str) -> int | None:
    """The number behind a generated record id, or ``None`` if it is not one."""
    prefix = PREFIXES.get(scope)
    if not prefix or not record_id_.startswith(prefix):
        return None
    digits = record_id_[len(prefix) :]
    return int(digits) if digits.isdigit() and len(digits) == ID_DIGITS else None


def _mix(x: int) -> int:
    """splitmix64 finaliser."""
    x &= _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


def _hash(seed: int, n: int, salt: int) -> int:
    """A 128-bit pseudo-random integer for (seed, n, salt)."""
    a = _mix(seed * 0x9E3779B97F4A7C15 + n * 0xD1B54A32D192ED03 + salt * 0xABC98388FB8FAC03)
    return (a << 64) | _mix(a ^ 0x5851F42D4C957F2D)


# --- timestamps from a day table (much faster than datetime per record) ------------
_EPOCH = datetime(2019, 1, 1, tzinfo=UTC)
_DAYS = [(_EPOCH + timedelta(days=d)).strftime("%Y-%m-%d") for d in range(366 * 12)]
_CHANGE_BASE_DAY = 6 * 365 + 1  # revision > 0 timestamps start in 2025


_TIMES = [f"T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z" for s in range(86400)]


def _stamp(seconds: int) -> str:
    day, rest = divmod(seconds, 86400)
    return _DAYS[day] + _TIMES[rest]


def _revision_stamp(revision: int, h: int) -> str:
    # one hour bucket per revision: timestamps of different revisions always differ
    return _stamp(_CHANGE_BASE_DAY * 86400 + revision * 3600 + h % 3600)


def _weights(w: tuple[int, int, int]) -> list[int]:
    return [w[0] * (k // 100) + w[1] * (k // 10 % 10) + w[2] * (k % 10) for k in range(1000)]


_W_EVEN, _W_ODD = _weights((1, 3, 1)), _weights((3, 1, 3))


def ean13(first12: str) -> str:
    """``first12`` digits plus the EAN-13 check digit."""
    v = int(first12)
    total = (
        _W_EVEN[v // 10**9]
        + _W_ODD[v // 10**6 % 1000]
        + _W_EVEN[v // 1000 % 1000]
        + _W_ODD[v % 1000]
    )
    return first12 + str((10 - total % 10) % 10)


# --- products -----------------------------------------------------------------------
def product(seed: int, n: int, revision: int) -> dict[str, Any]:
    h = _hash(seed, n, 0)
    cat_path, nouns, brands, lo, hi, tax = names.CATEGORIES[h % len(names.CATEGORIES)]
    h //= len(names.CATEGORIES)
    noun = nouns[h % len(nouns)]
    h //= len(nouns)
    brand = brands[h % len(brands)]
    h //= len(brands)
    adjective = names.ADJECTIVES[h % len(names.ADJECTIVES)]
    h //= len(names.ADJECTIVES)
    color = names.COLORS[h % len(names.COLORS)]
    h //= len(names.COLORS)
    model = f"{names.LETTERS[h % 26]}{names.LETTERS[(h >> 5) % 26]}-{(h >> 10) % 900 + 100}"
    h >>= 20
    barcode = ean13(f"84{h % 10**10:010d}")
    h //= 10**10
    base_price = lo + (h % ((hi - lo) * 100)) / 100
    h //= (hi - lo) * 100
    added = h % (5 * 365 * 86400)
    h //= 5 * 365 * 86400
    material = names.MATERIALS[h % len(names.MATERIALS)]
    h //= len(names.MATERIALS)
    use = names.USES[h % len(names.USES)]
    h //= len(names.USES)
    r = _hash(seed, n, revision + 1)
    price = round(base_price * (0.85 + (r % 31) / 100), 2) if revision else round(base_price, 2)
    r //= 31
    discount = names.DISCOUNTS[r % len(names.DISCOUNTS)]
    r //= len(names.DISCOUNTS)
    stock = r % 750
    r //= 750
    stamp = _stamp(added + r % (30 * 86400)) if revision == 0 else _revision_stamp(revision, r)
    name = f"{noun} {brand} {model} {color}"
    return {
        "id": f"P{n:07d}",
        "reference": f"{brand[:3].upper()}-{model}-{n % 1000:03d}",
        "name": name,
        "shortDescription": f"{noun} {adjective} de {material}, color {color}.",
        "longDescription": (
            f"{name}: {noun.lower()} {adjective} fabricado en {material} por {brand}. "
            f"Pensado para {use}, con un acabado cuidado y una garantía de 2 años. "
            f"Incluye instrucciones en español y envío en 24/48 horas a la península. "
            f"Referencia de fábrica {model}; color {color}."
        ),
        "barCodeType": "EAN13",
        "barCode": barcode,
        "netPrice": price,
        "tax": tax,
        "discount": discount,
        "discountByUnit": bool(n % 3 == 0),
        "surcharge": bool(n % 17 == 0),
        "dateAdded": _stamp(added),
        "brand": brand,
        "category": cat_path,
        "stock": stock,
        "timestamp": stamp,
    }


# --- customers ----------------------------------------------------------------------
def _phone(h: int, prefix: str) -> str:
    if h % 3:
        digits = f"6{h % 10**8:08d}"
    else:
        digits = f"{prefix}{(h // 10) % 10 ** (9 - len(prefix)):0{9 - len(prefix)}d}"
    return f"+34 {digits[:3]} {digits[3:6]} {digits[6:]}"


def _address(seed: int, n: int, k: int, revision: int, stamp: str, contact: str) -> dict[str, Any]:
    h = _hash(seed, n, 1000 + k)
    city, province, region, cp, tel = names.CITIES[h % len(names.CITIES)]
    h //= len(names.CITIES)
    street_type = names.STREET_TYPES[h % len(names.STREET_TYPES)]
    h //= len(names.STREET_TYPES)
    street = names.STREETS[h % len(names.STREETS)]
    h //= len(names.STREETS)
    number = h % 180 + 1
    h //= 180
    floor = f"{h % 9 + 1}º {names.LETTERS[(h >> 4) % 6]}"
    h >>= 8
    r = _hash(seed, n, 2000 + k + revision * 7)
    address = {
        "id": f"A{n:07d}-{k + 1}",
        "contactName": contact,
        "address1": f"{street_type} {street}, {number}",
        "address2": floor,
        "city": city,
        "country": "ES",
        "state": province,
        "region": region,
        "postCode": f"{cp}{h % 1000:03d}",
        "telephone1": _phone(r, tel),
        "timestamp": stamp,
    }
    if r % 4 == 0:
        address["telephone2"] = _phone(r // 4, tel)
    return address


def customer(seed: int, n: int, revision: int) -> dict[str, Any]:
    h = _hash(seed, n, 1)
    first, first_ascii = names.FIRST_NAMES[h % len(names.FIRST_NAMES)]
    h //= len(names.FIRST_NAMES)
    last1, last1_ascii = names.SURNAMES[h % len(names.SURNAMES)]
    h //= len(names.SURNAMES)
    last2, _ = names.SURNAMES[h % len(names.SURNAMES)]
    h //= len(names.SURNAMES)
    company = h % 10 == 0
    h //= 10
    dni = h % 10**8
    h //= 10**8
    addresses_count = 1 + (h % 4 == 0)
    h //= 4
    created = h % (5 * 365 * 86400)
    r = _hash(seed, n, revision + 7)
    mail_domain = names.MAIL_DOMAINS[r % len(names.MAIL_DOMAINS)]
    r //= len(names.MAIL_DOMAINS)
    stamp = _stamp(created) if revision == 0 else _revision_stamp(revision, r)
    contact = f"{first} {last1}"
    return {
        "id": f"C{n:07d}",
        "idNumber": f"B{dni:08d}" if company else f"{dni:08d}{names.DNI_LETTERS[dni % 23]}",
        "firstName": first,
        "lastName": f"{last1} {last2}",
        "email": f"{first_ascii}.{last1_ascii}{n}@{mail_domain}",
        "addresses": [
            _address(seed, n, k, revision, stamp, contact) for k in range(addresses_count)
        ],
        "type": "empresa" if company else "particular",
        "currency": "EUR",
        "tax": 21,
        "surcharge": bool(company and n % 3 == 0),
        "timestamp": stamp,
    }


RECORD_FACTORIES: dict[str, Callable[[int, int, int], dict[str, Any]]] = {
    "customers": customer,
    "products": product,
}
PREFIXES = {"customers": CUSTOMER_PREFIX, "products": PRODUCT_PREFIX}


def records(
    scope: str, seed: int, ids: Iterable[int], revisions: dict[int, int]
) -> Iterable[dict[str, Any]]:
    make = RECORD_FACTORIES[scope]
    get = revisions.get
    for n in ids:
        yield make(seed, n, get(n, 0))


def write_scope_file(
    path: Path, scope: str, seed: int, ids: list[int] | Any, revisions: dict[int, int]
) -> tuple[int, str]:
    """Write the JSON array of ``ids`` (in order) to ``path`` atomically.

    Returns:
        (size in bytes, lowercase hex sha256).
    """
    make = RECORD_FACTORIES[scope]
    get = revisions.get
    digest = hashlib.sha256()
    size = 0
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(tmp, "wb") as out:

        def put(data: bytes) -> None:
            nonlocal size
            out.write(data)
            digest.update(data)
            size += len(data)

        put(b"[")
        first = True
        for start in range(0, len(ids), CHUNK):
            chunk = [make(seed, n, get(n, 0)) for n in ids[start : start + CHUNK]]
            body = orjson.dumps(chunk)[1:-1]
            if body:
                put(body if first else b"," + body)
                first = False
        put(b"]")
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return size, digest.hexdigest()
