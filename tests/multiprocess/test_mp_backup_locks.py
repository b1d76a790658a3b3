"""A backup of a database this process has open keeps this process's later commits.

Closing any plain file handle on an SQLite file drops every POSIX lock the
process holds on it, also the one its open SQLite connection relies on to tell
other processes it is there: the next process to close then takes itself for
the last user, checkpoints and deletes the ``-wal`` this process still writes
to, and a commit made afterwards is silently lost when another process still
has the file open at this one's exit.
"""

from __future__ import annotations

import subprocess
import sys

from mp_support import Procs
from sqlalchemy import text

from sage50_desktop.storage import db_health
from sage50_desktop.storage.db import open_engine

_TOUCH = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "c.execute('SELECT count(*) FROM sqlite_master').fetchone(); c.close()"
)
_HOLD = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "c.execute('SELECT count(*) FROM sqlite_master').fetchone(); print('ready', flush=True); "
    "sys.stdin.readline(); c.close()"
)
_COUNT = (
    "import sqlite3, sys; "
    "print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM t').fetchone()[0])"
)


def test_a_backup_while_open_keeps_the_commits_made_after_it(procs: Procs):
    path = procs.data / "app.sqlite3"
    engine = open_engine(path, immediate=True)
    holder: subprocess.Popen[str] | None = None
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
        assert db_health.backup(path, "daily") is not None
        touched = procs.wait(procs.start([sys.executable, "-c", _TOUCH, str(path)]))
        assert touched.code == 0, str(touched)
        # another process has the database open while this one commits and closes
        holder = subprocess.Popen(
            [sys.executable, "-c", _HOLD, str(path)],
            env=procs.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (1)"))
    finally:
        engine.dispose()
        if holder is not None:
            holder.communicate("\n", timeout=60)
    counted = procs.wait(procs.start([sys.executable, "-c", _COUNT, str(path)]))
    assert counted.code == 0, str(counted)
    assert counted.out.strip() == "1", "the commit made after the backup was lost"
