"""Menus (File, View, Connection, Help), their standard shortcuts, and the sidebar's context menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from sage50_desktop import APP_DISPLAY_NAME, __version__, paths
from sage50_desktop.services.activity import parse_target
from sage50_desktop.ui import icons
from sage50_desktop.ui import session as SS
from sage50_desktop.ui.pages import PAGE_CONNECTION
from sage50_desktop.ui.widgets import open_link

if TYPE_CHECKING:
    from sage50_desktop.ui.main_window import MainWindow


def _t(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def _action(
    window: MainWindow, name: str, slot: object, shortcut: object = None, icon: str | None = None
) -> QAction:
    action = QAction(window)
    action.setObjectName(name)
    if icon:
        action.setIcon(icons.icon(icon))
    if shortcut is not None:
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(shortcut)  # type: ignore[call-overload]
    action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
    return action


def build(window: MainWindow) -> dict[str, QAction]:
    """Create the menu bar of ``window``; returns its actions by name."""
    prefs = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences) or [
        QKeySequence("Ctrl+,")
    ]
    quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
    acts = {
        "add": _action(
            window,
            "actionAddConnection",
            window.add_connection,
            QKeySequence(QKeySequence.StandardKey.New),
            "add",
        ),
        # not Ctrl+E: text fields use it (end of line); the shortcut works everywhere else too
        "export": _action(
            window,
            "actionExportActivity",
            window.ask_export_activity,
            QKeySequence("Ctrl+Shift+E"),
            "export",
        ),
        "settings": _action(window, "actionSettings", window.open_settings, prefs, "settings"),
        "quit": _action(window, "actionQuit", window.close, quit_keys),
        "refresh": _action(
            window,
            "actionRefresh",
            window.refresh_current,
            QKeySequence(QKeySequence.StandardKey.Refresh),
            "refresh",
        ),
        "renew": _action(
            window,
            "actionRenewKey",
            lambda: window.current.renew_key() if window.current else None,
            None,
            "key",
        ),
        "consent": _action(window, "actionConsent", window.request_consent, None, "consent"),
        "rename": _action(
            window,
            "actionRename",
            lambda: (
                window.profile_actions.ask_rename(window.current.id) if window.current else None
            ),
            QKeySequence("F2"),
        ),
        "remove": _action(
            window,
            "actionRemove",
            lambda: (
                window.profile_actions.ask_remove(window.current.id) if window.current else None
            ),
        ),
        "delete_cached": _action(
            window,
            "actionDeleteCached",
            lambda: (
                window.profile_actions.ask_delete_cached(window.current.id)
                if window.current
                else None
            ),
        ),
        "logs": _action(
            window,
            "actionOpenLogs",
            lambda: open_link.open_url(QUrl.fromLocalFile(str(paths.log_dir())), window),
        ),
        "data": _action(
            window,
            "actionOpenData",
            lambda: open_link.open_url(QUrl.fromLocalFile(str(window.runtime.data_dir)), window),
        ),
        "about": _action(window, "actionAbout", lambda: about(window)),
        "about_qt": _action(window, "actionAboutQt", QApplication.aboutQt),
    }
    toggle_activity = window.activity_dock.toggleViewAction()
    toggle_activity.setObjectName("actionToggleActivity")
    toggle_activity.setShortcut(QKeySequence("Ctrl+Shift+A"))
    toggle_activity.setIcon(icons.icon("activity"))
    acts["activity"] = toggle_activity
    acts["sidebar"] = _action(
        window, "actionToggleSidebar", lambda: _toggle_sidebar(window), QKeySequence("Ctrl+Shift+B")
    )
    acts["sidebar"].setCheckable(True)
    acts["sidebar"].setChecked(True)
    acts["focus_tree"] = _action(
        window, "actionFocusSidebar", lambda: window.sidebar.setFocus(), QKeySequence("Ctrl+1")
    )
    acts["focus_activity"] = _action(
        window, "actionFocusActivity", lambda: _focus_activity(window), QKeySequence("Ctrl+2")
    )
    bar = window.menuBar()
    window.menu_file = bar.addMenu("")
    window.menu_file.setObjectName("menuFile")
    for key in ("add", "export", None, "settings", None, "quit"):
        window.menu_file.addSeparator() if key is None else window.menu_file.addAction(acts[key])
    window.menu_view = bar.addMenu("")
    window.menu_view.setObjectName("menuView")
    for key in ("activity", "sidebar", None, "focus_tree", "focus_activity"):
        window.menu_view.addSeparator() if key is None else window.menu_view.addAction(acts[key])
    window.menu_connection = bar.addMenu("")
    window.menu_connection.setObjectName("menuConnection")
    for key in (
        "refresh",
        "renew",
        "consent",
        None,
        "rename",
        "delete_cached",
        "remove",
        None,
        "add",
    ):
        if key is None:
            window.menu_connection.addSeparator()
        else:
            window.menu_connection.addAction(acts[key])
    window.menu_help = bar.addMenu("")
    window.menu_help.setObjectName("menuHelp")
    for key in ("logs", "data", None, "about", "about_qt"):
        window.menu_help.addSeparator() if key is None else window.menu_help.addAction(acts[key])
    return acts


def retranslate(window: MainWindow) -> None:
    acts = window.actions_
    window.menu_file.setTitle(_t("&File"))
    window.menu_view.setTitle(_t("&View"))
    window.menu_connection.setTitle(_t("&Connection"))
    window.menu_help.setTitle(_t("&Help"))
    texts = {
        "add": _t("&Add connection…"),
        "export": _t("&Export activity as CSV…"),
        "settings": _t("&Settings…"),
        "quit": _t("&Quit"),
        "refresh": _t("&Refresh"),
        "renew": _t("Renew API &key now"),
        "consent": _t("Run &consent again…"),
        "rename": _t("Re&name…"),
        "remove": _t("Re&move…"),
        "delete_cached": _t("&Delete cached data…"),
        "logs": _t("Open &log folder"),
        "data": _t("Open &data folder"),
        "about": _t("&About %1").replace("%1", APP_DISPLAY_NAME),
        "about_qt": _t("About &Qt"),
        "activity": _t("&Activity"),
        "sidebar": _t("&Sidebar"),
        "focus_tree": _t("Go to &connections"),
        "focus_activity": _t("Go to a&ctivity"),
    }
    for key, text in texts.items():
        acts[key].setText(text)
    window.activity_dock.setWindowTitle(_t("Activity"))


def update_enabled(window: MainWindow) -> None:
    acts = window.actions_
    session = window.current
    has = session is not None
    for key in ("refresh", "rename", "delete_cached", "remove", "consent"):
        acts[key].setEnabled(has)
    acts["renew"].setEnabled(
        session is not None and session.state != SS.CONSENT and session.profile.onboarded
    )


def _focus_activity(window: MainWindow) -> None:
    window.activity_dock.show()
    window.activity_dock.table.setFocus()


def _toggle_sidebar(window: MainWindow) -> None:
    left = window.splitter.widget(0)
    if left is None:
        return
    left.setVisible(not left.isVisible())
    window.actions_["sidebar"].setChecked(left.isVisible())


def sidebar_menu(window: MainWindow, target: str, kind: str) -> QMenu | None:
    """The context menu of a sidebar item (profiles: refresh, consent, rename, remove)."""
    parsed = parse_target(target.split("#", 1)[0])
    if parsed is None:
        return None
    session = window.sessions.get(parsed.profile_id)
    if session is None:
        return None
    menu = QMenu(window)
    menu.addAction(icons.icon("refresh"), _t("&Refresh"), session.refresh)
    if kind in (PAGE_CONNECTION, "domain"):
        menu.addAction(
            icons.icon("consent"),
            _t("Run &consent again…"),
            lambda: window.request_consent(session),
        )
        menu.addSeparator()
        menu.addAction(_t("Re&name…"), lambda: window.profile_actions.ask_rename(session.id))
        menu.addAction(
            _t("&Delete cached data…"),
            lambda: window.profile_actions.ask_delete_cached(session.id),
        )
        menu.addAction(_t("Re&move…"), lambda: window.profile_actions.ask_remove(session.id))
    return menu


def about(window: MainWindow) -> None:
    text = (
        _t(
            "<h3>%1 %2</h3><p>Administration of a Sage 50 Cloud file-exchange "
            "integration: connections, key renewal, published data sets and uploads.</p>"
            "<p>Data: %3<br>Logs: %4</p>"
        )
        .replace("%1", APP_DISPLAY_NAME)
        .replace("%2", __version__)
        .replace("%3", str(window.runtime.data_dir))
        .replace("%4", str(paths.log_dir()))
    )
    box = QMessageBox(
        QMessageBox.Icon.NoIcon,
        _t("About %1").replace("%1", APP_DISPLAY_NAME),
        text,
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setIconPixmap(icons.icon("app").pixmap(64, 64))
    box.open()
