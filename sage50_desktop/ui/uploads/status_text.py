"""Upload statuses and record outcomes for people: translated names, sentences and colours.

The engine speaks in contract values (``accepted``, ``badRequest``…) and the
app's local states (``upload link expired``…); the panel shows these words
instead, in the UI language (context ``UploadStatus``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from sage50_desktop.api.contract import RecordOutcome, UploadStatus
from sage50_desktop.storage.upload_store import LocalState, UploadRecord
from sage50_desktop.ui import theme

_CTX = "UploadStatus"

_LABELS = {
    UploadStatus.PENDING: QT_TRANSLATE_NOOP("UploadStatus", "Pending"),
    UploadStatus.VALIDATING: QT_TRANSLATE_NOOP("UploadStatus", "Validating"),
    UploadStatus.AVAILABLE: QT_TRANSLATE_NOOP("UploadStatus", "Available"),
    UploadStatus.BAD_REQUEST: QT_TRANSLATE_NOOP("UploadStatus", "File rejected"),
    UploadStatus.EXPIRED: QT_TRANSLATE_NOOP("UploadStatus", "Expired"),
    UploadStatus.DOWNLOADED: QT_TRANSLATE_NOOP("UploadStatus", "Fetched by Sage 50"),
    UploadStatus.PROCESSING: QT_TRANSLATE_NOOP("UploadStatus", "Processing"),
    UploadStatus.ACCEPTED: QT_TRANSLATE_NOOP("UploadStatus", "Accepted"),
    UploadStatus.FAILED: QT_TRANSLATE_NOOP("UploadStatus", "Orders rejected"),
    # the app's own states (UploadRecord.display_status)
    "sending": QT_TRANSLATE_NOOP("UploadStatus", "Sending"),
    "tracking cancelled": QT_TRANSLATE_NOOP("UploadStatus", "Tracking cancelled"),
    "upload link expired": QT_TRANSLATE_NOOP("UploadStatus", "Upload link expired"),
    "interrupted": QT_TRANSLATE_NOOP("UploadStatus", "Interrupted"),
}

_DESCRIPTIONS = {
    UploadStatus.PENDING: QT_TRANSLATE_NOOP(
        "UploadStatus", "Waiting for the file's bytes to reach the platform."
    ),
    UploadStatus.VALIDATING: QT_TRANSLATE_NOOP(
        "UploadStatus",
        "The platform is checking that the file is valid JSON and matches the format.",
    ),
    UploadStatus.AVAILABLE: QT_TRANSLATE_NOOP(
        "UploadStatus",
        "The file passed the platform's checks. Sage 50 fetches it when its installation is "
        "online, which can take hours or days; the app keeps checking, also after a "
        "restart.",
    ),
    UploadStatus.BAD_REQUEST: QT_TRANSLATE_NOOP(
        "UploadStatus",
        "The platform rejected the file: it is not valid JSON or does not match the required "
        "format. Nothing was imported into Sage 50. Fix the file and upload it again.",
    ),
    UploadStatus.EXPIRED: QT_TRANSLATE_NOOP(
        "UploadStatus",
        "The upload expired: the file's bytes did not arrive in time, so the platform "
        "discarded it. Nothing was imported. Upload the file again.",
    ),
    UploadStatus.DOWNLOADED: QT_TRANSLATE_NOOP("UploadStatus", "Sage 50 has fetched the file."),
    UploadStatus.PROCESSING: QT_TRANSLATE_NOOP("UploadStatus", "Sage 50 is importing the orders."),
    UploadStatus.ACCEPTED: QT_TRANSLATE_NOOP(
        "UploadStatus", "Sage 50 imported every order of the file."
    ),
    UploadStatus.FAILED: QT_TRANSLATE_NOOP(
        "UploadStatus",
        "Sage 50 processed the file but rejected some or all orders. The result lists which "
        "ones and why; you can fix them and upload only those again.",
    ),
}

_LOCAL_DESCRIPTIONS = {
    LocalState.SENDING: QT_TRANSLATE_NOOP(
        "UploadStatus", "Sending the file's bytes to the platform."
    ),
    LocalState.CANCELLED: QT_TRANSLATE_NOOP(
        "UploadStatus",
        "Tracking was cancelled. The upload itself may still go on; resume tracking to see "
        "how it ends.",
    ),
    LocalState.URL_EXPIRED: QT_TRANSLATE_NOOP(
        "UploadStatus",
        "The upload link expired before the file was sent, so nothing reached the platform. "
        "Re-upload the file to get a new link.",
    ),
    LocalState.INTERRUPTED: QT_TRANSLATE_NOOP(
        "UploadStatus",
        "Tracking stopped because of a problem. Resume it once the problem is solved.",
    ),
    LocalState.WAITING_RESULT: QT_TRANSLATE_NOOP(
        "UploadStatus", "Finished; waiting for Sage 50 to publish the result file."
    ),
}

_OUTCOMES = {
    RecordOutcome.ACCEPTED: QT_TRANSLATE_NOOP("UploadStatus", "Accepted"),
    RecordOutcome.REJECTED: QT_TRANSLATE_NOOP("UploadStatus", "Rejected"),
}

_NOT_SENT = QT_TRANSLATE_NOOP("UploadStatus", "Not sent yet")
_NOT_SENT_SENTENCE = QT_TRANSLATE_NOOP("UploadStatus", "Not sent yet.")
_UNKNOWN = QT_TRANSLATE_NOOP(
    "UploadStatus",
    "The platform reports the status “%1”, which this version of the app does "
    "not know. It keeps tracking the upload.",
)

GOOD = frozenset({UploadStatus.ACCEPTED, RecordOutcome.ACCEPTED})
BAD = frozenset(
    {
        UploadStatus.FAILED,
        UploadStatus.BAD_REQUEST,
        UploadStatus.EXPIRED,
        "upload link expired",
        RecordOutcome.REJECTED,
    }
)
HALTED = frozenset({"tracking cancelled", "interrupted"})


def _t(text: object) -> str:
    return QCoreApplication.translate(_CTX, str(text))


def status_label(status: str | None) -> str:
    """``accepted`` → ``Accepted`` / ``Aceptado``; unknown statuses are shown as they are."""
    if not status:
        return _t(_NOT_SENT)
    source = _LABELS.get(status)
    return _t(source) if source else status


def outcome_label(outcome: str) -> str:
    source = _OUTCOMES.get(outcome)
    return _t(source) if source else outcome


def status_description(status: str | None) -> str:
    """A plain sentence about a platform status, in the UI language."""
    if status is None:
        return _t(_NOT_SENT_SENTENCE)
    source = _DESCRIPTIONS.get(status)
    if source:
        return _t(source)
    return _t(_UNKNOWN).replace("%1", status)


def describe(record: UploadRecord) -> str:
    """What is going on with an upload: the app's own state where it matters, else the status."""
    local = _LOCAL_DESCRIPTIONS.get(record.state)
    if local and record.state != LocalState.WAITING_RESULT:
        return _t(local)
    text = status_description(record.status)
    if record.state == LocalState.WAITING_RESULT:
        text = f"{text} {_t(local or '')}"
    return text


def colour(status: str | None) -> str:
    """The accent of a status: green done well, red rejected, orange stopped, blue under way."""
    if status in GOOD:
        return theme.ONLINE
    if status in BAD:
        return theme.ERROR
    if status in HALTED:
        return theme.WARNING
    return theme.BUSY
