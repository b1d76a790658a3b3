"""The one place the shell opens the onboarding wizard (``sage50_desktop.ui.wizard``).

``OnboardingWizard(runtime, sandbox_info=None, profile=None, parent=None, tasks=None)`` is
a QWizard (objectName ``onboardingWizard``) that emits ``profileCreated(str)``;
with ``profile`` it starts at the consent step (consent again). When the
wizard is missing from the build, the user gets a clear message instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.profiles import Profile

log = logging.getLogger(__name__)


def wizard_class() -> type | None:
    """The wizard's class, or None when this build has none."""
    try:
        from sage50_desktop.ui.wizard import OnboardingWizard  # type: ignore[attr-defined]
    except ImportError:
        try:
            from sage50_desktop.ui.wizard.wizard import OnboardingWizard
        except ImportError as exc:
            log.warning("the onboarding wizard is not available: %s", exc)
            return None
    return OnboardingWizard  # type: ignore[no-any-return]


def open_wizard(
    runtime: Runtime,
    parent: QWidget | None,
    *,
    profile: Profile | None = None,
    sandbox_info: Any = None,
    tasks: TaskRegistry | None = None,
    on_profile: Callable[[str], None] | None = None,
    on_finished: Callable[[bool], None] | None = None,
) -> QWidget | None:
    """Open the wizard window-modally (not blocking the event loop).

    Args:
        runtime: the app core the wizard stores the new profile in.
        parent: the main window.
        profile: consent again for this profile (starts at the consent step).
        sandbox_info: the running bundled sandbox (offered as "where"), or None.
        tasks: the app's task registry: the wizard's checks run through it.
        on_profile: called with the id of the profile the wizard created or re-consented.
        on_finished: called with True when the wizard was accepted.
    Returns:
        the wizard, or None when it is missing (the user was told).
    """
    cls = wizard_class()
    if cls is None:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("WizardLauncher", "Connection assistant"),
            QCoreApplication.translate(
                "WizardLauncher",
                "The connection assistant is not part of this build, so connections "
                "cannot be added or consented here. Use the command line "
                "(sage50 register / sage50 consent), or start the demo with "
                "sage50-desktop --sandbox.",
            ),
        )
        return None
    wizard = cls(runtime, sandbox_info=sandbox_info, profile=profile, parent=parent, tasks=tasks)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_profile is not None and hasattr(wizard, "profileCreated"):
        wizard.profileCreated.connect(on_profile)
    if on_finished is not None:
        wizard.finished.connect(lambda result: on_finished(bool(result)))
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.show()
    center_over(wizard, parent)
    return wizard


def center_over(widget: QWidget, parent: QWidget | None) -> None:
    """Put ``widget`` in the middle of ``parent`` (or of the screen), fully on that screen."""
    frame = widget.frameGeometry()
    anchor = parent.window().frameGeometry() if parent is not None and parent.isVisible() else None
    screen = parent.screen() if parent is not None else widget.screen()
    area = screen.availableGeometry() if screen is not None else None
    frame.moveCenter(
        anchor.center()
        if anchor is not None
        else area.center()
        if area is not None
        else frame.center()
    )
    if area is not None:  # keep it on the screen
        frame.moveLeft(max(area.left(), min(frame.left(), area.right() - frame.width())))
        frame.moveTop(max(area.top(), min(frame.top(), area.bottom() - frame.height())))
    widget.move(frame.topLeft())
