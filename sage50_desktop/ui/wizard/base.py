"""The base of every wizard page: it publishes valid / busy / error, nothing more.

A page never enables a button or shows a wait or error panel itself; the
wizard frame (:mod:`.wizard`) reads the published state and does that.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from sage50_desktop.services.onboarding_flow import OnboardingData, Step, StepIncomplete

if TYPE_CHECKING:
    from sage50_desktop.ui.wizard.wizard import OnboardingWizard

CheckFactory = Callable[[], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class PageError:
    """A failure to show: what happened, what to do, and how to try again."""

    message: str
    hint: str = ""
    retry: Callable[[], None] | None = None


class StepPage(QWizardPage):
    """A page of the onboarding wizard bound to one flow step.

    Subclasses build their widgets in ``build(layout)``, load
    ``self.data`` in ``load()``, write it back in ``store()`` (returning False
    with an inline message when input is wrong) and may return an async check
    from ``check_before_next()`` that must pass before Next.

    Signals:
        stateChanged(): valid, busy or error changed.
    """

    stateChanged = Signal()
    step: Step

    def __init__(self, wizard: OnboardingWizard) -> None:
        super().__init__()
        self.wizard_frame = wizard
        self._valid = True
        self._busy: str | None = None
        self._error: PageError | None = None
        self._checked = False
        outer = QVBoxLayout(self)
        self.body = QWidget(self)
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body, 1)
        self.inline_error = QLabel(self)
        self.inline_error.setTextFormat(Qt.TextFormat.PlainText)
        self.inline_error.setObjectName("inlineError")
        self.inline_error.setWordWrap(True)
        self.inline_error.setStyleSheet("color: #b00020;")
        self.inline_error.hide()
        outer.addWidget(self.inline_error)
        # the frame puts its wait / error panel here while this page is shown
        self.status_slot = QVBoxLayout()
        outer.addLayout(self.status_slot)
        self.build(body_layout)

    # --- for subclasses ---------------------------------------------------------------
    def build(self, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def load(self) -> None:
        """Fill the widgets from ``self.data`` (called each time the page is shown)."""

    def store(self) -> bool:
        """Write the widgets into ``self.data``; False (with ``show_inline``) when wrong."""
        return True

    def check_before_next(self) -> tuple[str, CheckFactory] | None:
        """An async check (wait text, coroutine factory) that must pass before Next."""
        return None

    def check_passed(self, _result: Any) -> None:
        """The async check succeeded (before the wizard moves on)."""

    def leave(self) -> None:
        """The page is left (Back, or the wizard closes): stop timers."""

    def describe_incomplete(self, exc: StepIncomplete) -> str:
        """The flow refused to leave this step: say what is missing, in the UI language."""
        texts = {
            "profile_name": self.tr("Enter a connection name that is not in use yet."),
            "base_url": self.tr("Enter a valid server address."),
            "developer_id": self.tr("Enter the developer ID."),
            "application_id": self.tr("Enter the application ID."),
            "domain": self.tr("Enter the domain."),
            "extra_application_id": self.tr("Register the application first."),
            "approved": self.tr("Wait until the Sage 50 administrator grants access."),
        }
        return texts.get(exc.field, str(exc))

    # --- shared state -------------------------------------------------------------------
    @property
    def data(self) -> OnboardingData:
        return self.wizard_frame.flow.data

    @property
    def valid(self) -> bool:
        return self._valid

    @property
    def busy(self) -> str | None:
        return self._busy

    @property
    def error(self) -> PageError | None:
        return self._error

    def set_valid(self, valid: bool) -> None:
        if valid != self._valid:
            self._valid = valid
            self._changed()

    def set_busy(self, text: str | None) -> None:
        if text != self._busy:
            self._busy = text
            self._changed()

    def set_error(self, error: PageError | None) -> None:
        self._error = error
        self._changed()

    def show_inline(self, text: str = "") -> None:
        self.inline_error.setText(text)
        self.inline_error.setVisible(bool(text))

    def _changed(self) -> None:
        self.completeChanged.emit()
        self.stateChanged.emit()

    # the async check before Next: passed once, consumed by the next validation
    def mark_checked(self) -> None:
        self._checked = True

    def take_checked(self) -> bool:
        checked, self._checked = self._checked, False
        return checked

    # --- QWizardPage ------------------------------------------------------------------
    def isComplete(self) -> bool:  # Qt override
        return self._valid and self._busy is None

    def initializePage(self) -> None:  # Qt override
        self._checked = False
        self.show_inline("")
        self.set_error(None)
        self.load()

    def cleanupPage(self) -> None:  # Qt override
        self.leave()
        self._busy = None
        self._error = None
        self.show_inline("")
        self._changed()
