"""Start-up of a cached snapshot: the window opens the page it was closed on, with its rows
first; what the first rows do not need (modules, index builds, the OS credential store,
the Compare tab) waits."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from qt_helpers import wait_until

from sage50_desktop import app
from sage50_desktop.sandbox.generator import write_scope_file
from sage50_desktop.services.activity import target_for
from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.storage.credentials import MemoryCredentialStore
from sage50_desktop.storage.profiles import Profile
from sage50_desktop.ui import layout_prefs
from sage50_desktop.ui.gc_guard import GarbageCollector
from sage50_desktop.ui.opening_runtime import CORE_LIBRARIES, NETWORK_LIBRARIES

RECORDS = 250

#: modules a start on a products page must not import before its first rows show
NOT_BEFORE_THE_FIRST_ROWS = (
    "httpx",  # the network: the first rows are cached (preloaded once the window shows)
    "sage50_desktop.api.client",
    "sage50_desktop.services.sync",  # downloads, uploads, consent: on first use
    "sage50_desktop.services.uploads",
    "sage50_desktop.services.onboarding",
    "sage50_desktop.ui.settings_dialog",  # dialogs: when first opened
    "sage50_desktop.ui.wizard_launcher",
    "jsonschema",  # schema checks of downloads and uploads
    "keyring",  # the OS credential store (a sandbox connection has none)
    "sage50_desktop.ui.browser.diff_view",  # the Compare tab
    "sage50_desktop.ui.overview.page",  # the pages not shown
    "sage50_desktop.ui.uploads.page",
    "sage50_desktop.ui.wizard",
    "sage50_desktop.sandbox.server",
)


def _cached(data_dir: Path, *, sandbox: bool = True, onboarded: bool = True) -> Profile:
    """A connection with a cached products snapshot of :data:`RECORDS` (no search index)."""
    runtime = Runtime(data_dir, credentials=MemoryCredentialStore())
    try:
        profile = runtime.profiles.add(
            Profile(
                name="Cached",
                base_url="http://127.0.0.1:9",
                developer_id="dev" if onboarded else "",
                application_id="app" if onboarded else "",
                domain="ecommerce",
                sandbox=sandbox,
            )
        )
        source = data_dir / "products.json"
        write_scope_file(source, "products", 7, range(1, RECORDS + 1), {})
        conn = runtime.snapshots.connect()
        try:
            ingest_file(
                conn,
                source,
                profile_id=profile.id,
                domain="ecommerce",
                scope="products",
                version="1.test",
            )
        finally:
            conn.close()
        source.unlink()
    finally:
        runtime.close()
    return profile


def _remember_page(target: str) -> None:
    settings = layout_prefs.window_settings()
    settings.setValue("version", layout_prefs.WINDOW_VERSION)
    settings.setValue("page", target)
    settings.sync()


def test_a_start_opens_the_page_it_was_closed_on_with_its_rows_before_the_rest(app_home):
    """In a fresh process: the products page the window was closed on shows its first
    rows, and the modules only other pages, downloads or the wizard need are not loaded
    by then."""
    profile = _cached(app_home / "data")
    products = target_for(profile.id, "ecommerce", "products")
    _remember_page(products)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SAGE50_DESKTOP_HOME=str(app_home))
    child = Path(__file__).with_name("start_rows_child.py")
    result = subprocess.run(
        [sys.executable, str(child)], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["target"] == products  # opened by the window itself
    assert report["rows"] == RECORDS
    assert report["first"]  # a real cell, not an empty placeholder
    loaded = set(report["modules"])
    early = [m for m in NOT_BEFORE_THE_FIRST_ROWS if m in loaded]
    assert early == [], f"imported before the first rows: {early}"
    assert "sage50_desktop.ui.browser.records_model" in loaded  # the probe saw the page


async def test_the_window_opens_again_on_its_last_page_and_builds_compare_when_shown(
    app_home, qtbot
):
    profile = _cached(app_home / "data")
    products = target_for(profile.id, "ecommerce", "products")
    first = app.Shell(Runtime(app_home / "data"), open_wizard_when_empty=False)
    first.start()
    assert first.window.current_target == target_for(profile.id)  # nothing remembered yet
    assert first.window.open_target(products)
    first.window.save_layout()
    await first.shutdown()

    shell = app.Shell(Runtime(app_home / "data"), open_wizard_when_empty=False)
    shell.start()
    try:
        assert shell.window.current_target == products
        page = shell.window.pages[products]
        await wait_until(
            lambda: page.model.rowCount() == RECORDS and page.model.is_loaded(0),
            message="the remembered page shows its rows",
        )
        # the Compare tab is built when first shown, in its place
        assert page.findChild(QWidget, "diffView") is None
        page.page_tabs.setCurrentIndex(1)
        diff = page.findChild(QWidget, "diffView")
        assert diff is page.diff
        assert page.page_tabs.indexOf(diff) == 1
        assert page.page_tabs.currentIndex() == 1
        assert [s.id for s in page.diff.snapshots] == [s.id for s in page.snapshots]
    finally:
        await shell.shutdown()


async def test_a_remembered_page_of_a_removed_connection_opens_the_first_connection(
    app_home, qtbot
):
    profile = _cached(app_home / "data")
    _remember_page(target_for("gone", "ecommerce", "products"))
    shell = app.Shell(Runtime(app_home / "data"), open_wizard_when_empty=False)
    shell.start()
    try:
        assert shell.window.current_target == target_for(profile.id)
    finally:
        await shell.shutdown()


async def test_unfinished_index_builds_resume_after_the_start(app_home, qtbot, monkeypatch):
    """A search index an earlier run left unfinished is built again — after start(), on
    the GUI thread's timer, not while the window and its first page open."""
    profile = _cached(app_home / "data")
    monkeypatch.setattr(app, "RESUME_INDEXES_AFTER_MS", 50)
    runtime = Runtime(app_home / "data")
    store = runtime.snapshots
    snapshot = store.latest(profile.id, "ecommerce", "products")
    assert snapshot is not None and not snapshot.fts_ready
    calls: list[str] = []
    resume = store.ensure_indexes

    def ensure_indexes() -> None:
        calls.append(threading.current_thread().name)
        resume()

    monkeypatch.setattr(store, "ensure_indexes", ensure_indexes)
    shell = app.Shell(runtime, open_wizard_when_empty=False)
    shell.start()
    try:
        assert calls == []
        await wait_until(lambda: calls, message="the index builds resume")
        assert calls == [threading.main_thread().name]
        await wait_until(
            lambda: store.snapshot(snapshot.id).fts_ready, message="the search index is built"
        )
    finally:
        await shell.shutdown()


