"""SQLite engines and the migration approach shared by every store.

Two database files live in the data folder:

* ``app.sqlite3`` — connection profiles, uploads, the activity history: small,
  precious state.
* ``cache.sqlite3`` — snapshots of scope files: large, rebuildable. Kept apart
  so a long ingest transaction never blocks the app's own writes.

Both run in WAL mode with foreign keys on. **Migrations**: each store module
owns its tables and an ordered list of steps; :func:`migrate` records in the
``schema_versions`` table, per component, how many steps have run, and runs
the missing ones in order, each in its own transaction, at start-up — one process
at a time (a file lock), each step re-reading the version inside its write
transaction, so several processes starting on a fresh folder never run a step
twice. A
database written by a newer app (more steps than this build knows) is refused
with a clear message instead of being damaged. Steps are append-only: a
released step is never edited, a change is a new step.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

import sqlalchemy.exc
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import NullPool

from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.storage import db_health
from sage50_desktop.storage.data_folder import DataFolderUnavailable, unwritable
from sage50_desktop.storage.locks import migration_lock

log = logging.getLogger(__name__)

Step = Callable[[Connection], None]


class DatabaseTooNew(Sage50Error, RuntimeError):
    """The database was written by a newer version of the app."""

    hint = (
        "The app's data was written by a newer version of Sage 50 Desktop. Install that "
        "version (or a newer one), then start the app again."
    )


def open_engine(
    path: Path | str, *, echo: bool = False, immediate: bool = False, read_only_ok: bool = True
) -> Engine:
    """An engine on the SQLite file at ``path`` (``":memory:"`` for tests).

    A file is checked first (:func:`~sage50_desktop.storage.db_health.problem`,
    under the migration lock, so a file another process is creating is never
    judged half-made): a damaged one raises
    :class:`~sage50_desktop.storage.db_health.DatabaseDamaged`. A folder that
    cannot be written raises
    :class:`~sage50_desktop.storage.data_folder.DataFolderUnavailable`.
    ``immediate``: every transaction takes SQLite's write lock first (the small
    ``app.sqlite3`` that several processes update; not the cache, whose long
    ingest transactions would then block every read).

    **A full disk or a read-only folder** (``read_only_ok``): SQLite cannot make
    the ``-shm`` file WAL mode needs, even to read. An existing, sound file
    without a pending ``-wal`` is then opened read-only (SQLite's ``immutable``
    mode: no lock, no ``-shm``, nothing written), so what is stored can still be
    read; every write through it raises the
    :class:`~sage50_desktop.storage.data_folder.DataFolderUnavailable` that
    :func:`read_only_reason` returns. Otherwise (no file yet, a pending
    ``-wal``) that error is raised at once. On every engine an SQLite error
    caused by a full or read-only folder is raised as that error.
    """
    memory = str(path) == ":memory:"
    url = "sqlite://" if memory else f"sqlite:///{Path(path)}"
    engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # let SQLAlchemy drive transactions explicitly (BEGIN on first statement)
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # immediate: take the write lock first, so a transaction that reads and then
        # writes never fails with "database is locked" when another process wrote in
        # between (SQLITE_BUSY_SNAPSHOT) or holds the write lock (a read transaction
        # upgrading to write gets SQLITE_BUSY at once): the busy timeout covers neither
        first = immediate or conn.get_execution_options().get(WRITE_FIRST, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if first else "BEGIN")

    if not memory:
        file = Path(path)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            with migration_lock(file):
                reason = db_health.problem(file)
                if reason is not None:
                    engine.dispose()
                    raise db_health.DatabaseDamaged(
                        file, reason, backup=db_health.latest_backup(file)
                    )
                with engine.begin() as conn:  # a new file is never left empty (0 bytes)
                    conn.execute(text(_VERSIONS_TABLE))
        except (OSError, sqlalchemy.exc.OperationalError, DataFolderUnavailable) as exc:
            engine.dispose()
            if isinstance(exc, sqlalchemy.exc.OperationalError) and "locked" in str(exc):
                raise
            unavailable = unwritable(exc, file.parent) or DataFolderUnavailable(
                file.parent, _cause(exc)
            )
            fallback = _read_only_engine(file, unavailable, echo) if read_only_ok else None
            if fallback is None:
                raise unavailable from None
            return fallback
        _raise_unwritable_as_such(engine, file.parent)
        try:
            file.chmod(0o600)
        except OSError:
            pass
    return engine


_read_only: weakref.WeakKeyDictionary[Engine, DataFolderUnavailable] = weakref.WeakKeyDictionary()


def read_only_reason(engine: Engine) -> DataFolderUnavailable | None:
    """Why ``engine`` was opened read-only (a full disk, a read-only folder), or None."""
    return _read_only.get(engine)


def _read_only_engine(file: Path, unavailable: DataFolderUnavailable, echo: bool) -> Engine | None:
    """A read-only engine on ``file`` when it can be read as it is (see :func:`open_engine`)."""
    if unavailable.state is None or not file.is_file():
        return None
    if db_health.wal_in_use(file):
        return None  # committed frames SQLite cannot read without its -shm
    reason = db_health.problem(file)
    if reason is not None:
        raise db_health.DatabaseDamaged(file, reason, backup=db_health.latest_backup(file))
    engine = create_engine(
        "sqlite://",
        echo=echo,
        creator=lambda: db_health.connect_immutable(file, check_same_thread=False),
        poolclass=NullPool,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> BaseException | None:
        if _is_write_refused(context.original_exception):
            return unavailable
        return None

    _read_only[engine] = unavailable
    log.warning("opened %s read-only: %s", file.name, unavailable)
    return engine


def _is_write_refused(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) and "readonly" in str(exc)


def _raise_unwritable_as_such(engine: Engine, folder: Path) -> None:
    """SQLite errors of a full or read-only ``folder`` raised as DataFolderUnavailable."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> BaseException | None:
        return unwritable(context.original_exception, folder)


