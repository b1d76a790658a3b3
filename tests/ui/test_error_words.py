"""One error catalogue: every expected error gets its own words, found by its class name."""

from __future__ import annotations

import pytest

from sage50_desktop import error_catalogue
from sage50_desktop.api.errors import Sage50Error

# the errors the Activity dock used to answer with "Try again…"
NAMED = (
    "DiskFull",
    "IngestError",
    "VersionChanged",
    "UploadLinkExpired",
    "ConsentNotGranted",
    "UploadPartlyRejected",
    "UploadNotAccepted",
    "UploadInterrupted",
    "CredentialStoreUnavailable",
)


@pytest.mark.parametrize("name", NAMED)
def test_each_error_has_its_own_hint_by_class_name(name, qapp):
    from sage50_desktop.ui import errors, i18n

    cls = error_catalogue.error_class(name)
    assert cls is not None and issubclass(cls, Sage50Error)
    i18n.install("en")
    hint = errors.error_hint(None, name)
    assert hint == cls.hint and hint != error_catalogue.DEFAULT_HINT
    assert errors.error_title(None, name) != "Something went wrong"


def test_spanish_words_for_errors_defined_outside_the_api(qapp):
    from sage50_desktop.ui import errors, i18n

    i18n.install("es")
    try:
        assert "pedidos rechazados" in errors.error_hint(None, "UploadPartlyRejected")
        assert errors.error_title(None, "DiskFull") == "El disco está lleno"
        assert "versión más nueva" in errors.error_hint(None, "VersionChanged")
    finally:
        i18n.install("en")


def test_partly_rejected_points_to_the_rejected_orders():
    words = error_catalogue.words(None, "UploadPartlyRejected")
    assert "rejected orders" in words.hint and words.title == "The upload needs attention"
    assert error_catalogue.words(None, "NoSuchError").hint == error_catalogue.DEFAULT_HINT


def test_the_named_service_errors_have_spanish():
    for name in NAMED:
        cls = error_catalogue.error_class(name)
        if cls.__module__.startswith("sage50_desktop.services"):
            assert name in error_catalogue.SPANISH_HINTS, name
