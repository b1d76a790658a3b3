"""The onboarding wizard frame: owns the flow, the buttons, the tasks and the panels.

Pages publish valid / busy / error (:class:`~.base.StepPage`); this frame alone
enables Next / Back / Finish, shows the wait panel while a page is busy and
the error panel (with Retry) when a step failed. Network calls run as named
tasks of the app's :class:`~sage50_desktop.services.tasks.TaskRegistry` (kind
``setup``, quiet: they show in Activity while they run) and are cancelled when
their page is left or the wizard closes; closing its HTTP clients is a task too.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from sage50_desktop.api.client import Sage50Client
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.api.url_policy import UnsafeUrl, check_browser_url
from sage50_desktop.services.activity import KIND_CLOSE, KIND_SETUP
from sage50_desktop.services.connection import NetworkOptions
from sage50_desktop.services.onboarding_flow import (
    OnboardingData,
    OnboardingFlow,
    Step,
    StepIncomplete,
)
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.credentials import CredentialStore
from sage50_desktop.storage.profiles import Profile, ProfileExists
from sage50_desktop.ui.plain_text import install_plain_tooltips
from sage50_desktop.ui.widgets import open_link
from sage50_desktop.ui.wizard.application_page import ApplicationPage
from sage50_desktop.ui.wizard.base import PageError, StepPage
from sage50_desktop.ui.wizard.consent_page import ConsentPage
from sage50_desktop.ui.wizard.developer_page import DeveloperPage
from sage50_desktop.ui.wizard.done_page import DonePage
from sage50_desktop.ui.wizard.environment_page import EnvironmentPage
from sage50_desktop.ui.wizard.errors import describe_error
from sage50_desktop.ui.wizard.panels import StatusArea

log = logging.getLogger(__name__)

# the wizard talks to a person: fail fast and let them click Retry
WIZARD_RETRY = RetryPolicy(attempts=2, base=0.25, cap=1.0, max_retry_after=5.0)
CONSENT_POLL_INTERVAL = 2.0  # seconds between passcode status reads
_SERIALS = itertools.count(1)  # task names: one prefix per wizard


class SandboxInfo(Protocol):
    """What the wizard needs of the bundled sandbox (e.g. a ``SandboxThread``)."""

    base_url: str
    developer_id: str
    application_id: str
    domain: str


class OnboardingWizard(QWizard):
    """Sets up a connection: where, who, consent, done.

    Args:
        runtime: the app core (profiles, credential stores, settings).
        sandbox_info: the bundled sandbox (base_url, developer_id,
            application_id, domain) to offer with its demo IDs, or None.
        profile: an existing profile: start at the consent step (consent again).
        parent: the parent widget.
        open_url: opens a web page (default: the desktop's browser).
        tasks: the app's task registry (a private one when None, e.g. in tests).

    Signals:
        profileCreated(str): the profile id, on Finish (the profile is stored).
    """

    profileCreated = Signal(str)

    def __init__(
        self,
        runtime: Runtime,
        *,
        sandbox_info: SandboxInfo | None = None,
        profile: Profile | None = None,
        parent: QWidget | None = None,
        open_url: Callable[[str], object] | None = None,
        tasks: TaskRegistry | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onboardingWizard")
        install_plain_tooltips()  # platform text in tooltips is never rendered
        self.runtime = runtime
        self.sandbox_info = sandbox_info
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.tasks = tasks if tasks is not None else TaskRegistry()
        self._task_prefix = f"setup:{next(_SERIALS)}"
        self._tasks: dict[tuple[int, str], asyncio.Task[Any]] = {}
        self._clients: dict[tuple[str, bool], Sage50Client] = {}
        self._closing: list[asyncio.Task[Any]] = []
        self._saved = False
        self.poll_interval = CONSENT_POLL_INTERVAL
        if profile is not None:
            self.flow = OnboardingFlow(OnboardingData.from_profile(profile), start=Step.CONSENT)
        else:
            data = OnboardingData()
            if sandbox_info is not None:
                data = OnboardingData(
                    base_url=sandbox_info.base_url,
                    sandbox=True,
                    developer_id=sandbox_info.developer_id,
                    application_id=sandbox_info.application_id,
                    domain=sandbox_info.domain,
                )
            self.flow = OnboardingFlow(
                data, name_taken=lambda name: runtime.profiles.find(name) is not None
            )

        self.setWindowTitle(self.tr("Set up a connection"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Open the app"))
        self.setMinimumSize(780, 660)

        self.pages: dict[Step, StepPage] = {}
        self._ids: dict[Step, int] = {}
        self._steps: dict[int, Step] = {}
        for page_id, (step, cls) in enumerate(
            (
                (Step.ENVIRONMENT, EnvironmentPage),
                (Step.DEVELOPER, DeveloperPage),
                (Step.APPLICATION, ApplicationPage),
                (Step.CONSENT, ConsentPage),
                (Step.DONE, DonePage),
            )
        ):
            page = cls(self)
            page.step = step
            self.setPage(page_id, page)
            self.pages[step] = page
            self._ids[step], self._steps[page_id] = page_id, step
            page.stateChanged.connect(self._sync_state)
        self.setStartId(self._ids[self.flow.start])
        self.status = StatusArea(self)
        self.status.hide()
        self.status.wait.stopRequested.connect(self._stop_waiting)
        self.status.error.retryRequested.connect(self._retry)
        self.currentIdChanged.connect(self._page_shown)

    # --- what pages use -----------------------------------------------------------------
    def page_for(self, step: Step) -> StepPage:
        return self.pages[step]

    def current_step(self) -> Step | None:
        return self._steps.get(self.currentId())

    def client(self) -> Sage50Client:
        """The API client of the base URL chosen so far (no key operations)."""
        data = self.flow.data
        key = (data.base_url.strip(), data.allow_insecure_http)
        client = self._clients.get(key)
        if client is None:
            options = self.network_options()
            client = Sage50Client(
                key[0],
                retry=options.retry,
                verify=options.ca_bundle or True,
                proxy=options.proxy,
                allow_insecure_http=key[1],
            )
            self._clients[key] = client
        return client

    def network_options(self) -> NetworkOptions:
        return replace(self.runtime.network_options(), retry=WIZARD_RETRY)

    def credential_store(self) -> CredentialStore:
        """Where this profile's key and secret go (may raise CredentialStoreUnavailable)."""
        return self.runtime.credentials_for(self.flow.profile())

    def open_url(self, url: str) -> bool:
        """Open ``url`` in the browser: https, or http on this computer only (else ignored).

        When no browser starts, the address is shown with Copy.
        """
        try:
            safe = check_browser_url(url)
        except UnsafeUrl:
            log.warning("not opening a web page address that is not https")
            return False
        if self._open_url(safe) is False:
            open_link.report_failure(safe, self)
            return False
        return True

    def run(
        self,
        page: StepPage,
        name: str,
        factory: Callable[[], Awaitable[Any]],
        *,
        on_success: Callable[[Any], None],
        busy_text: str | None = None,
        on_error: Callable[[BaseException], bool] | None = None,
    ) -> None:
        """Run ``factory()`` as the task ``name`` of ``page``.

        While it runs the page is busy (if ``busy_text``); a failure becomes the page's
        error with a Retry that runs it again, unless ``on_error`` returns True.
        """
        key = (id(page), name)
        self._cancel(key)
        page.set_error(None)

        async def runner() -> None:
            if busy_text:
                page.set_busy(busy_text)
            failure: BaseException | None = None
            result: Any = None
            try:
                result = await factory()
            except Exception as exc:  # every failure ends in one report to the user
                failure = exc
                log.info("wizard step %s/%s failed: %s", page.step, name, type(exc).__name__)
            finally:
                if busy_text:
                    page.set_busy(None)
            if failure is None:
                on_success(result)
                return
            if on_error is not None and on_error(failure):
                return
            message, hint = describe_error(failure)
            page.set_error(
                PageError(
                    message,
                    hint,
                    retry=lambda: self.run(
                        page,
                        name,
                        factory,
                        on_success=on_success,
                        busy_text=busy_text,
                        on_error=on_error,
                    ),
                )
            )

        try:
            info = self.tasks.start(
                f"{self._task_prefix}:{page.step}:{name}",
                runner(),
                kind=KIND_SETUP,
                subject=self.flow.data.profile_name or self.flow.data.base_url,
                quiet=True,  # its failure is shown on the page, with Retry
                if_running="replace",
            )
        except RuntimeError:  # no running loop, or the app is shutting down
            return
        assert info.task is not None
        task = info.task
        self._tasks[key] = task
        task.add_done_callback(
            lambda t: self._tasks.pop(key, None) if self._tasks.get(key) is t else None
        )

    def running(self, page: StepPage, name: str) -> bool:
        return (id(page), name) in self._tasks

    def cancel_task(self, page: StepPage, name: str) -> None:
        """Cancel the task ``name`` of ``page`` if it runs."""
        self._cancel((id(page), name))

    def cancel_page_tasks(self, page: StepPage) -> None:
        for key in [k for k in self._tasks if k[0] == id(page)]:
            self._cancel(key)

    def _cancel(self, key: tuple[int, str]) -> None:
        task = self._tasks.pop(key, None)
        if task is not None and not task.done():
            task.cancel()

    # --- the frame's own state ------------------------------------------------------------
    def _page_shown(self, _page_id: int) -> None:
        page = self.currentPage()
        if isinstance(page, StepPage):
            page.status_slot.addWidget(self.status)
            self._sync_state()

    def _sync_state(self) -> None:
        page = self.currentPage()
        if not isinstance(page, StepPage):
            return
        if (
            self.sender() is not None
            and self.sender() is not page
            and isinstance(self.sender(), StepPage)
        ):
            return  # a page that is not shown: its state shows when it is
        if page.busy:
            self.status.wait.show_text(page.busy)
        else:
            self.status.wait.hide()
        if page.error is not None and not page.busy:
            self.status.error.show_error(
                page.error.message, page.error.hint, page.error.retry is not None
            )
        else:
            self.status.error.hide()
        self.status.setVisible(bool(page.busy) or page.error is not None)
        back = self.button(QWizard.WizardButton.BackButton)
        back.setEnabled(self.flow.can_go_back())
        cancel = self.button(QWizard.WizardButton.CancelButton)
        cancel.setEnabled(True)

    def _stop_waiting(self) -> None:
        page = self.currentPage()
        if isinstance(page, StepPage):
            self.cancel_page_tasks(page)
            page.set_busy(None)

    def _retry(self) -> None:
        page = self.currentPage()
        if isinstance(page, StepPage) and page.error is not None and page.error.retry:
            retry = page.error.retry
            page.set_error(None)
            retry()

    # --- QWizard -----------------------------------------------------------------------
    def nextId(self) -> int:  # Qt override
        step = self._steps.get(self.currentId())
        if step is None:
            return -1
        nxt = self.flow.next_step(step)
        return -1 if nxt is None else self._ids[nxt]

    def initializePage(self, page_id: int) -> None:  # Qt override
        step = self._steps[page_id]
        if step is not self.flow.current:
            moved = self.flow.go_forward()
            assert moved is step, (moved, step)
        super().initializePage(page_id)

    def cleanupPage(self, page_id: int) -> None:  # Qt override
        page = self.page(page_id)
        if isinstance(page, StepPage):
            self.cancel_page_tasks(page)
        if self._steps[page_id] is self.flow.current and self.flow.can_go_back():
            self.flow.go_back()
        super().cleanupPage(page_id)

    def validateCurrentPage(self) -> bool:  # Qt override
        page = self.currentPage()
        if not isinstance(page, StepPage) or page.busy:
            return False
        if page.take_checked():
            return self._accept_step(page)
        page.show_inline("")
        if not page.store():
            return False
        check = page.check_before_next()
        if check is None:
            return self._accept_step(page)
        busy_text, factory = check

        def passed(result: Any) -> None:
            page.check_passed(result)
            page.mark_checked()
            if self.currentPage() is page:
                self.next()

        self.run(page, "check", factory, on_success=passed, busy_text=busy_text)
        return False

    def _accept_step(self, page: StepPage) -> bool:
        try:
            self.flow.accept(page.step)
        except StepIncomplete as exc:
            page.show_inline(page.describe_incomplete(exc))
            return False
        if page.step is Step.DONE:
            return self._save()
        return True

    def _save(self) -> bool:
        """Finish: store the profile (credentials were stored on approval)."""
        if self._saved:
            return True
        profile = self.flow.profile()
        try:
            if self.flow.data.existing_profile:
                stored = self.runtime.profiles.get(profile.id)
                self.runtime.profiles.save(
                    replace(stored, key_expiration=profile.key_expiration, consent_needed=False)
                )
            else:
                self.runtime.profiles.add(profile)
        except ProfileExists:
            page = self.pages[Step.DONE]
            page.set_error(
                PageError(
                    self.tr("A connection with this name exists already."),
                    self.tr("Cancel and start again with another name."),
                )
            )
            return False
        self._saved = True
        log.info("onboarding done: connection %s stored", profile.name)
        return True

    def accept(self) -> None:
        super().accept()
        if self._saved:
            self.profileCreated.emit(self.flow.data.profile_id)

    def done(self, result: int) -> None:
        # QWizard validates the last page in done(); do it first so a refused Finish
        # leaves everything (tasks, clients, credentials) in place
        accepted = result == QDialog.DialogCode.Accepted.value
        if accepted and not self._saved and not self.validateCurrentPage():
            return
        for page in self.pages.values():
            page.leave()
        for key in list(self._tasks):
            self._cancel(key)
        if not self._saved:
            self._forget_unsaved_credentials()
        clients, self._clients = list(self._clients.values()), {}
        if clients:
            self._close_clients(clients)
        super().done(result)

    def _close_clients(self, clients: list[Sage50Client]) -> None:
        async def close() -> None:
            await asyncio.gather(*(c.aclose() for c in clients))

        try:
            asyncio.get_running_loop()
        except RuntimeError:  # closing at exit: the sockets go with the process
            return
        info = self.tasks.start(
            f"{self._task_prefix}:close:{next(_SERIALS)}",
            close(),
            kind=KIND_CLOSE,
            quiet=True,
            cleanup=True,  # also while the app shuts down: the sockets close
        )
        assert info.task is not None
        self._closing.append(info.task)

    async def wait_closed(self) -> None:
        """Await the HTTP clients closing after the wizard was closed."""
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)

    def _forget_unsaved_credentials(self) -> None:
        """Cancel after approval: the key was stored for a profile that never got saved."""
        data = self.flow.data
        if not data.approved or data.existing_profile:
            return
        try:
            self.credential_store().delete(data.profile_id)
            log.info("onboarding cancelled after consent: stored credentials removed")
        except Exception as exc:  # the store may have gone away; nothing else to do
            log.warning(
                "could not remove the credentials of a cancelled onboarding: %s", type(exc).__name__
            )
