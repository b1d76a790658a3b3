"""The onboarding wizard's flow as a Qt-free state machine with a back stack.

Steps: environment → developer → (extra application) → consent → done. The
wizard's pages fill :class:`OnboardingData`; the flow decides what comes next
(:meth:`OnboardingFlow.next_step`, pure), checks a step's data before leaving
it (accept hooks) and restores the data of a step when the user goes back.
Nothing here saves anything: the caller turns :meth:`OnboardingFlow.profile`
into a stored profile on Finish.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sage50_desktop.api.client import Sage50Client, check_base_url
from sage50_desktop.api.contract import ECOMMERCE, MIN_SECRET_LENGTH
from sage50_desktop.api.errors import (
    ApplicationNotFound,
    DeveloperNotFound,
    InvalidRequest,
    PasscodeNotFound,
    PollingNotOffered,
    Sage50Error,
    SecretMismatch,
    UnexpectedResponse,
    WeakSecret,
)
from sage50_desktop.services.onboarding import PROBE_PASSCODE
from sage50_desktop.storage.profiles import Profile


class Step(StrEnum):
    ENVIRONMENT = "environment"
    DEVELOPER = "developer"
    APPLICATION = "application"
    CONSENT = "consent"
    DONE = "done"


class StepIncomplete(ValueError):
    """A step's data is missing or wrong; ``field`` names what to fix."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass
class OnboardingData:
    """Everything the wizard collects. Holds no secret."""

    profile_name: str = ""
    base_url: str = ""
    sandbox: bool = False
    allow_insecure_http: bool = False
    developer_id: str = ""
    application_id: str = ""
    domain: str = ECOMMERCE
    register_extra_application: bool = False
    extra_application_id: str = ""
    # the id the credentials are stored under; the profile row gets it on Finish
    profile_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    existing_profile: bool = False  # re-consent of a stored profile
    test_connection: bool = False  # a custom-URL connection marked as a test one
    approved: bool = False
    key_expiration: datetime | None = None
    scopes: tuple[str, ...] = ()

    @classmethod
    def from_profile(cls, profile: Profile) -> OnboardingData:
        """The data of a stored profile (to grant consent again)."""
        return cls(
            profile_name=profile.name,
            base_url=profile.base_url,
            sandbox=profile.sandbox,
            allow_insecure_http=profile.allow_insecure_http,
            developer_id=profile.developer_id,
            application_id=profile.application_id,
            domain=profile.domain,
            profile_id=profile.id,
            existing_profile=True,
            test_connection=profile.test_connection,
        )


def _check_environment(data: OnboardingData, name_taken: Callable[[str], bool]) -> None:
    if not data.profile_name.strip():
        raise StepIncomplete("a connection name is needed", "profile_name")
    if name_taken(data.profile_name.strip()):
        raise StepIncomplete("a connection with this name exists already", "profile_name")
    if not data.base_url.strip():
        raise StepIncomplete("a server address is needed", "base_url")
    try:
        check_base_url(data.base_url.strip(), data.allow_insecure_http)
    except Sage50Error as exc:
        raise StepIncomplete(str(exc), "base_url") from None


def _check_developer(data: OnboardingData) -> None:
    if not data.developer_id.strip():
        raise StepIncomplete("the developer ID is needed", "developer_id")
    if not data.application_id.strip():
        raise StepIncomplete("the application ID is needed", "application_id")
    if not data.domain.strip():
        raise StepIncomplete("the domain is needed", "domain")


def _check_application(data: OnboardingData) -> None:
    if not data.extra_application_id:
        raise StepIncomplete("register the application first", "extra_application_id")


def _check_consent(data: OnboardingData) -> None:
    if not data.approved:
        raise StepIncomplete("consent has not been granted yet", "approved")


