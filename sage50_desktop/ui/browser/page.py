"""The page of a download scope (data set): the snapshot browser.

``[ version ▾ · records ]  [Download now] [auto-download]``
``[search…] [filters] [columns] [export ▾]  N records``
records table (lazy, sorted by the database) | record detail
History (versions, open, compare) | Changes (diff of two versions)

Reads go through the app's one :class:`~sage50_desktop.ui.browser.backend.BrowserBackend`
(the snapshot store and query workers, ``context.backend``); downloads run in
the connection's session (which also owns auto-download) and exports as named
tasks, so their progress and failures show in the Activity dock.
Keep the class name and the ``(context, parent)`` signature.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.services import activity as A
from sage50_desktop.services import settings as S
from sage50_desktop.services.connection_session import SessionState, download_task_name
from sage50_desktop.services.tasks import FAILED, SUCCEEDED, TaskInfo, report_progress
from sage50_desktop.storage.snapshot_store import SnapshotInfo
from sage50_desktop.storage.snapshot_view import ViewSpec
from sage50_desktop.ui import errors, i18n, icons, layout_prefs, scope_names
from sage50_desktop.ui.bridge import GuiBridge
from sage50_desktop.ui.browser import versions
from sage50_desktop.ui.browser.columns import columns_for
from sage50_desktop.ui.browser.detail import RecordDetail
from sage50_desktop.ui.browser.export_menu import ExportMenu
from sage50_desktop.ui.browser.filters import ColumnChooser, FilterPanel
from sage50_desktop.ui.browser.history import HistoryPanel
from sage50_desktop.ui.browser.records_model import RECORD_ROLE, RecordsModel
from sage50_desktop.ui.browser.records_table import setup_records_table
from sage50_desktop.ui.pages import Page, PageContext
from sage50_desktop.ui.widgets.infobar import InfoBar
from sage50_desktop.ui.widgets.state_view import StateView

if TYPE_CHECKING:
    from sage50_desktop.ui.browser.diff_view import DiffView

SEARCH_DELAY_MS = 150  # ms after the last key; the search itself is ~50 ms at 1M

#: the session states in which a published version can be downloaded now
_REACHABLE = (SessionState.NEW, SessionState.LOADING, SessionState.ONLINE)


class ScopePage(Page):
    """A download scope: browse, search and compare its downloaded versions."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("scopePage")
        self.backend = context.backend
        self.domain, self.scope = context.domain or "", context.scope or ""
        self.snapshots: list[SnapshotInfo] = []
        self.snapshot_id: int | None = None
        self.follow_latest = True
        self._pinned: int | None = None  # an older version on screen: retention keeps it
        self.last_error: BaseException | None = None
        self.status_text = ""
        self.columns = columns_for(self.domain, self.scope)
        self._build()
        signals = self.backend.signals
        signals.snapshotsChanged.connect(self._snapshots_changed)
        signals.indexReady.connect(self._index_ready)
        self._bridge = GuiBridge(self)  # disconnects itself when the page goes
        self._bridge.subscribe(context.tasks.finished, self._task_finished)
        self.retranslate()

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        header = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("pageTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        self.version_combo = QComboBox(self)
        self.version_combo.setObjectName("versionPicker")
        # a bounded width: long labels elide (full text in the tooltip), the header never
        # pushes the window wider
        self.version_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.version_combo.setMinimumContentsLength(24)
        self.version_combo.activated.connect(self._version_picked)
        header.addWidget(self.version_combo)
        self.badge = QLabel(self)
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.badge.setObjectName("newVersionBadge")
        header.addWidget(self.badge)
        self.published = QLabel(self)
        self.published.setTextFormat(Qt.TextFormat.PlainText)
        self.published.setObjectName("publishedVersion")
        self.values = {"version": self.published}  # the published version (4.1 listing)
        header.addStretch(1)
        header.addWidget(self.published)
        self.auto_check = QCheckBox(self)
        self.auto_check.setObjectName("autoDownload")
        self.auto_check.toggled.connect(
            lambda on: self.context.runtime.settings.set(S.AUTO_DOWNLOAD, on)
        )
        header.addWidget(self.auto_check)
        self.download_button = QPushButton(icons.icon("refresh"), "", self)
        self.download_button.setObjectName("downloadNow")
        self.download_button.clicked.connect(self.download_now)
        header.addWidget(self.download_button)
        outer.addLayout(header)
        self.old_version = InfoBar("info", "oldVersionBar", self)
        self.old_version.actionTriggered.connect(self.back_to_latest)
        self.old_version.hide()
        outer.addWidget(self.old_version)

        self.view = StateView(self)
        body = QWidget(self.view)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        self.search = QLineEdit(body)
        self.search.setObjectName("searchField")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())  # type: ignore[has-type]
        tools.addWidget(self.search, 2)
        self.filter_button = QPushButton(body)
        self.filter_button.setObjectName("addFilter")
        tools.addWidget(self.filter_button)
        self.column_chooser = ColumnChooser(body)
        tools.addWidget(self.column_chooser)
        self.export_menu = ExportMenu(self, body)
        tools.addWidget(self.export_menu.button)
        # the detail pane and the history strip can be hidden (remembered): the table gets the room
        self.detail_toggle = QToolButton(body)
        self.detail_toggle.setObjectName("toggleDetail")
        self.detail_toggle.setCheckable(True)
        self.history_toggle = QToolButton(body)
        self.history_toggle.setObjectName("toggleHistory")
        self.history_toggle.setCheckable(True)
        tools.addWidget(self.detail_toggle)
        tools.addWidget(self.history_toggle)
        self.count_label = QLabel(body)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setObjectName("resultCount")
        tools.addWidget(self.count_label, 1)
        layout.addLayout(tools)
        layout.addWidget(self.export_menu.progress)
        self.filters = FilterPanel(self.columns, body)
        self.filters.changed.connect(lambda: self._search_timer.start())  # type: ignore[has-type]
        self.filter_button.clicked.connect(self.filters.add_row)
        layout.addWidget(self.filters)
        self.warnings = InfoBar("warning", "schemaWarnings", body)
        self.warnings.hide()
        layout.addWidget(self.warnings)

        vsplit = QSplitter(Qt.Orientation.Vertical, body)
        hsplit = QSplitter(Qt.Orientation.Horizontal, vsplit)
        self.model = RecordsModel(self.backend.runner, self.columns, self)
        self.model.countChanged.connect(lambda *_: self._update_count())
        self.model.loading.connect(lambda *_: self._update_count())
        self.model.failed.connect(self._view_failed)
        self.model.pageLoaded.connect(lambda _row: self._show_current())
        self.table = QTableView(hsplit)
        self.table.setObjectName("recordsTable")
        setup_records_table(self.table, self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.column_chooser.columnToggled.connect(
            lambda i, on: self.table.setColumnHidden(i, not on)
        )
        self.column_chooser.set_columns(self.columns, [c.visible for c in self.columns])
        self.detail = RecordDetail(hsplit)
        hsplit.addWidget(self.table)
        hsplit.addWidget(self.detail)
        hsplit.setStretchFactor(0, 2)
        hsplit.setStretchFactor(1, 1)
        hsplit.setSizes([640, 380])
        self.lower_tabs = QTabWidget(vsplit)
        self.lower_tabs.setObjectName("historyTabs")
        self.history = HistoryPanel(self.lower_tabs)
        self.history.openRequested.connect(self.open_snapshot)
        self.history.compareRequested.connect(self.compare)
        self.lower_tabs.addTab(self.history, "")
        vsplit.addWidget(hsplit)
        vsplit.addWidget(self.lower_tabs)
        vsplit.setStretchFactor(0, 3)
        vsplit.setStretchFactor(1, 1)
        layout.addWidget(vsplit, 1)
        self.detail_toggle.setChecked(layout_prefs.get_bool("recordDetail", True))
        self.history_toggle.setChecked(layout_prefs.get_bool("history", True))
        self.detail.setVisible(self.detail_toggle.isChecked())
        self.lower_tabs.setVisible(self.history_toggle.isChecked())
        self.detail_toggle.toggled.connect(lambda on: self._toggle_pane("recordDetail", on))
        self.history_toggle.toggled.connect(lambda on: self._toggle_pane("history", on))
        # the records and the comparison of two versions, each with the page's full room
        self.page_tabs = QTabWidget(self.view)
        self.page_tabs.setObjectName("scopeTabs")
        self.page_tabs.setDocumentMode(True)
        # the comparison is built when its tab is first shown (or ``diff`` is first used):
        # a page opens on its records, without the Compare tab's widgets and first count
        self._diff: DiffView | None = None
        self.page_tabs.addTab(body, "")
        self.page_tabs.addTab(QWidget(self.page_tabs), "")
        self.page_tabs.currentChanged.connect(lambda i: self.diff if i == 1 else None)
        self.view.set_content(self.page_tabs)
        outer.addWidget(self.view, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_view)
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(200)
        self._progress_timer.timeout.connect(self._show_progress)

    @property
    def diff(self) -> DiffView:
        """The Compare tab's view (built on first use, in the tab's place)."""
        if self._diff is None:
            from sage50_desktop.ui.browser.diff_view import DiffView

            diff = DiffView(
                self.backend.store,
                self.backend.runner,
                self.page_tabs,
                context=self.context,
                scope=self.scope,
                columns=self.columns,
            )
            diff.openRecord.connect(self._open_diff_record)
            self._diff = diff
            tabs = self.page_tabs
            current = tabs.currentIndex()
            text, tip = tabs.tabText(1), tabs.tabToolTip(1)
            tabs.blockSignals(True)
            placeholder = tabs.widget(1)
            tabs.removeTab(1)
            tabs.insertTab(1, diff, text)
            tabs.setTabToolTip(1, tip)
            tabs.setCurrentIndex(current)
            tabs.blockSignals(False)
            if placeholder is not None:
                placeholder.deleteLater()
            if self.snapshots:
                diff.set_snapshots(self.snapshots)
        return self._diff

    # --- hooks --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.download_button.setText(self.tr("&Download now"))
        self.download_button.setToolTip(
            self.tr("Download the published version now (only if it is newer than the stored one)")
        )
        self.auto_check.setText(self.tr("Auto-download"))
        self.auto_check.setToolTip(self.tr("Download new versions automatically"))
        if self.snapshots:
            self._fill_versions()
        self.badge.setText(self.tr("● New version published"))
        self.search.setPlaceholderText(self.tr("Search all text fields…"))
        self.filter_button.setText(self.tr("+ &Filter"))
        self.column_chooser.setText(self.tr("Columns"))
        self.detail_toggle.setText(self.tr("Details"))
        self.detail_toggle.setToolTip(self.tr("Show or hide the record's fields beside the table"))
        self.history_toggle.setText(self.tr("History"))
        self.history_toggle.setToolTip(
            self.tr("Show or hide the versions and their changes below the table")
        )
        self.lower_tabs.setTabText(0, self.tr("History"))
        self.page_tabs.setTabText(0, self.tr("Records"))
        self.page_tabs.setTabText(1, self.tr("Compare versions"))
        self.page_tabs.setTabToolTip(
            1, self.tr("What was added, changed and removed between two versions")
        )
        self.export_menu.retranslate()
        self.detail.retranslate()
        self.history.retranslate()
        if self._diff is not None:
            self._diff.retranslate()
        self.filters.retranslate()
        self._update_count()

    def activate(self) -> None:
        super().activate()
        if self.context.tasks.is_running(self._download_name):
            self._progress_timer.start()

    def deactivate(self) -> None:
        super().deactivate()
        self._progress_timer.stop()

    def refresh_view(self) -> None:
        context, session = self.context, self.context.session
        self.title.setText(scope_names.label(self.scope))
        self.title.setToolTip(f"{self.domain}/{self.scope}")
        self.auto_check.blockSignals(True)
        self.auto_check.setChecked(bool(context.runtime.settings.get(S.AUTO_DOWNLOAD)))
        self.auto_check.blockSignals(False)
        listing = session.listing
        summary = listing.get(self.scope) if listing else None
        self._load_snapshots()
        latest = self.snapshots[0] if self.snapshots else None
        self.published.setText(
            versions.published_label(summary.version, summary.last_modified) if summary else ""
        )
        self.published.setToolTip(
            self.tr("Published version") + f": {summary.version}" if summary else ""
        )
        stored = {s.version for s in self.snapshots}
        self.badge.setVisible(
            summary is not None and summary.version not in stored and latest is not None
        )
        self.version_combo.setVisible(latest is not None)
        has_data = bool(self.snapshots)
        downloading = context.tasks.is_running(self._download_name)
        self.download_button.setEnabled(not downloading)
        if downloading:
            self._progress_timer.start()
        if not has_data and downloading:
            self.view.clear_notice()
            self.view.show_loading(
                self.tr("Downloading %1…").replace("%1", scope_names.label(self.scope)),
                (self.tr("Cancel"), lambda: context.tasks.cancel(self._download_name)),
            )
            self._show_progress()
            return
        # a listing alone is something to show only while it can be downloaded: offline,
        # in need of consent or with the sandbox stopped, no "showing the data fetched…"
        # notice sits above an empty page
        reachable = session.state in _REACHABLE and context.sandbox_running()
        if not self.show_session_state(self.view, has_data or (listing is not None and reachable)):
            return
        if not has_data:
            self._show_empty(summary is not None)
            return
        self.view.show_content()

    def _show_empty(self, published: bool) -> None:
        name = scope_names.label(self.scope)
        if self.last_error is not None:
            self.view.show_error(
                self.tr("The download of %1 failed").replace("%1", name),
                errors.describe(self.last_error),
                (self.tr("Try again"), self.download_now),
                icon=icons.standard(self.style().StandardPixmap.SP_MessageBoxWarning),
            )
        elif not published:
            self.view.show_empty(
                self.tr("Not published yet"),
                self.tr(
                    "Sage 50 has not published this data set yet. The app checks "
                    "again every few minutes; you can also check now."
                ),
                (self.tr("Check now"), lambda: self.context.session.refresh()),
                icons.icon("scope"),
            )
        else:
            self.view.show_empty(
                self.tr("No version downloaded yet"),
                self.tr("Download the published version of %1 to browse and search it.").replace(
                    "%1", name
                ),
                (self.tr("Download now"), self.download_now),
                icons.icon("scope"),
            )

    # --- snapshots ------------------------------------------------------------------------------
    def _load_snapshots(self) -> None:
        """Re-read the (few) stored versions and keep the table on the chosen one."""
        snaps = self.backend.store.list_snapshots(self.context.profile.id, self.domain, self.scope)
        changed = [s.id for s in snaps] != [s.id for s in self.snapshots]
        self.snapshots = snaps
        ids = [s.id for s in snaps]
        target = self.snapshot_id
        if snaps and (self.follow_latest or target not in ids):
            target = snaps[0].id
        if not snaps:
            target = None
        if changed:
            self._fill_versions()
            self.history.set_snapshots(snaps, target)
            if self._diff is not None:
                self._diff.set_snapshots(snaps)
        if target != self.snapshot_id or changed:
            self._set_snapshot(target)

    def _version_text(self, snap: SnapshotInfo) -> str:
        """Date + short id; the latest is marked "(latest)" whichever one is shown."""
        text = versions.version_label(snap)
        if self.snapshots and snap.id == self.snapshots[0].id:
            text += " " + self.tr("(latest)")
        return text

    def _fill_versions(self) -> None:
        combo = self.version_combo
        combo.blockSignals(True)
        combo.clear()
        for snap in self.snapshots:
            combo.addItem(self._version_text(snap), snap.id)
            combo.setItemData(
                combo.count() - 1, versions.version_tooltip(snap), Qt.ItemDataRole.ToolTipRole
            )
        combo.setCurrentIndex(max(0, combo.findData(self.snapshot_id)))
        combo.blockSignals(False)
        self._draw_old_version()

    def _draw_old_version(self) -> None:
        """Browsing an old version says so, with "Back to latest"."""
        snap = self.current_snapshot()
        latest = self.snapshots[0] if self.snapshots else None
        self.version_combo.setToolTip(versions.version_tooltip(snap) if snap else "")
        if snap is None or latest is None or snap.id == latest.id:
            self.old_version.hide()
            return
        self.old_version.set_text(
            self.tr("Version of %1 — not the latest").replace("%1", versions.version_label(snap))
        )
        self.old_version.set_action(self.tr("Back to latest"))
        self.old_version.show()

    def back_to_latest(self) -> None:
        if self.snapshots:
            self.open_snapshot(self.snapshots[0].id)

    def _set_snapshot(self, snapshot_id: int | None) -> None:
        new = snapshot_id != self.snapshot_id
        self.snapshot_id = snapshot_id
        self._pin(None if self.follow_latest else snapshot_id)
        self.version_combo.setCurrentIndex(max(0, self.version_combo.findData(snapshot_id)))
        self.history.model.set_current(snapshot_id)
        self._draw_old_version()
        snap = self.current_snapshot()
        self._show_warnings(snap)
        if new or self.model.spec is None:
            self.detail.show_record(None)
        self.apply_view(force=True)

    def _pin(self, snapshot_id: int | None) -> None:
        """Keep the version the user chose on screen safe from retention (any process's).

        Following the latest pins nothing: a new download replaces it on screen anyway.
        """
        if snapshot_id == self._pinned:
            return
        pins = self.backend.store.pins
        if self._pinned is not None:
            pins.release(self._pinned)
        self._pinned = snapshot_id
        if snapshot_id is not None:
            pins.hold(snapshot_id)

    async def aclose(self) -> None:
        self._pin(None)
        await super().aclose()

    def current_snapshot(self) -> SnapshotInfo | None:
        return next((s for s in self.snapshots if s.id == self.snapshot_id), None)

    def open_snapshot(self, snapshot_id: int) -> None:
        """Browse this stored version (follows new versions again when it is the latest)."""
        self.follow_latest = bool(self.snapshots) and self.snapshots[0].id == snapshot_id
        self._set_snapshot(snapshot_id)

    def _version_picked(self, index: int) -> None:
        self.open_snapshot(self.version_combo.itemData(index))

    def _toggle_pane(self, key: str, shown: bool) -> None:
        pane = self.detail if key == "recordDetail" else self.lower_tabs
        pane.setVisible(shown)
        layout_prefs.set_bool(key, shown)

    def compare(self, old_id: int, new_id: int) -> None:
        """Open the Compare tab on these two versions."""
        self.page_tabs.setCurrentWidget(self.diff)
        self.diff.compare(old_id, new_id)

    def _snapshots_changed(self, profile_id: str, domain: str, scope: str) -> None:
        if (profile_id, domain, scope) == (self.context.profile.id, self.domain, self.scope):
            self.last_error = None
            self.mark_stale()

    def _index_ready(self, snapshot_id: int) -> None:
        if snapshot_id == self.snapshot_id and self.model.mode == "like":
            self.model.reload()

    def _show_warnings(self, snap: SnapshotInfo | None) -> None:
        if snap is None or not snap.warnings:
            self.warnings.hide()
            return
        first = snap.warning_examples[0] if snap.warning_examples else {}
        self.warnings.set_text(
            self.tr(
                "%1 of %2 checked records do not match the data set's schema; they are "
                "kept as delivered. First: %3 %4 — %5"
            )
            .replace("%1", i18n.format_number(snap.warnings))
            .replace("%2", i18n.format_number(snap.warnings_checked))
            .replace("%3", str(first.get("id", "")))
            .replace("%4", str(first.get("path", "")))
            .replace("%5", str(first.get("message", "")))
        )
        self.warnings.show()

    # --- the view -----------------------------------------------------------------------------
    def view_spec(self) -> ViewSpec | None:
        if self.snapshot_id is None:
            return None
        current = self.model.spec
        spec = ViewSpec(
            self.snapshot_id, search=self.search.text().strip(), filters=self.filters.conditions()
        )
        if current is not None:
            spec = replace(spec, sort_column=current.sort_column, descending=current.descending)
        return spec

    def apply_view(self, force: bool = False) -> None:
        """Show the search/filter result (debounced from typing)."""
        self._search_timer.stop()
        spec = self.view_spec()
        current = self.model.spec
        if force and spec == current:
            self.model.reload()
        else:
            # a new search or filter clears the old rows at once and starts at the top
            searched = (
                current is not None
                and spec is not None
                and ((spec.search, spec.filters) != (current.search, current.filters))
            )
            self.model.set_view(spec, clear=searched)
            if searched:
                self.table.scrollToTop()
        self._update_count()

    def _update_count(self) -> None:
        snap = self.current_snapshot()
        if snap is None or self.model.spec is None:
            self.count_label.setText("")
            return
        if self.model.busy:
            text = (
                self.tr("Searching…")
                if self.model.spec.search or self.model.spec.filters
                else self.tr("Sorting…")
                if self.model.spec.sort_column
                else self.tr("Loading…")
            )
        elif self.model.spec.search or self.model.spec.filters:
            matches = i18n.format_number(self.model.rowCount())
            exact = getattr(self.model, "count_exact", True)
            if not exact and not getattr(self.model, "count_upper", False):
                matches += "+"  # capped count: the exact number follows when the order is known
            # an upper bound (the index's hits): "about", until the exact count arrives
            template = (
                self.tr("%1 of %2 records match")
                if exact or not getattr(self.model, "count_upper", False)
                else self.tr("About %1 of %2 records match (counting…)")
            )
            text = template.replace("%1", matches).replace("%2", i18n.format_number(snap.records))
            if self.model.mode == "like":
                text += " " + self.tr("(search index still being built: searching is slower)")
        else:
            text = self.tr("%1 records").replace("%1", i18n.format_number(snap.records))
        self.count_label.setText(text)

    def _view_failed(self, exc: BaseException) -> None:
        self.count_label.setText(
            self.tr("Could not read this version: %1").replace("%1", errors.error_title(exc))
        )
        self.mark_stale()

    def _show_current(self) -> None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return
        record = self.model.data(self.model.index(index.row(), 0), RECORD_ROLE)
        if record is not None and record is not self.detail.record:
            self.detail.show_record(record)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _open_diff_record(self, snapshot_id: int, record_id: str) -> None:
        """A record double-clicked in the comparison: its fields in the Records tab's detail."""
        self.page_tabs.setCurrentIndex(0)
        self.detail_toggle.setChecked(True)

        def work() -> Any:
            return self.backend.store.record(snapshot_id, record_id)

        self.model._bridge.when_done(
            self.backend.runner.call(work),
            lambda f: self.detail.show_record(f.result() if not f.exception() else None),
        )

    # --- downloads --------------------------------------------------------------------------------
    @property
    def _download_name(self) -> str:
        return download_task_name(self.context.profile.id, self.domain, self.scope)

    def download_now(self) -> TaskInfo:
        """Download (sync) the published version now; progress in the Activity dock."""
        self.last_error = None
        self.status_text = ""
        info = self.context.session.download(self.scope)
        self._progress_timer.start()
        self.mark_stale()
        return info

    def start_download(self, dest: Path) -> TaskInfo:
        """Save a verified copy of the published file to ``dest`` (task ``download:…``)."""
        context = self.context
        client = context.connection.client
        domain, scope = self.domain, self.scope

        async def refresh_url() -> str:
            info = await client.get_scope_file(domain, scope)
            assert info is not None
            return info.download_url

        async def download() -> Path:
            info = await client.get_scope_file(domain, scope)
            assert info is not None
            report_progress(0, info.size, f"version {versions.short_id(info.version)}")
            return await client.download_file(
                info.download_url,
                dest,
                sha256=info.sha256,
                size=info.size,
                progress=lambda done, total: report_progress(done, total or info.size),
                refresh_url=refresh_url,
            )

        return context.tasks.start(
            self._download_name,
            download(),
            kind=A.KIND_DOWNLOAD,
            subject=scope_names.label(scope),
            target=context.target,
            if_running="keep",
        )

    def _task_finished(self, info: TaskInfo) -> None:
        if info.name != self._download_name:
            return
        self._progress_timer.stop()
        if info.state == FAILED:
            self.last_error = info.error
        elif info.state == SUCCEEDED and getattr(info.result, "unchanged", False):
            self.status_text = self.tr("Already up to date.")
            self.count_label.setText(self.status_text)
        self.download_button.setEnabled(True)
        self.mark_stale()

    def _show_progress(self) -> None:
        info = self.context.tasks.get(self._download_name)
        if info is None:
            self._progress_timer.stop()
            return
        self.download_button.setEnabled(False)
        if self.view.state == "loading":
            self.view.set_progress(info.done, info.total)
            if info.detail:
                self.view.loading.text.setText(
                    self.tr("Downloading %1… %2")
                    .replace("%1", scope_names.label(self.scope))
                    .replace("%2", info.detail)
                )

    def index_of_row(self, row: int) -> QModelIndex:
        return self.model.index(row, 0)