def _cause(exc: BaseException) -> BaseException:
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, BaseException) else exc


_VERSIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_versions ("
    "component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
)


def _db_path(engine: Engine) -> Path | None:
    database = engine.url.database
    return Path(database) if database and database != ":memory:" else None


def _version(conn: Connection, component: str) -> int:
    row = conn.execute(
        text("SELECT version FROM schema_versions WHERE component = :c"), {"c": component}
    ).first()
    return int(row[0]) if row else 0


#: execution option: this connection's transactions take the write lock at BEGIN
#: (``BEGIN IMMEDIATE``, waiting up to the busy timeout), on any engine
WRITE_FIRST = "sage50_write_first"


_before_migration: weakref.WeakKeyDictionary[Engine, Callable[[int, int], None]] = (
    weakref.WeakKeyDictionary()
)


def set_before_migration(engine: Engine, hook: Callable[[int, int], None]) -> None:
    """Call ``hook(current, target)`` before any component of ``engine`` migrates (backups)."""
    _before_migration[engine] = hook


def migrate(
    engine: Engine,
    component: str,
    steps: Sequence[Step],
    *,
    before: Callable[[int, int], None] | None = None,
) -> int:
    """Run the steps of ``component`` that have not run yet; returns its version.

    Safe with several processes on one database: the first one takes the
    migration file lock and migrates, the others wait for it and then find
    nothing left to run. Each step re-reads the version inside its own write
    transaction, so a step never runs twice. ``before(current, target)`` is
    called (under the lock) once before the first step runs — e.g. to back the
    database up.
    """
    with engine.connect() as conn:
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS schema_versions ("
                "component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
            )
        )
        current = _version(conn, component)
        conn.commit()
    _refuse_newer(component, current, len(steps))
    if current == len(steps):
        return current
    before = before or _before_migration.get(engine)
    path = _db_path(engine)
    lock = migration_lock(path) if path is not None else contextlib.nullcontext()
    with lock:
        with engine.connect() as conn:
            current = _version(conn, component)
            conn.commit()
        _refuse_newer(component, current, len(steps))
        if current < len(steps) and before is not None:
            before(current, len(steps))
        while True:
            # the write lock first, so what is read next cannot change before commit
            with engine.connect().execution_options(**{WRITE_FIRST: True}) as conn, conn.begin():
                current = _version(conn, component)  # re-read inside the write transaction
                _refuse_newer(component, current, len(steps))
                if current >= len(steps):
                    break
                number = current + 1
                steps[number - 1](conn)
                conn.execute(
                    text(
                        "INSERT INTO schema_versions (component, version) VALUES (:c, :v) "
                        "ON CONFLICT(component) DO UPDATE SET version = excluded.version"
                    ),
                    {"c": component, "v": number},
                )
            log.info("migrated %s to schema %d", component, number)
    return len(steps)


def _refuse_newer(component: str, current: int, known: int) -> None:
    if current > known:
        raise DatabaseTooNew(
            f"the {component} data was written by a newer version of the app "
            f"(schema {current}, this version knows {known}); update the app"
        )


def integrity_ok(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
