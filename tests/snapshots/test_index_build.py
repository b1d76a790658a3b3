"""The background search-index build (``IndexBuilder``): the text it indexes is
exactly :func:`search_text`'s, in rowid order, one segment per batch; a cancelled
build resumes to the same index; a new version reads only the spans it added."""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

import orjson
import pytest
from snapshot_support import product, write_json

from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.storage.snapshot_records import (
    SEARCH_TEXT_SQL,
    SEARCH_TEXT_SQL_SAFE,
    canonical,
    search_text,
)
from sage50_desktop.storage.snapshot_store import SnapshotStore

#: records whose strings are hard to get right: escapes, non-ASCII, nesting, empty
#: strings and containers, keys that are not text, an escaped NUL (Python's text)
TRICKY = [
    {
        "id": "T1",
        "a": 'x\ny\tz"q\\w/',
        "b": ["", "é", "😀 emoji", {"c": "d", "e": [1, True, None]}],
    },
    {"id": "T2", "name": "nul\u0000inside tail", "b": "ctl\u001f\u0001end"},
    {"id": "T3", "k\u00e9y": "\u2028\u2029 sep", "n": 1.5, "x": {"y": {}}, "z": []},
    {"id": "T4", "s": "\ud7ff\ue000\uffff", "deep": [["a", ["b", ["c"]]]], "nil": None},
    {"id": "T5", "escaped": "a\\u0000b literal", "Straße": "Ñandú Ærø"},
]


def load(store: SnapshotStore, path: Path, version: str, retention: int = 10):
    conn = store.connect()
    try:
        return ingest_file(
            conn,
            path,
            profile_id="p1",
            domain="ecommerce",
            scope="products",
            version=version,
            retention=retention,
        )
    finally:
        conn.close()


def build(store: SnapshotStore, snapshot_id: int) -> None:
    store.build_index(snapshot_id)
    assert store.wait_index(snapshot_id, 60)
    assert store.snapshot(snapshot_id).fts_ready


def index_instances(path: Path) -> list[tuple]:
    """Every (term, rowid, offset) of ``snap_fts``, and the same for a reference index
    of :func:`search_text` over the bodies ``snap_fts_docs`` lists."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, snap_fts, instance)")
        built = conn.execute("SELECT term, doc, offset FROM temp.v ORDER BY 1, 2, 3").fetchall()
        conn.execute(
            "CREATE VIRTUAL TABLE temp.ref USING fts5(text, content='', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        conn.executemany(
            "INSERT INTO temp.ref(rowid, text) VALUES (?, ?)",
            [
                (i, search_text(orjson.loads(body)))
                for i, body in conn.execute(
                    "SELECT b.id, b.body FROM snap_bodies b JOIN snap_fts_docs d ON d.body_id = b.id"
                )
            ],
        )
        conn.execute("CREATE VIRTUAL TABLE temp.rv USING fts5vocab(temp, ref, instance)")
        ref = conn.execute("SELECT term, doc, offset FROM temp.rv ORDER BY 1, 2, 3").fetchall()
    finally:
        conn.close()
    assert built == ref
    return built


def test_sql_search_text_is_search_text():
    """The SQL twin gives the very text :func:`search_text` gives (the index deletes a
    body by recomputing it in Python), except where it says it cannot: an escaped NUL."""
    conn = sqlite3.connect(":memory:")
    sql = f"SELECT {SEARCH_TEXT_SQL.format(body='?1')}, {SEARCH_TEXT_SQL_SAFE.format(body='?1')}"
    records = [*TRICKY, product(3), {}, [], "root", ["a", ["b"]]]
    for record in records:
        body = canonical(record).decode()
        text, safe = conn.execute(sql, (body,)).fetchone()
        if safe:
            assert text == search_text(orjson.loads(body)), body
    unsafe = [r for r in records if "\\u0000" in canonical(r).decode()]
    assert len(unsafe) == 2  # T2 (a NUL) and T5 (a backslash before u0000: Python too)
    assert all(not conn.execute(sql, (canonical(r).decode(),)).fetchone()[1] for r in unsafe)


def test_index_holds_search_text_and_deletes_cleanly(tmp_path):
    """Tricky records are indexed as :func:`search_text` tokenizes them (words after a
    NUL too), and dropping a version removes exactly its bodies' tokens."""
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    try:
        v1 = TRICKY + [product(i) for i in range(20)]
        a = load(store, write_json(tmp_path / "v1.json", v1), "v1").snapshot_id
        build(store, a)
        assert index_instances(store.path)
        assert store.count(a, "tail") == 1 and store.count(a, "nandu") == 1
        changed = [{**r, "rev": "second"} for r in TRICKY] + [product(i) for i in range(20)]
        b = load(store, write_json(tmp_path / "v2.json", changed), "v2").snapshot_id
        build(store, b)
        store.delete_snapshot(a)  # its own bodies leave the index (text made in Python)
        instances = index_instances(store.path)
        assert store.count(b, "tail second") == 1
        assert {t for t, _d, _o in instances} >= {"tail", "second", "inside", "emoji"}
    finally:
        store.close()


