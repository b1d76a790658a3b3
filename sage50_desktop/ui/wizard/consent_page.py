"""Step 3: consent. A passcode for the Sage 50 administrator, then the key arrives.

The key reaches this computer one of three ways (contract v2): polled,
received as the signed approval push on an address this app listens on, or
pasted. The page says which one it uses; all three end in the same
:class:`~sage50_desktop.services.onboarding.ConsentFlow` store.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from sage50_desktop.api.contract import PasscodeState
from sage50_desktop.api.errors import PollingNotOffered
from sage50_desktop.api.models import PasscodeStatus
from sage50_desktop.services.consent_delivery import (
    ApprovalListener,
    ConsentWay,
    ListenFailed,
    PastedKeyInvalid,
    PastedKeyRefused,
)
from sage50_desktop.services.onboarding import ConsentFlow
from sage50_desktop.ui.plain_text import escape
from sage50_desktop.ui.wizard.base import PageError, StepPage
from sage50_desktop.ui.wizard.consent_ways import ConsentWayBox
from sage50_desktop.ui.wizard.errors import describe_error

SANDBOX_CONTROL_PATH = "/sandbox/"


class ConsentPage(StepPage):
    """Shows the passcode with its countdown and follows its status until an answer."""

    def build(self, layout: QVBoxLayout) -> None:
        self.setTitle(self.tr("Consent"))
        self.setSubTitle(
            self.tr(
                "The person who administers Sage 50 at the company grants "
                "this application access with a passcode."
            )
        )
        self.consent: ConsentFlow | None = None
        box = QFrame()
        box.setObjectName("passcodeBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(box)
        caption = QLabel(self.tr("Passcode:"))
        caption.setTextFormat(Qt.TextFormat.PlainText)
        self.passcode_label = QLabel("—")
        self.passcode_label.setTextFormat(Qt.TextFormat.PlainText)
        self.passcode_label.setObjectName("passcodeLabel")
        self.passcode_label.setAccessibleName(self.tr("Passcode"))
        self.passcode_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.passcode_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(26)
        font.setWeight(QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 3)
        self.passcode_label.setFont(font)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("copyPasscodeButton")
        self.copy_button.setAccessibleName(self.tr("Copy the passcode"))
        self.copy_button.clicked.connect(self._copy)
        self.countdown = QLabel()
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.countdown.setObjectName("passcodeCountdown")
        self.countdown.setAccessibleName(self.tr("Time left"))
        row.addWidget(caption)
        row.addWidget(self.passcode_label, 1)
        row.addWidget(self.countdown)
        row.addWidget(self.copy_button)
        layout.addWidget(box)

        self.steps = QLabel()
        self.steps.setObjectName("adminInstructions")
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.steps)

        status_row = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setObjectName("consentStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Consent status"))
        status_row.addWidget(self.status_label, 1)
        self.new_button = QPushButton(self.tr("&New passcode"))
        self.new_button.setObjectName("newPasscodeButton")
        self.new_button.setAccessibleName(self.tr("Request a new passcode"))
        self.new_button.clicked.connect(self.request_passcode)
        self.new_button.hide()
        status_row.addWidget(self.new_button)
        layout.addLayout(status_row)

        self.way_label = QLabel()
        self.way_label.setObjectName("consentWayLabel")
        self.way_label.setWordWrap(True)
        self.way_label.setAccessibleName(self.tr("How the key is received"))
        layout.addWidget(self.way_label)
        self.ways = ConsentWayBox()
        self.ways.wayChanged.connect(self._way_changed)
        self.ways.listenRequested.connect(self._listen)
        self.ways.pasteRequested.connect(self._paste)
        layout.addWidget(self.ways)

        self.control_button = QPushButton(self.tr("Open the Sage 50 (sandbox) control page"))
        self.control_button.setObjectName("sandboxControlButton")
        self.control_button.setAccessibleName(self.tr("Open the Sage 50 sandbox control page"))
        self.control_button.setToolTip(
            self.tr("The sandbox plays the Sage 50 installation: grant or deny the passcode there.")
        )
        self.control_button.clicked.connect(self._open_control_page)
        layout.addWidget(self.control_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.copied_timer = QTimer(self)  # "Copied" shows for a moment
        self.copied_timer.setSingleShot(True)
        self.copied_timer.setInterval(2000)
        self.copied_timer.timeout.connect(lambda: self.copy_button.setText(self.tr("&Copy")))

    # --- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        d = self.data
        self.set_valid(d.approved)
        self.control_button.setVisible(d.sandbox)
        app_id = d.extra_application_id or d.application_id
        self.steps.setText(
            self.tr(
                "<p><b>Steps for the Sage 50 administrator</b></p><ol>"
                "<li>Give them the passcode above: copy it, or read it out.</li>"
                "<li>In Sage 50, they open the Sage 50 Cloud connections screen and choose to "
                "add an application with a passcode.</li>"
                "<li>They type the passcode exactly as shown, before it expires.</li>"
                "<li>They check that the application is <b>%1</b> and the domain is <b>%2</b>, "
                "and grant access.</li>"
                "<li>Keep this window open: it notices the answer by itself.</li></ol>"
            )
            .replace("%1", escape(app_id))
            .replace("%2", escape(d.domain))
        )
        if not d.approved:
            self.request_passcode()

    def request_passcode(self) -> None:
        """A new secret and passcode (also after ``denied`` or ``expired``)."""
        frame = self.wizard_frame
        frame.cancel_page_tasks(self)
        self.timer.stop()
        self.new_button.hide()
        self.passcode_label.setText("—")
        self.countdown.setText("")
        self.status_label.setText("")
        try:
            store = frame.credential_store()
        except Exception as exc:  # CredentialStoreUnavailable: say what to install
            message, hint = describe_error(exc)
            self.set_error(PageError(message, hint, retry=self.request_passcode))
            return
        d = self.data
        profiles = frame.runtime.profiles if d.existing_profile else None
        consent = ConsentFlow(
            frame.client(), store, profiles, frame.flow.profile(), poll_interval=frame.poll_interval
        )
        consent.status.connect(self._status_changed)
        consent.approved.connect(self._approved)
        self.consent = consent
        frame.run(
            self,
            "passcode",
            consent.request_passcode,
            on_success=self._passcode_ready,
            busy_text=self.tr("Requesting a passcode…"),
        )

    def _passcode_ready(self, _created: Any) -> None:
        assert self.consent is not None and self.consent.passcode is not None
        self.passcode_label.setText(self.consent.passcode.passcode)
        self.status_label.setText(self.tr("Waiting for the Sage 50 administrator to grant access…"))
        self.copy_button.setEnabled(True)
        self._tick()
        self.timer.start()
        self._way_changed(str(self.ways.way))

    # --- the three ways ------------------------------------------------------------------
    def _way_changed(self, way: str) -> None:
        """Stop the other ways and start (or offer) this one, keeping the passcode."""
        frame = self.wizard_frame
        for name in ("poll", "listen"):
            frame.cancel_task(self, name)
        self.ways.set_listening(False)
        self.show_inline("")
        if way == ConsentWay.POLL:
            self.way_label.setText(self.tr("The key is received by asking the platform (polling)."))
        elif way == ConsentWay.LISTEN:
            self.way_label.setText(
                self.tr(
                    "The key is received by the approval push: "
                    "choose the address and click Start listening."
                )
            )
        else:
            self.way_label.setText(
                self.tr("The key is pasted here, then checked with the platform.")
            )
        if self.consent is None or self.consent.passcode is None or self.data.approved:
            return
        if way == ConsentWay.POLL:
            self._follow()

    def _follow(self) -> None:
        consent = self.consent
        assert consent is not None

        async def poll() -> PasscodeStatus:
            while True:
                status = await consent.poll_once()
                if status.status != PasscodeState.PENDING:
                    return status
                await asyncio.sleep(consent.poll_interval)

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, PollingNotOffered):
                self.ways.set_polling_offered(False)  # offers the other two ways
                self.status_label.setText(
                    self.tr(
                        "This platform does not offer polling for the passcode. Receive the key "
                        "on this computer or paste it."
                    )
                )
                return True
            return False

        self.wizard_frame.run(self, "poll", poll, on_success=self._answered, on_error=failed)

    def _listen(self) -> None:
        consent = self.consent
        if consent is None or consent.passcode is None:
            return
        host, port = self.ways.listen_address()

        async def listen() -> PasscodeStatus:
            listener = ApprovalListener(host, port, consent.check_push)
            await listener.start()
            self.ways.set_listening(True)
            self.way_label.setText(
                self.tr("The key is received by the approval push on %1. Waiting…").replace(
                    "%1", listener.url
                )
            )
            try:
                return await consent.receive(listener)
            finally:
                await listener.aclose()

        def failed(exc: BaseException) -> bool:
            self.ways.set_listening(False)
            if isinstance(exc, ListenFailed):
                message, hint = describe_error(exc)
                self.show_inline(f"{message} {hint}")
                return True
            return False

        self.wizard_frame.run(self, "listen", listen, on_success=self._answered, on_error=failed)

    def _paste(self) -> None:
        consent = self.consent
        if consent is None or consent.passcode is None:
            return
        text = self.ways.pasted_text()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, PastedKeyInvalid | PastedKeyRefused):
                message, hint = describe_error(exc)
                self.show_inline(f"{message} {hint}")
                return True
            return False

        def pasted(status: PasscodeStatus) -> None:
            self.ways.clear_pasted()
            self._answered(status)

        self.show_inline("")
        self.wizard_frame.run(
            self,
            "paste",
            lambda: consent.accept_pasted(text),
            on_success=pasted,
            on_error=failed,
            busy_text=self.tr("Checking the key with the platform…"),
        )

    # --- live status -------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.consent is None:
            return
        left = int(self.consent.seconds_left())
        self.countdown.setText(
            self.tr("Expires in %1").replace("%1", f"{left // 60}:{left % 60:02d}")
        )
        if left <= 0:
            self.timer.stop()

    def _status_changed(self, status: PasscodeStatus, _left: float) -> None:
        if status.status == PasscodeState.PENDING:
            self.status_label.setText(
                self.tr("Waiting for the Sage 50 administrator to grant access…")
            )

    def _approved(self, expiration: datetime | None) -> None:
        self.data.approved = True
        self.data.key_expiration = expiration

    def _answered(self, status: PasscodeStatus) -> None:
        self.timer.stop()
        if status.status == PasscodeState.APPROVED and self.data.approved:
            self.countdown.setText("")
            self.status_label.setText(
                self.tr("✔ Access granted. The API key and the secret are stored.")
            )
            self.set_valid(True)
            self.wizard_frame.next()
            return
        if status.status == PasscodeState.DENIED:
            text = self.tr(
                "✖ The Sage 50 administrator denied access. Check with them, then "
                "request a new passcode."
            )
        elif status.status == PasscodeState.EXPIRED:
            text = self.tr(
                "✖ The passcode expired before anyone granted access. Request a new passcode."
            )
        else:  # approved, but the key did not arrive (it is delivered only once)
            text = self.tr(
                "Access was granted, but the API key did not reach this computer. "
                "Request a new passcode and ask for approval again."
            )
        self.countdown.setText("")
        self.status_label.setText(text)
        self.new_button.show()
        self.new_button.setFocus()

    # --- actions ----------------------------------------------------------------------------
    def _copy(self) -> None:
        code = self.passcode_label.text()
        if self.consent is None or self.consent.passcode is None:
            return
        QGuiApplication.clipboard().setText(code)
        self.copy_button.setText(self.tr("Copied"))
        self.copied_timer.start()

    def _open_control_page(self) -> None:
        self.wizard_frame.open_url(self.data.base_url.rstrip("/") + SANDBOX_CONTROL_PATH)

    def leave(self) -> None:
        self.timer.stop()
        self.copied_timer.stop()
