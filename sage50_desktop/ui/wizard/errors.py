"""What to tell the user about a failure: a translated message and what to do.

The API layer's hints are English; the wizard translates by error class
(``type(exc).__name__``) and falls back to the class's ``hint``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from sage50_desktop.api.errors import Sage50Error


def _messages() -> dict[str, tuple[str, str]]:
    # (what happened, what to do), by class name; most specific names first in lookup order
    return {
        "ServerUnreachable": (
            QCoreApplication.translate("WizardErrors", "The server does not answer."),
            QCoreApplication.translate(
                "WizardErrors",
                "Check the address and the network (or start the sandbox), then click Retry.",
            ),
        ),
        "RequestTimeout": (
            QCoreApplication.translate("WizardErrors", "The server took too long to answer."),
            QCoreApplication.translate("WizardErrors", "Wait a moment, then click Retry."),
        ),
        "TransportError": (
            QCoreApplication.translate("WizardErrors", "The connection to the server failed."),
            QCoreApplication.translate(
                "WizardErrors",
                "Check the network connection and the server address, then click Retry.",
            ),
        ),
        "InsecureTransport": (
            QCoreApplication.translate(
                "WizardErrors", "Plain http:// is only allowed for this computer."
            ),
            QCoreApplication.translate("WizardErrors", "Use an https:// address."),
        ),
        "InvalidBaseUrl": (
            QCoreApplication.translate("WizardErrors", "This is not a server address."),
            QCoreApplication.translate(
                "WizardErrors", "Enter the full address, for example https://api.example.com."
            ),
        ),
        "UnexpectedResponse": (
            QCoreApplication.translate("WizardErrors", "The server answered something unexpected."),
            QCoreApplication.translate(
                "WizardErrors", "Check that the address points at the Sage 50 Cloud API."
            ),
        ),
        "TransientApiError": (
            QCoreApplication.translate("WizardErrors", "The server is busy or having trouble."),
            QCoreApplication.translate("WizardErrors", "Wait a minute, then click Retry."),
        ),
        "InvalidRequest": (
            QCoreApplication.translate("WizardErrors", "The server refused what was entered."),
            QCoreApplication.translate("WizardErrors", "Check the fields and try again."),
        ),
        "DeveloperNotFound": (
            QCoreApplication.translate("WizardErrors", "The developer ID is unknown."),
            QCoreApplication.translate(
                "WizardErrors", "Copy it again from the registration e-mail."
            ),
        ),
        "ApplicationNotFound": (
            QCoreApplication.translate("WizardErrors", "The application ID is unknown."),
            QCoreApplication.translate(
                "WizardErrors", "Copy it again from the registration e-mail."
            ),
        ),
        "PasscodeNotFound": (
            QCoreApplication.translate("WizardErrors", "The platform does not know this passcode."),
            QCoreApplication.translate("WizardErrors", "Request a new passcode."),
        ),
        "SecretMismatch": (
            QCoreApplication.translate("WizardErrors", "The secret does not match this passcode."),
            QCoreApplication.translate("WizardErrors", "Request a new passcode."),
        ),
        "CredentialStoreUnavailable": (
            QCoreApplication.translate(
                "WizardErrors", "No credential store is available on this computer."
            ),
            "",
        ),  # the exception's own hint says what to install
        "ApikeyRejected": (
            QCoreApplication.translate("WizardErrors", "The platform refused the new API key."),
            QCoreApplication.translate("WizardErrors", "Go through the consent step again."),
        ),
        "ConsentRevoked": (
            QCoreApplication.translate("WizardErrors", "Consent was withdrawn."),
            QCoreApplication.translate(
                "WizardErrors",
                "Request a new passcode and ask the Sage 50 administrator to grant access again.",
            ),
        ),
        "DomainNotGranted": (
            QCoreApplication.translate("WizardErrors", "The consent does not cover this domain."),
            QCoreApplication.translate(
                "WizardErrors", "Ask the Sage 50 administrator to grant it."
            ),
        ),
        "PastedKeyInvalid": (
            QCoreApplication.translate("WizardErrors", "What was pasted is not an API key."),
            QCoreApplication.translate(
                "WizardErrors",
                "Paste the key exactly as your "
                "application received it; the expiration, if known, "
                "as for example 2026-12-01T10:00:00Z.",
            ),
        ),
        "PastedKeyRefused": (
            QCoreApplication.translate(
                "WizardErrors", "The platform refused this API key; nothing was stored."
            ),
            QCoreApplication.translate(
                "WizardErrors",
                "Check that it is the key delivered "
                "for the passcode shown, for this application and "
                "domain.",
            ),
        ),
        "ListenFailed": (
            QCoreApplication.translate("WizardErrors", "This app cannot listen on that address."),
            QCoreApplication.translate(
                "WizardErrors", "Choose another port, or an address of this computer."
            ),
        ),
    }


def describe_error(exc: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for ``exc``, in the UI language."""
    messages = _messages()
    for cls in type(exc).__mro__:
        if cls.__name__ in messages:
            message, hint = messages[cls.__name__]
            return message, hint or str(getattr(exc, "hint", ""))
        if cls is Sage50Error:
            break
    if isinstance(exc, Sage50Error):
        return exc.message, exc.hint
    return (
        QCoreApplication.translate("WizardErrors", "Something went wrong: %1").replace(
            "%1", type(exc).__name__
        ),
        QCoreApplication.translate(
            "WizardErrors", "Click Retry. If it keeps failing, check the log file."
        ),
    )
