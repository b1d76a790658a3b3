"""Exit codes of ``sage50`` and the mapping from exceptions to them.

Scripts rely on these numbers; they never change meaning:

====  =====================================================================
0     success
1     anything else (network, server, local storage, unexpected errors)
2     usage: bad options, unknown profile, missing input file
3     consent needed or revoked (no key stored, key refused, passcode denied)
4     local validation failed: nothing was sent
5     the platform rejected the upload (``badRequest``, ``failed``, ``expired``)
====  =====================================================================
"""

from __future__ import annotations

from sage50_desktop.api import contract
from sage50_desktop.api.client import InvalidBaseUrl
from sage50_desktop.api.errors import (
    ApikeyRejected,
    ConsentRevoked,
    CredentialsMissing,
    DomainNotGranted,
    InsecureTransport,
    PollingNotOffered,
    ScopeNotUploadable,
)
from sage50_desktop.storage.profiles import ProfileExists, ProfileNotFound

OK = 0
ERROR = 1
USAGE = 2
CONSENT = 3
INVALID = 4
REJECTED = 5
INTERRUPTED = 130  # Ctrl+C, as shells report SIGINT
TERMINATED = 143  # SIGTERM (e.g. a scheduler stopping the command), as shells report it

#: platform statuses that end an upload without importing it all
REJECTED_STATUSES = frozenset(
    {contract.UploadStatus.BAD_REQUEST, contract.UploadStatus.FAILED, contract.UploadStatus.EXPIRED}
)


class CliError(Exception):
    """An error of the command line itself, with its exit code and a hint."""

    exit_code = ERROR
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class UsageError(CliError):
    """The command was called wrongly (argparse cannot see it: unknown profile, missing file…)."""

    exit_code = USAGE


class ConsentNotObtained(CliError):
    """The passcode was denied, expired or not answered in time."""

    exit_code = CONSENT
    hint = "Consent was not granted. Run 'sage50 consent' again and ask the Sage 50 administrator to approve the new passcode."


def _consent_classes() -> tuple[type[BaseException], ...]:
    from sage50_desktop.services.consent_delivery import PastedKeyRefused

    return (
        ConsentRevoked,
        CredentialsMissing,
        ApikeyRejected,
        DomainNotGranted,
        ConsentNotObtained,
        PollingNotOffered,
        PastedKeyRefused,
    )


def _usage_classes() -> tuple[type[BaseException], ...]:
    from sage50_desktop.services.consent_delivery import ListenAddressInvalid, PastedKeyInvalid

    return (
        ProfileNotFound,
        ProfileExists,
        InvalidBaseUrl,
        InsecureTransport,
        ListenAddressInvalid,
        PastedKeyInvalid,
    )


def _invalid_classes() -> tuple[type[BaseException], ...]:
    from sage50_desktop.services.validation import ValidationFailed

    return (ValidationFailed, ScopeNotUploadable)


def _rejected_classes() -> tuple[type[BaseException], ...]:
    from sage50_desktop.services.uploads import UploadLinkExpired

    return (UploadLinkExpired,)


def exit_code_for(exc: BaseException) -> int:
    """The exit code for an exception that ended a command."""
    if isinstance(exc, CliError):
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return INTERRUPTED
    if isinstance(exc, _usage_classes()):
        return USAGE
    if isinstance(exc, _consent_classes()):
        return CONSENT
    if isinstance(exc, _invalid_classes()):
        return INVALID
    if isinstance(exc, _rejected_classes()):
        return REJECTED
    return ERROR


def exit_code_for_status(status: str | None) -> int:
    """Exit code of a command that reports an upload with this platform status."""
    return REJECTED if status in REJECTED_STATUSES else OK
