"""The snapshot engine as the GUI sees it: the app's store and query workers, with Qt signals.

The :class:`~sage50_desktop.storage.snapshot_store.SnapshotStore` and the
:class:`~sage50_desktop.storage.snapshot_view.QueryRunner` are the app's one
store and one worker pool, opened by the
:class:`~sage50_desktop.services.runtime.Runtime`. The shell builds **one**
:class:`BrowserBackend` over them and hands it to the main window, which gives
it to every scope page and to the sidebar. Downloads and the watcher loop
belong to each connection's session
(:class:`~sage50_desktop.services.connection_session.ConnectionSession`).

Engine events arrive on worker or loop threads; :class:`BackendSignals`
re-emits them on the GUI thread (through a :class:`~sage50_desktop.ui.bridge.GuiBridge`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.storage.snapshot_view import QueryRunner
from sage50_desktop.ui.bridge import GuiBridge


class BackendSignals(QObject):
    """Engine events on the GUI thread.

    Signals:
        snapshotsChanged(str, str, str): a snapshot of (profile, domain, scope)
            was added or deleted.
        indexReady(int): the search index of a snapshot is built.
    """

    snapshotsChanged = Signal(str, str, str)
    indexReady = Signal(int)


class BrowserBackend:
    """The app's snapshot store and query workers, with their events as Qt signals.

    Args:
        store / runner: the runtime's one store and query runner (not closed here:
            the runtime closes them).
        parent: the Qt owner of the signals (the main window).
    """

    def __init__(
        self, store: SnapshotStore, runner: QueryRunner, parent: QObject | None = None
    ) -> None:
        self.store = store
        self.runner = runner
        self.signals = BackendSignals(parent)
        bridge = GuiBridge(self.signals)
        bridge.subscribe(store.changed, self.signals.snapshotsChanged.emit)
        bridge.subscribe(store.index_ready, self.signals.indexReady.emit)
