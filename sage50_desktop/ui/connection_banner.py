"""The banner over a test connection's pages (objectName ``sandboxBanner``).

Three cases, one bar:

* the bundled sandbox's connection while that sandbox runs (``--sandbox``, or
  started from the banner): the TEST accent, where it runs, nothing reaches a
  real Sage 50;
* the sandbox's connection while no sandbox runs: a warning that says so and how
  to start it, with a **Start the sandbox** button when the app can start its
  in-app sandbox (instead of a TEST banner pointing at a dead port);
* a custom-URL connection the user marked as a test connection: the TEST accent
  and its address.

Production connections have no banner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from sage50_desktop.storage.profiles import Profile
from sage50_desktop.ui import icons
from sage50_desktop.ui.plain_text import escape
from sage50_desktop.ui.widgets.infobar import InfoBar

#: what the banner shows
HIDDEN, SANDBOX, SANDBOX_DOWN, MARKED_TEST = "hidden", "sandbox", "sandbox-down", "marked-test"


def sandbox_down_hint() -> str:
    """How to start the sandbox, in words (the pages' empty state says it too)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "ConnectionBanner",
        "Start it with “Start the sandbox”, or quit and start the app with --sandbox "
        "(sage50-desktop --sandbox).",
    )


class ConnectionBanner(InfoBar):
    """The test/sandbox banner; :meth:`show_for` decides what it says.

    Args:
        start_sandbox: starts the in-app sandbox (None: the app cannot; no button).
    """

    def __init__(
        self, start_sandbox: Callable[[], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("test", "sandboxBanner", parent)
        self.start_sandbox = start_sandbox
        self.mode = HIDDEN
        self.starting = False  # the sandbox is being started (the button waits)
        self.set_icon(icons.icon("sandbox"))
        self.actionTriggered.connect(self._start)
        self.hide()

    def show_for(self, profile: Profile | None, sandbox_running: bool) -> None:
        if profile is None or not profile.is_test:
            self.mode = HIDDEN
            self.hide()
            return
        if profile.sandbox and sandbox_running:
            self.mode = SANDBOX
            self.set_kind("test")
            self.set_rich_text(
                self.tr(
                    "<b>Test connection</b> to the bundled sandbox at %1. Nothing done here "
                    "reaches a real Sage 50. Sandbox credentials are kept in memory only and "
                    "renewed at every start."
                ).replace("%1", escape(profile.base_url))
            )
            self.set_action(None)
        elif profile.sandbox:
            self.mode = SANDBOX_DOWN
            self.set_kind("warning")
            self.set_rich_text(
                self.tr(
                    "<b>The sandbox is not running.</b> This demo connection works only while "
                    "the bundled sandbox runs."
                )
                + " "
                + escape(sandbox_down_hint())
            )
            if self.start_sandbox is not None:
                self.set_action(
                    self.tr("Starting the sandbox…")
                    if self.starting
                    else self.tr("Start the sandbox")
                )
                self.action_button.setEnabled(not self.starting)
            else:
                self.set_action(None)
        else:
            self.mode = MARKED_TEST
            self.set_kind("test")
            self.set_rich_text(
                self.tr(
                    "<b>Test connection</b> at %1 (marked as a test connection on its overview). "
                    "Check that it is not a company's real Sage 50 before sending data."
                ).replace("%1", escape(profile.base_url))
            )
            self.set_action(None)
        self.show()

    def _start(self) -> None:
        if self.mode == SANDBOX_DOWN and self.start_sandbox is not None and not self.starting:
            self.start_sandbox()
