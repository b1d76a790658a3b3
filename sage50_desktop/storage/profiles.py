"""Connection profiles in ``app.sqlite3``: where to connect and as whom; never secrets."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    MetaData,
    String,
    Table,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

from sage50_desktop.storage.db import migrate

metadata = MetaData()

profiles = Table(
    "profiles",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False, unique=True),
    Column("base_url", String, nullable=False),
    Column("developer_id", String, nullable=False, default=""),
    Column("application_id", String, nullable=False, default=""),
    Column("domain", String, nullable=False, default="ecommerce"),
    Column("key_expiration", DateTime(timezone=True)),
    Column("sandbox", Boolean, nullable=False, default=False),
    Column("allow_insecure_http", Boolean, nullable=False, default=False),
    Column("consent_needed", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # a custom-URL connection the user marked as a test one (shown like the sandbox)
    Column("test_connection", Boolean, nullable=False, default=False),
)


def _step_1(conn: Connection) -> None:
    metadata.create_all(conn)


def _step_2(conn: Connection) -> None:
    """``test_connection`` (a database made by step 1 of an older version lacks it)."""
    columns = {row[1] for row in conn.execute(text("PRAGMA table_info(profiles)"))}
    if "test_connection" not in columns:
        conn.execute(
            text("ALTER TABLE profiles ADD COLUMN test_connection BOOLEAN NOT NULL DEFAULT 0")
        )


STEPS = [_step_1, _step_2]


class ProfileExists(ValueError):
    """A profile with that name exists already."""


class ProfileNotFound(LookupError):
    """No profile with that name or id."""


@dataclass(frozen=True, slots=True)
class Profile:
    """A connection profile. Secrets are in the credential store, keyed by ``id``."""

    name: str
    base_url: str
    developer_id: str = ""
    application_id: str = ""
    domain: str = "ecommerce"
    id: str = ""
    key_expiration: datetime | None = None
    sandbox: bool = False
    allow_insecure_http: bool = False
    consent_needed: bool = False
    created_at: datetime | None = None
    test_connection: bool = False  # marked by the user as a test connection

    @property
    def onboarded(self) -> bool:
        return bool(self.developer_id and self.application_id)

    @property
    def is_test(self) -> bool:
        """Shown as a test connection (accent and tag): the sandbox, or marked so."""
        return self.sandbox or self.test_connection


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class ProfileStore:
    """CRUD of connection profiles."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        migrate(engine, "profiles", STEPS)

    def list_profiles(self) -> list[Profile]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(profiles).order_by(profiles.c.name)).mappings().all()
        return [self._from_row(row) for row in rows]

    def get(self, name_or_id: str) -> Profile:
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    select(profiles).where(
                        (profiles.c.name == name_or_id) | (profiles.c.id == name_or_id)
                    )
                )
                .mappings()
                .first()
            )
        if row is None:
            raise ProfileNotFound(f"no connection named {name_or_id!r}")
        return self._from_row(row)

    def find(self, name_or_id: str) -> Profile | None:
        try:
            return self.get(name_or_id)
        except ProfileNotFound:
            return None

    def add(self, profile: Profile) -> Profile:
        profile = replace(
            profile,
            id=profile.id or uuid.uuid4().hex,
            created_at=profile.created_at or datetime.now(UTC),
        )
        values = self._to_row(profile)
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(profiles).values(**values))
        except IntegrityError:
            raise ProfileExists(f"a connection named {profile.name!r} exists already") from None
        return profile

    def save(self, profile: Profile) -> Profile:
        """Update an existing profile (matched by id)."""
        values = self._to_row(profile)
        values.pop("id")
        try:
            with self.engine.begin() as conn:
                result = conn.execute(
                    update(profiles).where(profiles.c.id == profile.id).values(**values)
                )
        except IntegrityError:
            raise ProfileExists(f"a connection named {profile.name!r} exists already") from None
        if result.rowcount == 0:
            raise ProfileNotFound(f"no connection with id {profile.id!r}")
        return profile

    def upsert(self, profile: Profile) -> Profile:
        """Create or replace the profile with this name (keeping its id)."""
        existing = self.find(profile.name)
        if existing is None:
            return self.add(profile)
        return self.save(replace(profile, id=existing.id, created_at=existing.created_at))

    def rename(self, profile_id: str, new_name: str) -> Profile:
        profile = self.get(profile_id)
        return self.save(replace(profile, name=new_name))

    def set_key_expiration(self, profile_id: str, expiration: datetime | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(profiles)
                .where(profiles.c.id == profile_id)
                .values(key_expiration=expiration)
            )

    def set_test_connection(self, profile_id: str, test: bool) -> Profile:
        """Mark (or unmark) the connection as a test connection; the updated profile."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(profiles).where(profiles.c.id == profile_id).values(test_connection=test)
            )
        if result.rowcount == 0:
            raise ProfileNotFound(f"no connection with id {profile_id!r}")
        return self.get(profile_id)

    def set_consent_needed(self, profile_id: str, needed: bool) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(profiles).where(profiles.c.id == profile_id).values(consent_needed=needed)
            )

    def remove(self, profile_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(profiles).where(profiles.c.id == profile_id))

    @staticmethod
    def _to_row(profile: Profile) -> dict[str, object]:
        return {
            "id": profile.id,
            "name": profile.name,
            "base_url": profile.base_url,
            "developer_id": profile.developer_id,
            "application_id": profile.application_id,
            "domain": profile.domain,
            "key_expiration": profile.key_expiration,
            "sandbox": profile.sandbox,
            "allow_insecure_http": profile.allow_insecure_http,
            "consent_needed": profile.consent_needed,
            "created_at": profile.created_at,
            "test_connection": profile.test_connection,
        }

    @staticmethod
    def _from_row(row: object) -> Profile:
        data = dict(row)  # type: ignore[call-overload]
        data["key_expiration"] = _aware(data["key_expiration"])
        data["created_at"] = _aware(data["created_at"])
        return Profile(**data)