async def test_the_network_libraries_are_preloaded_once_the_window_shows(
    app_home, qtbot, monkeypatch
):
    """httpx (not needed for cached rows) is imported in a worker after start(), so the
    first connection opened on the GUI thread finds it loaded."""
    _cached(app_home / "data")
    monkeypatch.setattr(app, "PRELOAD_NETWORK_AFTER_MS", 50)
    started: list[str] = []
    monkeypatch.setattr(
        app, "_preload_network", lambda: started.append(threading.current_thread().name)
    )
    shell = app.Shell(Runtime(app_home / "data"), open_wizard_when_empty=False)
    shell.start()
    try:
        assert started == []  # not with the window's first page
        await wait_until(lambda: started, message="the network libraries are preloaded")
        assert started == [threading.main_thread().name]  # it starts its own thread
    finally:
        await shell.shutdown()


@pytest.mark.log_warnings_expected("the start's refresh cannot reach 127.0.0.1:9")
async def test_the_os_credential_store_opens_in_a_worker_before_the_start_refresh(
    app_home, qtbot, monkeypatch
):
    """A real connection's refresh at start needs the OS credential store (keyring:
    an import and a backend search): opened in a worker thread, then the refresh runs."""
    profile = _cached(app_home / "data", sandbox=False)
    monkeypatch.setattr(app, "REFRESH_AFTER_MS", 0)
    opened: list[str] = []

    def default_store() -> MemoryCredentialStore:
        opened.append(threading.current_thread().name)
        return MemoryCredentialStore()

    monkeypatch.setattr("sage50_desktop.services.runtime.default_store", default_store)
    runtime = Runtime(app_home / "data")
    shell = app.Shell(runtime, open_wizard_when_empty=False)
    shell.start()
    try:
        assert opened == [] and not runtime.credentials_open
        session = shell.sessions.get(profile.id)
        refresh = session.task_name("refresh")
        await wait_until(
            lambda: (
                shell.tasks.is_running(refresh)
                or session.listing is not None
                or session.error is not None
            ),
            message="the start's refresh runs",
        )
        assert len(opened) == 1 and opened[0] != threading.main_thread().name
        assert runtime.credentials_open
    finally:
        await shell.shutdown()


