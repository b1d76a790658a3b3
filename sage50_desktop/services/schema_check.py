"""Schema check of scope records against ``schemas/<domain>/<scope>.schema.json``.

Records are always kept as delivered; the check only produces warnings
(a count and a few examples with record id, path and message).

Cost at scale: full ``jsonschema`` validation of a product costs ~140-270 µs
(measured on the 2-core development machines: one ``descend`` per property),
i.e. several CPU-minutes for a million records, which would blow the sync
budget. So each record is first judged by the schema compiled into Python
(:func:`~sage50_desktop.schemas.record_check`, ~5 µs), and only a record it
refuses goes through ``jsonschema`` for the messages; and the check validates
**every record of small files** and a **deterministic sample of large ones**:
the first ``full_up_to`` records, then every ``stride``-th (about 12,000 records
for a 1M file: ~0.1 s of the parse process's CPU, ~3 s before the compiled
check). The snapshot stores
``warnings`` (invalid records found) and ``warnings_checked`` (records
validated), so the UI can say "3 of 12,000 checked records have problems".
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema (~0.3 s to import) loads when a file is first checked
    from collections.abc import Callable

    from jsonschema import Draft202012Validator

MAX_EXAMPLES = 20


def record_validator(domain: str, scope: str) -> Draft202012Validator | None:
    """A validator of ONE record of ``scope`` (the schema's ``items``), or None if unknown.

    Formats are not checked here: warnings are about structure, and the check
    must stay cheap at a million records.
    """
    from sage50_desktop import schemas

    try:
        return schemas.record_validator(domain, scope, formats=False)
    except (FileNotFoundError, KeyError):
        return None


class SchemaChecker:
    """Collects schema warnings of one file while it is parsed (thread-safe)."""

    def __init__(
        self,
        validator: Draft202012Validator,
        *,
        valid: Callable[[Any], bool] | None = None,
        full_up_to: int = 2000,
        stride: int = 100,
        max_examples: int = MAX_EXAMPLES,
    ) -> None:
        self.validator = validator
        #: the fast judge (True: valid); None: every record goes through ``validator``
        self.valid = valid
        self.full_up_to = full_up_to
        self.stride = stride
        self.max_examples = max_examples
        self.invalid = 0
        self.checked = 0
        self.examples: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    @classmethod
    def for_scope(cls, domain: str, scope: str, **kwargs: Any) -> SchemaChecker | None:
        validator = record_validator(domain, scope)
        if validator is None:
            return None
        from sage50_desktop import schemas

        return cls(validator, valid=schemas.record_check(domain, scope), **kwargs)

    def maybe_check(self, record: Any, record_id: str, number: int) -> None:
        """Validate record ``number`` (1-based) if it falls in the sample."""
        if number <= self.full_up_to or number % self.stride == 0:
            self.check(record, record_id)

    def check(self, record: Any, record_id: str) -> None:
        if self.valid is not None and self.valid(record):
            with self._lock:
                self.checked += 1
            return
        errors = list(self.validator.iter_errors(record))
        with self._lock:
            self.checked += 1
            if not errors:
                return
            self.invalid += 1
            for error in errors:
                if len(self.examples) >= self.max_examples:
                    break
                path = ".".join(str(p) for p in error.absolute_path)
                self.examples.append(
                    {"id": record_id, "path": path, "message": error.message[:300]}
                )

    def summary(self) -> tuple[int, int, list[dict[str, Any]]]:
        """(invalid records, records checked, examples)."""
        with self._lock:
            return self.invalid, self.checked, list(self.examples)
