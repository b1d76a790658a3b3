"""The sidebar: connection profiles → domain → scopes, with state, badges and times.

Built from the :class:`~sage50_desktop.ui.session.SessionManager`; redraws are
coalesced (sessions mark the tree stale, a short timer updates it). Each item
carries its target (``profile/<id>[/<domain>/<scope>]``) in ``TARGET_ROLE``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from sage50_desktop.services import activity as A
from sage50_desktop.services.activity import target_for
from sage50_desktop.services.tasks import TaskInfo, TaskRegistry
from sage50_desktop.services.version_names import short_id
from sage50_desktop.ui import i18n, icons, scope_names, theme
from sage50_desktop.ui import session as S
from sage50_desktop.ui.bridge import GuiBridge
from sage50_desktop.ui.browser.backend import BrowserBackend
from sage50_desktop.ui.pages import PAGE_CONNECTION, PAGE_DOWNLOAD, PAGE_UPLOAD

log = logging.getLogger(__name__)

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # page kind: connection / download / upload / domain
SANDBOX_ROLE = Qt.ItemDataRole.UserRole + 3
STATE_ROLE = Qt.ItemDataRole.UserRole + 4
NEW_ROLE = Qt.ItemDataRole.UserRole + 5  # Sage 50 published a version not in the local cache
TIME_ROLE = Qt.ItemDataRole.UserRole + 6
TAG_ROLE = Qt.ItemDataRole.UserRole + 7
KIND_DOMAIN = "domain"

_STATE_COLOURS: dict[str, str] = {
    S.ONLINE: theme.ONLINE,
    S.OFFLINE: theme.OFFLINE,
    S.ERROR: theme.ERROR,
    S.CONSENT: theme.WARNING,
    S.LOADING: theme.BUSY,
    S.NEW: theme.OFFLINE,
}


class SidebarDelegate(QStyledItemDelegate):
    """Paints the right-hand extras: TEST tag, state dot, new-version dot, last-check time."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        extras = self._extras(index)
        width = sum(w for w, _ in extras)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if width:
            opt.rect = QRect(
                opt.rect.left(),
                opt.rect.top(),
                max(0, opt.rect.width() - width - 6),
                opt.rect.height(),
            )
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            # the full row's selection background, then the item text in its narrower rect
            full = QStyleOptionViewItem(option)
            self.initStyleOption(full, index)
            full.text = ""
            full.icon = QIcon()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, full, painter, opt.widget)
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        right = option.rect.right() - 4
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for extra_width, draw in reversed(extras):
            rect = QRect(
                right - extra_width + 1, option.rect.top(), extra_width, option.rect.height()
            )
            draw(painter, rect, option)
            right -= extra_width
        painter.restore()

    def sizeHint(
        self,
        option: QStyleOptionViewItem,  # Qt override
        index: QModelIndex | QPersistentModelIndex,
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + sum(w for w, _ in self._extras(index)), max(size.height(), 24))

    def _extras(
        self, index: QModelIndex | QPersistentModelIndex
    ) -> list[tuple[int, Callable[[QPainter, QRect, QStyleOptionViewItem], None]]]:
        extras: list[tuple[int, Callable[[QPainter, QRect, QStyleOptionViewItem], None]]] = []
        kind = index.data(KIND_ROLE)
        if kind == PAGE_CONNECTION:
            tag = index.data(TAG_ROLE)
            if index.data(SANDBOX_ROLE) and tag:
                extras.append((self._tag_width(tag) + 6, lambda p, r, o: self._tag(p, r, tag)))
            colour = _STATE_COLOURS.get(index.data(STATE_ROLE) or "", theme.OFFLINE)
            extras.append((16, lambda p, r, o: self._dot(p, r, colour, 8)))
        elif kind in (PAGE_DOWNLOAD, PAGE_UPLOAD):
            time_text = index.data(TIME_ROLE) or ""
            if time_text:
                extras.append(
                    (
                        self._text_width(time_text) + 8,
                        lambda p, r, o: self._time(p, r, o, time_text),
                    )
                )
            if index.data(NEW_ROLE):
                extras.append((14, lambda p, r, o: self._dot(p, r, theme.BUSY, 8)))
        return extras

    @staticmethod
    def _small_font() -> QFont:
        font = QFont()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return font

    def _text_width(self, text: str) -> int:
        return QFontMetrics(self._small_font()).horizontalAdvance(text)

    def _tag_width(self, text: str) -> int:
        font = self._small_font()
        font.setBold(True)
        return QFontMetrics(font).horizontalAdvance(text) + 12

    def _tag(self, painter: QPainter, rect: QRect, text: str) -> None:
        font = self._small_font()
        font.setBold(True)
        painter.setFont(font)
        width = self._tag_width(text)
        height = painter.fontMetrics().height() + 2
        box = QRect(rect.left() + 3, rect.center().y() - height // 2, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.SANDBOX_ACCENT))
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    @staticmethod
    def _dot(painter: QPainter, rect: QRect, colour: str, size: int) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(
            rect.center().x() - size // 2, rect.center().y() - size // 2, size, size
        )

    def _time(
        self, painter: QPainter, rect: QRect, option: QStyleOptionViewItem, text: str
    ) -> None:
        painter.setFont(self._small_font())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            option.palette.ColorRole.HighlightedText
            if selected
            else option.palette.ColorRole.PlaceholderText
        )
        painter.setPen(option.palette.color(role))
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)


