"""The Activity history in ``app.sqlite3``: every background task and notable event.

Component ``activity`` (see :func:`sage50_desktop.storage.db.migrate`). One
row per task or event; a task's row is written when it starts and updated
when it ends (progress lives in memory only). Rows are kept as an audit
history; :meth:`ActivityStore.prune` trims the oldest past a limit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)

from sage50_desktop.storage.db import migrate

metadata = MetaData()

activity = Table(
    "activity",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String, nullable=False),
    Column("subject", String, nullable=False, default=""),
    Column("target", String),
    Column("state", String, nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("error_type", String),
    Column("done", Integer),
    Column("total", Integer),
    Column("task_name", String),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
)
Index("ix_activity_started", activity.c.started_at)


def _step_1(conn: Connection) -> None:
    metadata.create_all(conn)


STEPS = [_step_1]


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """One row of the history.

    ``state`` is ``running``, ``succeeded``, ``failed``, ``cancelled``,
    ``interrupted`` (the app ended while it ran) or ``info`` (an event).
    ``detail`` is English text from the services; ``error_type`` the class
    name of a failure (the UI translates its hint by class).
    """

    kind: str
    subject: str
    state: str
    started_at: datetime
    target: str | None = None
    detail: str = ""
    error_type: str | None = None
    done: int | None = None
    total: int | None = None
    task_name: str | None = None
    finished_at: datetime | None = None
    id: int | None = None


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class ActivityStore:
    """Reads and writes the ``activity`` table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        migrate(engine, "activity", STEPS)

    def add(self, record: ActivityRecord) -> ActivityRecord:
        values = self._to_row(record)
        values.pop("id")
        with self.engine.begin() as conn:
            key = conn.execute(insert(activity).values(**values)).inserted_primary_key
        assert key is not None
        return replace(record, id=int(key[0]))

    def save(self, record: ActivityRecord) -> None:
        if record.id is None:
            raise ValueError("save() needs a record that was added")
        values = self._to_row(record)
        values.pop("id")
        with self.engine.begin() as conn:
            conn.execute(update(activity).where(activity.c.id == record.id).values(**values))

    def delete_for_profile(self, profile_id: str, *, keep_running: bool = False) -> int:
        """Delete the rows about a connection (target ``profile/<id>[/...]``); returns how many.

        ``keep_running``: the entries of tasks still running stay (they end later).
        """
        target = f"profile/{profile_id}"
        escaped = target.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        condition = (activity.c.target == target) | activity.c.target.like(
            escaped + "/%", escape="\\"
        )
        if keep_running:
            condition = condition & (activity.c.state != "running")
        with self.engine.begin() as conn:
            result = conn.execute(activity.delete().where(condition))
        return int(result.rowcount or 0)

    def newest(self, limit: int = 1000) -> list[ActivityRecord]:
        """The newest ``limit`` records, oldest first."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(select(activity).order_by(activity.c.id.desc()).limit(limit))
                .mappings()
                .all()
            )
        return [self._from_row(row) for row in reversed(rows)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(activity)).scalar() or 0)

    def mark_interrupted(self, when: datetime) -> int:
        """Rows left ``running`` by an earlier run become ``interrupted``; returns how many."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(activity)
                .where(activity.c.state == "running")
                .values(state="interrupted", finished_at=when)
            )
        return int(result.rowcount or 0)

    def prune(self, keep: int) -> int:
        """Delete all but the newest ``keep`` rows; returns how many went."""
        with self.engine.begin() as conn:
            cutoff = conn.execute(
                select(activity.c.id).order_by(activity.c.id.desc()).offset(keep).limit(1)
            ).scalar()
            if cutoff is None:
                return 0
            result = conn.execute(delete(activity).where(activity.c.id <= cutoff))
        return int(result.rowcount or 0)

    @staticmethod
    def _to_row(record: ActivityRecord) -> dict[str, object]:
        return {
            "id": record.id,
            "kind": record.kind,
            "subject": record.subject,
            "target": record.target,
            "state": record.state,
            "detail": record.detail,
            "error_type": record.error_type,
            "done": record.done,
            "total": record.total,
            "task_name": record.task_name,
            "started_at": record.started_at,
            "finished_at": record.finished_at,
        }

    @staticmethod
    def _from_row(row: object) -> ActivityRecord:
        data = dict(row)  # type: ignore[call-overload]
        data["started_at"] = _aware(data["started_at"])
        data["finished_at"] = _aware(data["finished_at"])
        return ActivityRecord(**data)
