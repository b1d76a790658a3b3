"""The last scope listing (4.1) of a connection, and where it is kept between runs.

A :class:`Listing` is what the platform last said the domain's scope files
are; :class:`ListingCache` keeps one per profile on disk
(``<data_dir>/listings/<profile id>.json``, written atomically) so the app
stays browsable offline.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sage50_desktop.api import contract
from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.api.models import ScopeSummary, format_timestamp, parse_timestamp

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Listing:
    """The last scope listing of a profile's domain and when it was fetched."""

    domain: str
    scopes: tuple[ScopeSummary, ...]
    fetched_at: datetime

    def get(self, scope: str) -> ScopeSummary | None:
        return next((s for s in self.scopes if s.scope == scope), None)

    def versions(self) -> dict[str, str]:
        """Scope → published version."""
        return {s.scope: s.version for s in self.scopes}


def scopes_of(domain: str, listing: Listing | None) -> list[tuple[str, bool]]:
    """The domain's scopes as ``(scope, uploadable)``: download scopes, then upload scopes."""
    names = list(contract.DOWNLOAD_SCOPES.get(domain, ()))
    if listing is not None:
        names += [
            s.scope
            for s in listing.scopes
            if s.scope not in names and not contract.scope_is_uploadable(domain, s.scope)
        ]
    result = [(name, False) for name in names]
    result += [(name, True) for name in contract.UPLOAD_SCOPES.get(domain, ())]
    return result


class ListingCache:
    """Listings on disk, one JSON file per profile (written atomically)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, profile_id: str) -> Path:
        return self.folder / f"{profile_id}.json"

    def load(self, profile_id: str) -> Listing | None:
        try:
            raw = json.loads(self._path(profile_id).read_text(encoding="utf-8"))
            scopes = tuple(ScopeSummary.from_json(item) for item in raw["scopes"])
            return Listing(raw["domain"], scopes, parse_timestamp(raw["fetchedAt"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, Sage50Error) as exc:
            log.warning(
                "cached listing of %s unreadable (%s); ignored", profile_id, type(exc).__name__
            )
            return None

    def save(self, profile_id: str, listing: Listing) -> None:
        data = {
            "domain": listing.domain,
            "fetchedAt": format_timestamp(listing.fetched_at),
            "scopes": [
                {
                    "scope": s.scope,
                    "version": s.version,
                    "lastModified": format_timestamp(s.last_modified),
                    "size": s.size,
                    "sha256": s.sha256,
                }
                for s in listing.scopes
            ],
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".listing-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
            os.replace(tmp, self._path(profile_id))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remove(self, profile_id: str) -> None:
        self._path(profile_id).unlink(missing_ok=True)