def read_task_name(profile_id: str) -> str:
    """The registry task that reads a profile's downloaded versions for the sidebar."""
    return f"read-versions:{profile_id}"


def _cancel_reads(tasks: TaskRegistry) -> None:
    """The sidebar is gone: its pending reads are of no use."""
    for info in tasks.running():
        if info.name.startswith("read-versions:"):
            tasks.cancel(info.name)


class Sidebar(QTreeView):
    """The tree of connections, domains and scopes (objectName ``scopeTree``).

    Signals:
        targetSelected(str target, str kind): the user selected an item
            (kind: ``connection``, ``download``, ``upload`` or ``domain``).
    """

    targetSelected = Signal(str, str)

    def __init__(
        self, sessions: S.SessionManager, backend: BrowserBackend, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scopeTree")
        self.sessions = sessions
        self.backend = backend
        self.context_menu: Callable[[str, str], QMenu | None] | None = None
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setItemDelegate(SidebarDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.setAnimated(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self._items: dict[str, QStandardItem] = {}
        self._structure: list[str] = []
        self._suppress = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self.update_now)
        # downloaded versions (scope -> version of its latest snapshot) per profile, read in a
        # worker thread when the listing changes or a download ends, never on a redraw
        self._downloaded: dict[str, dict[str, str]] = {}
        self._read_for: dict[str, object] = {}  # profile -> listing the last read was for
        self._read_again: set[str] = set()
        self._bridge = GuiBridge(self)  # disconnects itself when the sidebar goes
        self._bridge.subscribe(sessions.tasks.finished, self._task_finished)
        self.destroyed.connect(lambda *_a, tasks=sessions.tasks: _cancel_reads(tasks))
        self.selectionModel().currentChanged.connect(self._current_changed)
        backend.signals.snapshotsChanged.connect(self._snapshots_changed)
        sessions.sessionsChanged.connect(self.mark_stale)
        sessions.sessionChanged.connect(lambda _pid: self.mark_stale())
        self._retranslate()
        self.update_now()

    # --- public -----------------------------------------------------------------------
    def mark_stale(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def item_for(self, target: str) -> QStandardItem | None:
        return self._items.get(target)

    def select_target(self, target: str) -> bool:
        """Select (and reveal) the item of ``target``; True when it exists."""
        self.update_now()
        item = self._items.get(target)
        if item is None:
            return False
        index = item.index()
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def current_target(self) -> tuple[str, str] | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return index.data(TARGET_ROLE), index.data(KIND_ROLE)

    def downloaded_version(self, profile_id: str, scope: str) -> str | None:
        """The version of ``scope``'s latest downloaded snapshot, as last read."""
        return self._downloaded.get(profile_id, {}).get(scope)

    # --- downloaded versions --------------------------------------------------------------
    def refresh_downloaded(self, profile_id: str) -> None:
        """Read the profile's downloaded versions again (in a worker thread)."""
        self._read_for.pop(profile_id, None)
        self._request_read(profile_id)

    def _request_read(self, profile_id: str) -> None:
        """Read in the quiet registry task ``read-versions:<profile>`` (failures in Activity)."""
        tasks = self.sessions.tasks
        name = read_task_name(profile_id)
        if tasks.is_running(name):
            self._read_again.add(profile_id)
            return
        session = self.sessions.get(profile_id)
        if tasks.closing or session is None:
            return
        try:
            tasks.start(
                name,
                self._read(profile_id),
                kind=A.KIND_REFRESH,
                subject=session.profile.name,
                target=target_for(profile_id),
                quiet=True,
            )
        except RuntimeError:
            return  # no loop yet: the next update asks again

    async def _read(self, profile_id: str) -> None:
        while True:
            self._read_again.discard(profile_id)
            session = self.sessions.get(profile_id)
            if session is None or not shiboken6.isValid(self):
                return
            listing = session.listing
            scopes = [
                scope
                for scope, uploadable in S.scopes_of(session.domain, listing)
                if not uploadable
            ]
            versions = await asyncio.to_thread(session.downloaded_versions, scopes)
            if not shiboken6.isValid(self):
                return
            self._downloaded[profile_id] = versions
            self._read_for[profile_id] = listing
            if profile_id not in self._read_again and session.listing is listing:
                break
        self.mark_stale()

    def _task_finished(self, info: TaskInfo) -> None:
        if not shiboken6.isValid(self):
            return
        if info.name.startswith("read-versions:"):
            profile_id = info.name.removeprefix("read-versions:")
            if profile_id in self._read_again:
                self._request_read(profile_id)  # asked again while the read was ending
            return
        if not info.name.startswith("download:"):
            return
        profile_id = info.name.removeprefix("download:").split("/", 1)[0]
        self.refresh_downloaded(profile_id)

    def _snapshots_changed(self, profile_id: str, _domain: str, _scope: str) -> None:
        self.refresh_downloaded(profile_id)

    # --- building -------------------------------------------------------------------------
    def update_now(self) -> None:
        self._timer.stop()
        sessions = self.sessions.list_sessions()
        structure: list[str] = []
        for session in sessions:
            structure.append(session.id)
            structure.append(session.domain)
            structure += [name for name, _ in S.scopes_of(session.domain, session.listing)]
        if structure != self._structure:
            self._rebuild(sessions)
            self._structure = structure
        for session in sessions:
            self._update_session(session)

    def _rebuild(self, sessions: list[S.Session]) -> None:
        current = self.current_target()
        expanded = {t for t, item in self._items.items() if self.isExpanded(item.index())}
        first_build = not self._items
        previous = set(self._items)
        self._suppress = True
        try:
            self.model_.clear()
            self._items.clear()
            for session in sessions:
                profile_item = QStandardItem()
                profile_target = target_for(session.id)
                profile_item.setData(profile_target, TARGET_ROLE)
                profile_item.setData(PAGE_CONNECTION, KIND_ROLE)
                self._items[profile_target] = profile_item
                domain_item = QStandardItem(scope_names.label(session.domain))
                domain_target = f"{profile_target}#{session.domain}"
                domain_item.setData(domain_target, TARGET_ROLE)
                domain_item.setData(KIND_DOMAIN, KIND_ROLE)
                domain_item.setIcon(icons.icon("domain"))
                self._items[domain_target] = domain_item
                profile_item.appendRow(domain_item)
                for scope, uploadable in S.scopes_of(session.domain, session.listing):
                    scope_item = QStandardItem()
                    scope_target = target_for(session.id, session.domain, scope)
                    scope_item.setData(scope_target, TARGET_ROLE)
                    scope_item.setData(PAGE_UPLOAD if uploadable else PAGE_DOWNLOAD, KIND_ROLE)
                    scope_item.setIcon(icons.icon("upload" if uploadable else "scope"))
                    self._items[scope_target] = scope_item
                    domain_item.appendRow(scope_item)
                self.model_.appendRow(profile_item)
            for target, item in self._items.items():
                if first_build or target in expanded or target not in previous:
                    self.expand(item.index())
            if current is not None and current[0] in self._items:
                self.setCurrentIndex(self._items[current[0]].index())
        finally:
            self._suppress = False

    def _update_session(self, session: S.Session) -> None:
        profile = session.profile
        item = self._items.get(target_for(session.id))
        if item is None:
            return
        item.setText(profile.name)
        item.setIcon(icons.icon("sandbox" if profile.is_test else "connection"))
        item.setData(profile.is_test, SANDBOX_ROLE)
        item.setData(session.state, STATE_ROLE)
        item.setData(self.tr("TEST"), TAG_ROLE)
        state_text = self._state_text(session)
        item.setToolTip(f"{profile.name} — {profile.base_url}\n{state_text}")
        item.setData(
            f"{profile.name}, {state_text}"
            + (f", {self.tr('test connection')}" if profile.is_test else ""),
            Qt.ItemDataRole.AccessibleTextRole,
        )
        listing = session.listing
        if (
            not self.sessions.tasks.is_running(read_task_name(session.id))
            and self._read_for.get(session.id, self) is not listing
        ):
            self._request_read(session.id)  # first time, or the listing was refreshed
        for scope, uploadable in S.scopes_of(session.domain, listing):
            scope_item = self._items.get(target_for(session.id, session.domain, scope))
            if scope_item is None:
                continue
            label = scope_names.label(scope)
            scope_item.setText(label)
            summary = listing.get(scope) if listing else None
            downloaded = self._downloaded.get(session.id, {}).get(scope)
            new = bool(
                not uploadable
                and summary is not None
                and session.id in self._read_for
                and downloaded != summary.version
            )
            scope_item.setData(new, NEW_ROLE)
            when = i18n.format_when(listing.fetched_at) if listing and summary else ""
            scope_item.setData(when, TIME_ROLE)
            if uploadable:
                tip = self.tr("%1: send files to Sage 50 (upload)").replace("%1", label)
            elif summary is None:
                tip = self.tr("%1: not published yet").replace("%1", label)
            else:
                tip = (
                    self.tr("%1: version %2, published %3; checked %4")
                    .replace("%1", label)
                    .replace("%2", short_id(summary.version))
                    .replace("%3", i18n.format_datetime(summary.last_modified))
                    .replace("%4", i18n.format_datetime(listing.fetched_at) if listing else "")
                )
                if new and downloaded is None:
                    tip += "\n" + self.tr("New version: not downloaded yet")
                elif new:
                    tip += "\n" + self.tr("New version: %1 downloaded").replace(
                        "%1", short_id(downloaded or "")
                    )
            scope_item.setToolTip(tip)
            scope_item.setData(tip.replace("\n", ", "), Qt.ItemDataRole.AccessibleTextRole)

    def _state_text(self, session: S.Session) -> str:
        return {
            S.ONLINE: self.tr("connected"),
            S.OFFLINE: self.tr("offline"),
            S.ERROR: self.tr("error"),
            S.CONSENT: self.tr("consent needed"),
            S.LOADING: self.tr("connecting…"),
            S.NEW: self.tr("not connected yet"),
        }.get(session.state, session.state)

    # --- events ---------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._suppress or not current.isValid():
            return
        self.targetSelected.emit(current.data(TARGET_ROLE), current.data(KIND_ROLE))

    def _menu(self, pos: object) -> None:
        index = self.indexAt(pos)  # type: ignore[arg-type]
        if not index.isValid() or self.context_menu is None:
            return
        menu = self.context_menu(index.data(TARGET_ROLE), index.data(KIND_ROLE))
        if menu is not None:
            menu.exec(self.viewport().mapToGlobal(pos))  # type: ignore[call-overload]

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Connections and data sets"))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._structure = []  # domain and scope labels change: rebuild
            self.mark_stale()
        super().changeEvent(event)