class OnboardingFlow:
    """Where the wizard is, where it goes next, and how to go back.

    Args:
        data: the data to start from (e.g. prefilled from a sandbox).
        start: the first step (``CONSENT`` to re-consent an existing profile).
        name_taken: tells whether a connection name is in use already.
    """

    def __init__(
        self,
        data: OnboardingData | None = None,
        *,
        start: Step = Step.ENVIRONMENT,
        name_taken: Callable[[str], bool] = lambda _name: False,
    ) -> None:
        self.data = data or OnboardingData()
        self.start = start
        self.current = start
        self._stack: list[tuple[Step, OnboardingData]] = []
        self._accept_hooks: dict[Step, Callable[[OnboardingData], None]] = {
            Step.ENVIRONMENT: lambda d: _check_environment(d, name_taken),
            Step.DEVELOPER: _check_developer,
            Step.APPLICATION: _check_application,
            Step.CONSENT: _check_consent,
        }

    # --- pure questions --------------------------------------------------------------
    def next_step(
        self, step: Step | None = None, data: OnboardingData | None = None
    ) -> Step | None:
        """The step after ``step`` (default: the current one) for ``data``; None at the end."""
        step = self.current if step is None else step
        data = self.data if data is None else data
        if step is Step.ENVIRONMENT:
            return Step.DEVELOPER
        if step is Step.DEVELOPER:
            return Step.APPLICATION if data.register_extra_application else Step.CONSENT
        if step is Step.APPLICATION:
            return Step.CONSENT
        if step is Step.CONSENT:
            return Step.DONE
        return None

    def is_last(self, step: Step | None = None) -> bool:
        return self.next_step(step) is None

    def can_finish(self) -> bool:
        return self.current is Step.DONE and self.data.approved

    def can_go_back(self) -> bool:
        """Back is possible until consent is granted: the key is delivered only once."""
        return bool(self._stack) and not self.data.approved

    @property
    def history(self) -> list[Step]:
        return [step for step, _data in self._stack]

    # --- moves -------------------------------------------------------------------------
    def accept(self, step: Step | None = None) -> None:
        """Run the accept hook of ``step``: raises :class:`StepIncomplete` when it is not done."""
        hook = self._accept_hooks.get(self.current if step is None else step)
        if hook is not None:
            hook(self.data)

    def go_forward(self) -> Step:
        """Accept the current step, remember it with its data, and move to the next one."""
        nxt = self.next_step()
        if nxt is None:
            raise RuntimeError("the last step has no next step")
        self.accept()
        self._stack.append((self.current, copy.deepcopy(self.data)))
        self.current = nxt
        return nxt

    def go_back(self) -> Step:
        """Return to the previous step with the data it had when it was left."""
        if not self._stack:
            raise RuntimeError("no step to go back to")
        if self.data.approved:
            raise RuntimeError("consent was granted; going back would lose the key")
        self.current, self.data = self._stack.pop()
        return self.current

    # --- result --------------------------------------------------------------------------
    def profile(self) -> Profile:
        """The connection profile the collected data describes (not stored)."""
        d = self.data
        return Profile(
            name=d.profile_name.strip(),
            base_url=d.base_url.strip().rstrip("/"),
            developer_id=d.developer_id.strip(),
            application_id=(d.extra_application_id or d.application_id).strip(),
            domain=d.domain.strip(),
            id=d.profile_id,
            key_expiration=d.key_expiration,
            sandbox=d.sandbox,
            allow_insecure_http=d.allow_insecure_http,
            test_connection=d.test_connection and not d.sandbox,
        )


PROBE_DEVELOPER = "sage50-desktop-reachability-probe"


async def check_server(client: Sage50Client) -> None:
    """The environment step's reachability check: does a contract-v2 API answer here?

    Reads the status of a passcode of a developer that does not exist (no side
    effects). Any answer carrying a contract error code proves the API is there;
    transport failures, 5xx and answers without a code (a web page, another
    service) raise. A platform without polling (2.2) is asked for a passcode of
    that developer instead (2.1; ``developerNotFound``, nothing is created).
    """
    try:
        await client.get_passcode_status(
            PROBE_DEVELOPER, "probe", PROBE_PASSCODE, "x" * MIN_SECRET_LENGTH
        )
    except (
        DeveloperNotFound,
        ApplicationNotFound,
        PasscodeNotFound,
        SecretMismatch,
        InvalidRequest,
    ):
        return
    except PollingNotOffered:
        try:
            await client.create_passcode(PROBE_DEVELOPER, "probe", "x" * MIN_SECRET_LENGTH)
        except (DeveloperNotFound, ApplicationNotFound, InvalidRequest, WeakSecret):
            return
        except UnexpectedResponse:
            raise UnexpectedResponse("no Sage 50 Cloud API answers at this address") from None
        return
    except UnexpectedResponse:
        raise UnexpectedResponse("no Sage 50 Cloud API answers at this address") from None
