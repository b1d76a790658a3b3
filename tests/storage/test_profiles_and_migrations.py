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


def test_a_profile_marked_as_test_survives_and_an_old_database_gains_the_column(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = open_engine(path)
    with engine.begin() as conn:  # profiles as the previous version made them (step 1 only)
        conn.execute(
            text(
                "CREATE TABLE profiles (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, "
                "base_url VARCHAR NOT NULL, developer_id VARCHAR NOT NULL, "
                "application_id VARCHAR NOT NULL, domain VARCHAR NOT NULL, "
                "key_expiration DATETIME, sandbox BOOLEAN NOT NULL, "
                "allow_insecure_http BOOLEAN NOT NULL, consent_needed BOOLEAN NOT NULL, "
                "created_at DATETIME NOT NULL)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO profiles VALUES ('p1', 'Staging', 'https://staging.example.com', "
                "'d', 'a', 'ecommerce', NULL, 0, 0, 0, '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS schema_versions "
                "(component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
            )
        )
        conn.execute(text("INSERT INTO schema_versions VALUES ('profiles', 1)"))
    store = ProfileStore(engine)
    old = store.get("Staging")
    assert old.test_connection is False and not old.is_test
    marked = store.set_test_connection(old.id, True)
    assert marked.test_connection and marked.is_test
    assert ProfileStore(open_engine(path)).get("Staging").is_test
    assert store.set_test_connection(old.id, False).is_test is False
    sandbox = store.add(Profile("Sandbox", "http://127.0.0.1:1", sandbox=True))
    assert sandbox.is_test and not sandbox.test_connection
    with pytest.raises(ProfileNotFound):
        store.set_test_connection("nope", True)
