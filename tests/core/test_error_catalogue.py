"""The one error catalogue is complete: every exception class of api/, services/ and
storage/ either has its own hint in English and Spanish, or is named as one the user
never reads as an error (with why)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import sage50_desktop
from sage50_desktop import error_catalogue
from sage50_desktop.api.errors import Sage50Error

LAYERS = ("api", "services", "storage")


def _exception_classes() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for layer in LAYERS:
        package = importlib.import_module(f"{sage50_desktop.__name__}.{layer}")
        for module_info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(module_info.name)
            for value in vars(module).values():
                if (
                    inspect.isclass(value)
                    and issubclass(value, BaseException)
                    and value.__module__ == module.__name__
                ):
                    found.append(value)
    return sorted(found, key=lambda cls: cls.__name__)


CLASSES = _exception_classes()


def test_the_walk_finds_the_layers_errors():
    names = {cls.__name__ for cls in CLASSES}
    assert {"ScopeNotFound", "DiskFull", "CredentialStoreUnavailable", "UploadNotRecorded"} <= names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_error_has_an_entry(cls):
    name = cls.__name__
    if not issubclass(cls, Sage50Error):
        assert name in error_catalogue.NOT_SHOWN_AS_ERRORS, (
            f"{cls.__module__}.{name} is neither a Sage50Error with words in the error "
            "catalogue nor named in NOT_SHOWN_AS_ERRORS (with why the user never reads it)"
        )
        return
    assert name not in error_catalogue.NOT_SHOWN_AS_ERRORS
    # found by name (an Activity entry stores only the class name)
    assert error_catalogue.error_class(name) is cls, f"{cls.__module__} not in ERROR_MODULES"
    own = cls.__dict__.get("hint")
    assert isinstance(own, str) and own.strip(), f"{name} has no hint of its own"
    english = error_catalogue.words(None, name, "en")
    spanish = error_catalogue.words(None, name, "es")
    assert english.hint == own
    assert name in error_catalogue.SPANISH_HINTS, f"{name} has no Spanish hint"
    assert spanish.hint == error_catalogue.SPANISH_HINTS[name] != own
    assert spanish.title != english.title


def test_no_catalogue_entry_names_a_class_that_is_gone():
    names = {cls.__name__ for cls in CLASSES}
    assert set(error_catalogue.SPANISH_HINTS) <= names
    assert set(error_catalogue.NOT_SHOWN_AS_ERRORS) <= names


def test_hints_differ_between_classes_of_one_family():
    """Each error its own hint: no subclass repeats a sibling's or its base's words."""
    hints = [cls.__dict__["hint"] for cls in CLASSES if issubclass(cls, Sage50Error)]
    assert len(hints) == len(set(hints))


def test_partly_rejected_upload_points_to_the_rejected_orders():
    for language, words in (("en", "rejected orders"), ("es", "pedidos rechazados")):
        hint = error_catalogue.words(None, "UploadPartlyRejected", language).hint
        assert words in hint and "Try again" not in hint