def test_the_garbage_collector_skips_what_the_start_made_until_it_stops(qapp):
    guard = GarbageCollector()
    try:
        guard.freeze()
        assert gc.get_freeze_count() > 0
    finally:
        guard.stop()
    assert gc.get_freeze_count() == 0  # the last collection at exit sees everything


def test_stopping_the_collector_restores_automatic_collection_as_it_was_before(qapp):
    """``main()`` switches automatic collection off before the GarbageCollector exists
    (``was_enabled``): stopping it switches it on again."""
    was = gc.isenabled()
    gc.disable()
    try:
        guard = GarbageCollector(was_enabled=True)
        assert not gc.isenabled()
        guard.stop()
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_automatic_collection_is_off_before_the_core_libraries_load(app_home):
    """The start's imports (SQLAlchemy in the preload thread first) run without CPython's
    automatic collections, which would walk the growing heap of modules again and again."""
    code = (
        "import gc, json, sys\n"
        "import sage50_desktop.ui.opening_runtime as opening_runtime\n"
        "from sage50_desktop import app\n"
        "def preload_core():\n"
        "    print(json.dumps({'gc': gc.isenabled()}), flush=True)\n"
        "    sys.exit(0)\n"
        "opening_runtime.preload_core = preload_core\n"
        "app.main([])\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SAGE50_DESKTOP_HOME=str(app_home))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"gc": False}


@pytest.mark.parametrize(
    ("preload", "thread_name", "libraries"),
    [
        ("preload_core", "preload-core", CORE_LIBRARIES),
        ("preload_network", "preload-network", NETWORK_LIBRARIES),
    ],
)
def test_the_libraries_preloaded_beside_the_gui_never_import_the_app(
    preload, thread_name, libraries
):
    """``preload_core`` loads them in a thread while the GUI thread imports the app's
    modules (``preload_network`` once the window shows): none may import one of those
    (two threads in a circle of imports would each get a half-made module)."""
    code = (
        "import sys, json\n"
        f"from sage50_desktop.ui.opening_runtime import {preload}\n"
        "before = {m for m in sys.modules if m.startswith('sage50_desktop')}\n"
        f"thread = {preload}()\n"
        "thread.join(60)\n"
        "after = {m for m in sys.modules if m.startswith('sage50_desktop')}\n"
        "print(json.dumps({'alive': thread.is_alive(), 'name': thread.name,\n"
        f"    'loaded': [m for m in {list(libraries)!r} if m in sys.modules],\n"
        "    'app': sorted(after - before), 'qt': 'PySide6' in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["name"] == thread_name and not report["alive"]
    assert report["loaded"] == list(libraries)
    assert report["app"] == [] and not report["qt"]
