"""Profiles CRUD and the migration approach (including refusing a newer database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from sage50_desktop.storage.db import DatabaseTooNew, integrity_ok, migrate, open_engine
from sage50_desktop.storage.profiles import Profile, ProfileExists, ProfileNotFound, ProfileStore


def test_profiles_crud(tmp_path):
    engine = open_engine(tmp_path / "app.sqlite3")
    store = ProfileStore(engine)
    p = store.add(Profile("Tienda", "https://api.example.com", "dev", "app"))
    assert p.id and store.get("Tienda") == p and store.get(p.id) == p
    with pytest.raises(ProfileExists):
        store.add(Profile("Tienda", "https://other"))
    renamed = store.rename(p.id, "Tienda Online")
    assert renamed.id == p.id and store.get("Tienda Online").base_url == "https://api.example.com"
    exp = datetime(2030, 1, 1, tzinfo=UTC)
    store.set_key_expiration(p.id, exp)
    assert store.get(p.id).key_expiration == exp
    again = store.upsert(Profile("Tienda Online", "https://new", "dev2", "app2"))
    assert again.id == p.id and store.get(p.id).developer_id == "dev2"
    store.remove(p.id)
    with pytest.raises(ProfileNotFound):
        store.get(p.id)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert integrity_ok(engine)


def test_migrations_run_once_in_order_and_refuse_a_newer_database(tmp_path):
    engine = open_engine(tmp_path / "x.sqlite3")
    ran = []
    steps = [lambda c: ran.append(1), lambda c: ran.append(2)]
    assert migrate(engine, "thing", steps) == 2
    assert migrate(engine, "thing", steps) == 2
    assert ran == [1, 2]
    steps.append(lambda c: ran.append(3))
    migrate(engine, "thing", steps)
    assert ran == [1, 2, 3]
    with pytest.raises(DatabaseTooNew, match="newer version"):
        migrate(engine, "thing", steps[:1])


def test_a_failing_step_leaves_the_version_unchanged(tmp_path):
    engine = open_engine(tmp_path / "y.sqlite3")

    def bad(conn):
        conn.execute(text("CREATE TABLE t (x)"))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(engine, "c", [bad])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name='t'")).scalar() == 0
        assert (
            conn.execute(text("SELECT version FROM schema_versions WHERE component='c'")).first()
            is None
        )
