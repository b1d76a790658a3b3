"""The contract's scope schemas (``resources/schemas/<domain>/``) as ready validators.

One place builds the ``referencing`` registry (cross-file ``$ref``\\s by
``$id``, offline) and the format checks (``date-time``, ``email``) that the
app's local validation, the snapshot schema check and the sandbox all use, so
the app and its sandbox judge a file the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

import orjson
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from sage50_desktop.resources import schema_dir

SCHEMA_SUFFIX = ".schema.json"

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """ISO-8601 date and time (``2025-01-31T12:00:00Z`` or with an offset)."""
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        raise ValueError("not an ISO-8601 date-time")
    datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value)
    return True


@FORMATS.checks("email")
def _email(value: object) -> bool:
    return not isinstance(value, str) or ("@" in value and "." in value.rsplit("@", 1)[-1])


@cache
def registry(domain: str) -> tuple[Registry, dict[str, dict[str, Any]]]:
    """Every schema of ``domain`` under its ``$id``, and scope name -> schema.

    Raises FileNotFoundError when the domain has no schema folder.
    """
    folder = schema_dir(domain)
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    resources = []
    by_scope: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*" + SCHEMA_SUFFIX)):
        contents = orjson.loads(path.read_bytes())
        resources.append((contents["$id"], Resource.from_contents(contents)))
        by_scope[path.name.removesuffix(SCHEMA_SUFFIX)] = contents
    return Registry().with_resources(resources).crawl(), by_scope


def file_validator(domain: str, scope: str, *, formats: bool = True) -> Draft202012Validator:
    """A validator of a whole scope file (KeyError for an unknown scope)."""
    reg, by_scope = registry(domain)
    return Draft202012Validator(
        by_scope[scope], registry=reg, format_checker=FORMATS if formats else None
    )


@cache
def record_validator(domain: str, scope: str, *, formats: bool = True) -> Draft202012Validator:
    """A validator of ONE record of ``scope`` (the ``items`` of its array schema).

    KeyError for an unknown scope or a schema without ``items``.
    """
    reg, by_scope = registry(domain)
    schema = by_scope[scope]
    if "items" not in schema:
        raise KeyError(f"{domain}/{scope} has no record schema")
    wrapper = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": f"{schema['$id']}#/items",
    }
    return Draft202012Validator(wrapper, registry=reg, format_checker=FORMATS if formats else None)


@cache
def record_check(domain: str, scope: str) -> Callable[[Any], bool]:
    """A fast yes/no of :func:`record_validator` (formats not checked): True when the
    record is valid. KeyError as :func:`record_validator`.

    The schema compiled into Python code by ``fastjsonschema`` (~5 µs a product
    instead of ~140-270 µs for ``jsonschema``'s validator): the snapshot check runs it
    on each sampled record and asks ``jsonschema`` only about the ones it refuses, for
    the messages. It knows drafts 4 to 7, not 2020-12: the scope schemas use only
    keywords that mean the same in both (``type``, ``properties``, ``required``,
    ``items`` as one schema, ``minLength``, ``minimum``, ``exclusiveMinimum`` as a
    number, ``pattern``, ``$ref`` with no sibling keywords…), and
    ``tests/core/test_schemas_fast_check.py`` checks that the two judge every scope's
    records, and many broken variants of them, alike.
    """
    import fastjsonschema

    _reg, by_scope = registry(domain)
    schema = by_scope[scope]
    if "items" not in schema:
        raise KeyError(f"{domain}/{scope} has no record schema")
    by_id = {contents["$id"]: contents for contents in by_scope.values()}

    def local(uri: str) -> dict[str, Any]:  # cross-file $refs: from the bundled files only
        return by_id[uri.split("#", 1)[0]]

    record = {"$id": schema["$id"], "$defs": schema.get("$defs", {}), **schema["items"]}
    validate = fastjsonschema.compile(
        record, handlers={"https": local, "http": local}, use_formats=False
    )

    def check(value: Any) -> bool:
        try:
            validate(value)
        except Exception:  # refused (JsonSchemaException), or not judged: jsonschema says
            return False
        return True

    return check
