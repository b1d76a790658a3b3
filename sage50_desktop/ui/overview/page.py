"""The connection overview: where the profile connects, its key and consent, its data sets."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.services.activity import target_for
from sage50_desktop.services.version_names import short_id
from sage50_desktop.storage.credentials import (
    CredentialStoreUnavailable,
    store_info,
    unavailable_info,
)
from sage50_desktop.ui import credential_text, i18n, icons, scope_names, theme
from sage50_desktop.ui import session as S
from sage50_desktop.ui.pages import Page, PageContext
from sage50_desktop.ui.plain_text import escape
from sage50_desktop.ui.widgets.infobar import InfoBar
from sage50_desktop.ui.widgets.state_view import StateView
from sage50_desktop.ui.widgets.tag import Tag
from sage50_desktop.ui.widgets.wrap_label import ElidedLabel

SCOPE_ROLE = Qt.ItemDataRole.UserRole + 1


class ConnectionOverviewPage(Page):
    """The page of a profile selected in the sidebar."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("connectionPage")
        self._store_asked = False  # the OS credential store was asked to open in a worker
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        self.title = ElidedLabel("", self)  # a long connection name elides, full in the tooltip
        self.title.setObjectName("pageTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        self.tag = Tag(parent=self, object_name="sandboxTag")
        header.addWidget(self.tag)
        header.addStretch(1)
        outer.addLayout(header)
        # the actions on a row of their own: the connection's name keeps the whole width
        # (at 1024 px, in Spanish, the buttons beside it left "Sandbo…")
        actions = QHBoxLayout()
        self.refresh_button = QPushButton(icons.icon("refresh"), "", self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(lambda: self.context.session.refresh())
        self.renew_button = QPushButton(icons.icon("key"), "", self)
        self.renew_button.setObjectName("renewKeyButton")
        self.renew_button.clicked.connect(lambda: self.context.session.renew_key())
        self.consent_button = QPushButton(icons.icon("consent"), "", self)
        self.consent_button.setObjectName("consentButton")
        self.consent_button.clicked.connect(lambda: self.context.request_consent())
        for button in (self.refresh_button, self.renew_button, self.consent_button):
            actions.addWidget(button)
        actions.addStretch(1)
        outer.addLayout(actions)

        # the rest scrolls when the window is small: it never squeezes text or grows the window
        scroll = QScrollArea(self)
        scroll.setObjectName("overviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(body)
        # the first-start card: what to do first, until a data set has been downloaded
        self.first_card = InfoBar("info", "firstStartCard", self)
        self.first_card.set_icon(icons.icon("scope"))
        self.first_card.actionTriggered.connect(self._open_first_scope)
        self.first_card.hide()
        outer.addWidget(self.first_card)
        outer.addWidget(scroll, 1)
        context.backend.signals.snapshotsChanged.connect(self._snapshots_changed)

        facts = QFrame(body)
        facts.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = QFormLayout(facts)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.values: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for key in (
            "server",
            "domain",
            "developer",
            "application",
            "store",
            "expiry",
            "rotation",
            "consent",
            "fetched",
        ):
            label = QLabel(facts)
            label.setTextFormat(Qt.TextFormat.PlainText)
            value = QLabel(facts)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setObjectName(f"overview_{key}")
            value.setWordWrap(True)  # long values wrap instead of widening the page
            value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[key] = label
            self.values[key] = value
            label.setBuddy(value)
            self.form.addRow(label, value)
        # a custom-URL connection can be marked as a test one (accent and tag as the sandbox)
        self.test_check = QCheckBox(facts)
        self.test_check.setObjectName("testConnectionCheck")
        self.test_check.toggled.connect(self._mark_test)
        self.form.addRow(self.test_check)
        body_layout.addWidget(facts)

        self.scopes_label = QLabel(body)
        self.scopes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.scopes_label.setObjectName("sectionTitle")
        bold = QFont(self.scopes_label.font())
        bold.setBold(True)
        self.scopes_label.setFont(bold)
        body_layout.addWidget(self.scopes_label)
        self.view = StateView(body)
        self.view.setMinimumHeight(160)
        self.scopes = QTreeWidget(self.view)
        self.scopes.setObjectName("overviewScopes")
        self.scopes.setRootIsDecorated(False)
        self.scopes.setAlternatingRowColors(True)
        self.scopes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.scopes.setColumnCount(5)
        self.scopes.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scopes.itemActivated.connect(self._open_scope)
        self.view.set_content(self.scopes)
        body_layout.addWidget(self.view, 1)
        self.retranslate()

    # --- drawing ------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = {
            "server": self.tr("Server"),
            "domain": self.tr("Domain"),
            "developer": self.tr("Developer ID"),
            "application": self.tr("Application ID"),
            "store": self.tr("Credentials kept in"),
            "expiry": self.tr("API key expires"),
            "rotation": self.tr("Last key renewal"),
            "consent": self.tr("Consent"),
            "fetched": self.tr("Data sets fetched"),
        }
        for key, text in names.items():
            self.labels[key].setText(text + ":")
        self.tag.setText(self.tr("TEST"))
        self.test_check.setText(self.tr("Test connection"))
        self.test_check.setToolTip(
            self.tr(
                "Mark this connection as a test one (a staging server, not a company's real "
                "Sage 50): it is shown with the TEST tag and accent, like the sandbox"
            )
        )
        self.refresh_button.setText(self.tr("&Check now"))
        self.refresh_button.setToolTip(
            self.tr(
                "Ask the platform for new versions now (the app also checks by itself every minute)"
            )
        )
        self.renew_button.setText(self.tr("Renew &key now"))
        self.renew_button.setToolTip(
            self.tr("Get a new API key now (the app does it by itself before the key expires)")
        )
        self.consent_button.setText(self.tr("Run &consent again…"))
        self.scopes_label.setText(self.tr("Data sets (scopes)"))
        self.scopes.setHeaderLabels(
            [
                self.tr("Data set (scope)"),
                self.tr("Version"),
                self.tr("Published"),
                self.tr("Size"),
                self.tr("Kind"),
            ]
        )
        self.scopes.setAccessibleName(self.tr("Data sets of this connection"))

    def refresh_view(self) -> None:
        session = self.context.session
        profile = session.profile
        self.title.setText(profile.name)
        self.tag.setVisible(profile.is_test)
        self.tag.setToolTip(
            self.tr(
                "Test connection to the bundled sandbox: nothing you do "
                "here reaches a real Sage 50."
            )
            if profile.sandbox
            else self.tr("Marked as a test connection: check it is not a real Sage 50.")
        )
        self.test_check.setVisible(not profile.sandbox)
        self.test_check.blockSignals(True)
        self.test_check.setChecked(profile.test_connection)
        self.test_check.blockSignals(False)
        self.values["server"].setText(profile.base_url)
        self.values["domain"].setText(profile.domain)
        self.values["developer"].setText(profile.developer_id or "—")
        self.values["application"].setText(profile.application_id or "—")
        self.values["store"].setText(self._store_text())
        self.values["expiry"].setText(self._expiry_text())
        self.values["rotation"].setText(
            i18n.format_datetime(session.last_rotation, seconds=True)
            if session.last_rotation
            else self.tr("none since the app started")
        )
        consent = (
            self.tr("needed — run the consent step again")
            if session.state == S.CONSENT
            else self.tr("granted")
        )
        # in the consent state the window's banner has the one "Run consent again" button
        self.consent_button.setVisible(session.state != S.CONSENT)
        self.values["consent"].setText(consent)
        listing = session.listing
        self.values["fetched"].setText(
            i18n.format_datetime(listing.fetched_at) if listing else self.tr("not yet")
        )
        self.renew_button.setEnabled(
            session.state not in (S.CONSENT,) and not session.consent_running
        )
        self._fill_scopes()
        self._update_first_card()

    # --- the first-start card -----------------------------------------------------------
    def first_scope(self) -> str | None:
        """The published download scope the first-start card points to, while nothing
        of this connection has been downloaded (None: the card is not needed)."""
        session = self.context.session
        listing = session.listing
        if listing is None or session.state == S.CONSENT:
            return None
        if self.context.backend.store.scopes(self.context.profile.id, session.domain):
            return None  # done: a data set was downloaded
        published = [
            scope
            for scope, uploadable in S.scopes_of(session.domain, listing)
            if not uploadable and listing.get(scope) is not None
        ]
        return published[0] if published else None

    def _update_first_card(self) -> None:
        scope = self.first_scope()
        if scope is None:
            self.first_card.hide()
            return
        name = escape(scope_names.label(scope))
        self.first_card.set_rich_text(
            self.tr(
                "<b>Start here:</b> download a data set to browse, search and export it "
                "(also offline) — for example %1, on the left. The app then checks every "
                "minute for new versions."
            ).replace("%1", name)
        )
        self.first_card.set_action(self.tr("Open %1").replace("%1", scope_names.label(scope)))
        self.first_card.show()

    def _open_first_scope(self) -> None:
        scope = self.first_scope()
        if scope is not None:
            self.context.open_target(
                target_for(self.context.profile.id, self.context.session.domain, scope)
            )

    def _snapshots_changed(self, profile_id: str, _domain: str, _scope: str) -> None:
        if profile_id == self.context.profile.id:
            self.mark_stale()

    def _expiry_text(self) -> str:
        """When the key expires, never contradicting the status bar ("No valid API key")."""
        session = self.context.session
        if session.state == S.CONSENT:
            return self.tr("no valid key — consent is needed")
        expiration = session.key_expiration
        if expiration is None:
            return self.tr("unknown")
        when = i18n.format_datetime(expiration, seconds=True)
        if expiration <= datetime.now(UTC):
            return self.tr("expired %1 (renewed on next use)").replace("%1", when)
        return when

    def _mark_test(self, test: bool) -> None:
        """Store the test mark (off the GUI thread); the session then shows it everywhere."""
        session = self.context.session
        profiles = self.context.runtime.profiles

        async def mark() -> None:
            profile = await asyncio.to_thread(profiles.set_test_connection, session.id, test)
            session.core.profile_updated(profile)

        self.context.tasks.start(
            self.context.task_name("mark-test"),
            mark(),
            kind="profile",
            subject=session.profile.name,
            target=self.context.target,
            quiet=True,
            if_running="replace",
        )

    def _open_store(self) -> None:
        self._store_asked = True
        runtime = self.context.runtime

        async def open_store() -> None:
            await asyncio.to_thread(runtime.open_credentials)
            if shiboken6.isValid(self):  # not removed meanwhile
                self.mark_stale()

        self.context.tasks.start(
            self.context.task_name("open-credentials"),
            open_store(),
            kind="profile",
            subject=self.context.profile.name,
            target=self.context.target,
            quiet=True,
            if_running="keep",
        )

    def _store_text(self) -> str:
        """Where the credentials are, said plainly (a file-based keyring is named a file)."""
        profile = self.context.profile
        label = self.values["store"]
        runtime = self.context.runtime
        if profile.sandbox:
            info = store_info(runtime.sandbox_credentials)
        elif not runtime.credentials_open and not self._store_asked:
            # opening the OS store (keyring's import, its backend search: ~0.4 s) is left
            # to a worker; the page says where the credentials are once it is open
            self._open_store()
            label.setToolTip("")
            label.setProperty("warning", False)
            label.setStyleSheet("")
            return "…"
        else:
            try:
                info = store_info(self.context.runtime.credentials)
            except CredentialStoreUnavailable:
                info = unavailable_info()
        label.setToolTip(credential_text.statement(info))
        label.setProperty("warning", info.warn)
        label.setStyleSheet(
            f"color: {theme.bar_colours('warning')[2]}; background: "
            f"{theme.bar_colours('warning')[0]}; font-weight: bold;"
            if info.warn
            else ""
        )
        return credential_text.where(info)

    def _fill_scopes(self) -> None:
        session = self.context.session
        listing = session.listing
        if not self.show_session_state(self.view, listing is not None):
            return
        self.scopes.clear()
        now = datetime.now(UTC)
        for scope, uploadable in S.scopes_of(session.domain, listing):
            item = QTreeWidgetItem(self.scopes)
            item.setText(0, scope_names.label(scope))
            item.setData(0, SCOPE_ROLE, scope)
            item.setIcon(0, icons.icon("upload" if uploadable else "scope"))
            summary = listing.get(scope) if listing else None
            if uploadable:
                item.setText(4, self.tr("Upload"))
            else:
                item.setText(4, self.tr("Download"))
            if summary is not None:
                item.setText(1, short_id(summary.version))
                item.setToolTip(1, summary.version)
                item.setText(2, i18n.format_when(summary.last_modified, now))
                item.setText(3, i18n.format_bytes(summary.size))
                item.setTextAlignment(
                    3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            elif not uploadable:
                item.setText(1, self.tr("not published yet"))
        for column in range(1, 5):
            self.scopes.resizeColumnToContents(column)

    def _open_scope(self, item: QTreeWidgetItem) -> None:
        scope = item.data(0, SCOPE_ROLE)
        if scope:
            self.context.open_target(
                target_for(self.context.profile.id, self.context.session.domain, scope)
            )