def test_index_build_feeds_fts5_in_rowid_order(tmp_path):
    """FTS5 appends to its pending doclists only while rowids grow (a step back flushes a
    segment): with merging off, each batch's transaction writes exactly one segment even
    when the record ids' order is not the bodies' (a shuffled file)."""
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    try:
        conn = sqlite3.connect(store.path)
        conn.execute("INSERT INTO snap_fts(snap_fts, rank) VALUES ('automerge', 0)")
        conn.commit()
        conn.close()
        records = [product(i) for i in range(300)]
        random.Random(7).shuffle(records)
        a = load(store, write_json(tmp_path / "v1.json", records), "v1").snapshot_id
        store._indexer.batch = 120  # 3 batches
        build(store, a)
        conn = sqlite3.connect(store.path)
        try:
            segments = conn.execute("SELECT count(DISTINCT segid) FROM snap_fts_idx").fetchone()
            docs = conn.execute("SELECT count(*) FROM snap_fts_docs").fetchone()
        finally:
            conn.close()
        assert segments == (3,) and docs == (300,)
        assert store.count(a, "cuchillo") == 300
        index_instances(store.path)
    finally:
        store.close()


@pytest.mark.parametrize("batches_before_cancel", [1, 2])
def test_cancelled_build_resumes_to_the_same_index(tmp_path, batches_before_cancel):
    """Cancelled after some batches, a later build adds only the rest and ends with the
    very index an uninterrupted build makes."""
    records = [product(i) for i in range(500)]
    path = write_json(tmp_path / "v1.json", records)

    def fresh(name: str) -> tuple[SnapshotStore, int]:
        store = SnapshotStore(tmp_path / name / "cache.sqlite3")
        store._indexer.batch = 100
        return store, load(store, path, "v1").snapshot_id

    whole, sid = fresh("whole")
    try:
        build(whole, sid)
        expected = index_instances(whole.path)
    finally:
        whole.close()

    store, sid = fresh("cancelled")
    try:
        seen: list[int] = []
        halfway = threading.Event()

        def on_progress(_sid: int, done: int, _total: int) -> None:
            seen.append(done)
            if len(seen) == batches_before_cancel:
                store.cancel_index(sid)  # (builder thread) it stops before the next batch
                halfway.set()

        store.index_progress.connect(on_progress)
        store.build_index(sid)
        assert halfway.wait(60)
        assert store.wait_index(sid, 60)
        store.index_progress.disconnect(on_progress)
        assert not store.snapshot(sid).fts_ready
        conn = sqlite3.connect(store.path)
        partial = conn.execute("SELECT count(*) FROM snap_fts_docs").fetchone()[0]
        conn.close()
        assert partial == 100 * batches_before_cancel
        resumed: list[int] = []
        store.index_progress.connect(lambda _s, done, _t: resumed.append(done))
        build(store, sid)
        assert resumed[0] == 100  # the first batch of the rest, not of all
        assert index_instances(store.path) == expected
    finally:
        store.close()


def test_new_version_reads_only_the_spans_it_added(tmp_path):
    """Spans older than a snapshot whose index is complete are skipped unread: the v2
    build handles just the changed and added records, and a (simulated) hole in the
    index under an old span stays unread — the older snapshot vouches for it."""
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    try:
        v1 = [product(i) for i in range(300)]
        a = load(store, write_json(tmp_path / "v1.json", v1), "v1").snapshot_id
        build(store, a)
        conn = sqlite3.connect(store.path)
        conn.execute(  # forget P00100's body (unchanged in v2) was indexed (its tokens stay)
            "DELETE FROM snap_fts_docs WHERE record_id = 'P00100'"
        )
        conn.commit()
        conn.close()
        v2 = [product(i, rev=1 if i < 50 else 0) for i in range(250)] + [
            product(i) for i in range(300, 350)
        ]
        b = load(store, write_json(tmp_path / "v2.json", v2), "v2").snapshot_id
        seen: list[tuple[int, int]] = []
        store.index_progress.connect(lambda _s, done, total: seen.append((done, total)))
        build(store, b)
        assert seen == [(100, 300), (300, 300)]  # 50 changed + 50 added, then done
        conn = sqlite3.connect(store.path)
        missing = conn.execute(
            "SELECT count(*) FROM snap_fts_docs WHERE record_id = 'P00100'"
        ).fetchone()
        conn.close()
        assert missing == (0,)  # not read again
        assert store.count(b, "rev1") == 50  # the changed records were indexed
    finally:
        store.close()
