"""The duplicate-order guard: never send an order the platform already accepted without asking.

Before a file is sent (a new upload, a re-upload, corrected records) its
record ids are compared with the ids that a stored result file of the same
connection (profile), domain and scope accepted. When some would be sent
again, :class:`DuplicateOrders` is raised with a :class:`ResendCheck`
naming them; the caller asks the user (the GUI's confirmation names the
count; the CLI refuses unless ``--allow-resend``) and calls again with
``allow_resend=True``.

Records without an ``id`` (result key ``#n``) cannot be recognised and are
not compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ijson

from sage50_desktop.api import contract
from sage50_desktop.storage.upload_store import AcceptedRecord, UploadStore

__all__ = [
    "AcceptedRecord",
    "DuplicateOrders",
    "ResendCheck",
    "check_ids",
    "file_record_ids",
    "record_ids",
]

#: ids listed at most in a message (all are counted)
SAMPLE = 10


@dataclass(frozen=True, slots=True)
class ResendCheck:
    """The outcome of comparing a file's record ids with the accepted ones."""

    compared: int  # records with an id in the file
    duplicates: tuple[AcceptedRecord, ...]

    @property
    def count(self) -> int:
        return len(self.duplicates)

    @property
    def clean(self) -> bool:
        return not self.duplicates

    def sample_ids(self, limit: int = SAMPLE) -> list[str]:
        return [d.record_id for d in self.duplicates[:limit]]

    def uploads(self) -> list[str]:
        """The upload ids that accepted them, first acceptance first."""
        return list(dict.fromkeys(d.upload_id for d in self.duplicates))

    def summary(self) -> str:
        """One English line (CLI, logs); the GUI words its own translated text."""
        ids = ", ".join(self.sample_ids())
        more = f" and {self.count - SAMPLE} more" if self.count > SAMPLE else ""
        uploads = ", ".join(self.uploads()[:3])
        return (
            f"{self.count} of the {self.compared} order(s) in this file were already "
            f"accepted on this connection (upload {uploads}): {ids}{more}."
        )


class DuplicateOrders(Exception):
    """Some records of the file were already accepted; nothing was sent."""

    hint = (
        "Nothing was sent. Remove the orders that were already accepted, or send them "
        "again on purpose (the CLI's --allow-resend)."
    )

    def __init__(self, check: ResendCheck) -> None:
        super().__init__(check.summary())
        self.check = check


def record_ids(records: Iterable[Any]) -> list[str]:
    """The ids of ``records`` that have one (``#n`` keys are left out)."""
    # here, not at the top: validation loads jsonschema (~0.3 s), which a start need not
    from sage50_desktop.services.validation import record_key

    ids = []
    for index, record in enumerate(records):
        key = record_key(record, index)
        if key != contract.record_key_for_index(index):
            ids.append(key)
    return ids


def file_record_ids(path: Path) -> list[str]:
    """The record ids of an upload file (streamed; blocking: run it in a worker thread)."""
    with path.open("rb") as fh:
        return record_ids(ijson.items(fh, "item", use_float=True))


def check_ids(
    store: UploadStore, *, profile_id: str, domain: str, scope: str, ids: list[str]
) -> ResendCheck:
    """Compare ``ids`` with the ids accepted on this profile/domain/scope (blocking)."""
    duplicates = store.accepted_among(
        profile_id=profile_id, domain=domain, scope=scope, record_ids=ids
    )
    return ResendCheck(compared=len(ids), duplicates=tuple(duplicates))
