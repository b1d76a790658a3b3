"""Languages, translators and locale-aware formatting of the GUI.

Every ``*_<lang>.qm`` in ``resources/translations/`` is loaded for the chosen
language (the shell ships ``sage50_shell_*``, the wizard ``sage50_wizard_*``),
plus Qt's own ``qtbase_<lang>.qm`` for standard buttons. The language is the
``language`` setting, or the OS locale when it is ``system``; Spanish or
English (the source language). Switching installs new translators; every
widget retranslates on ``QEvent.LanguageChange``.

Numbers and dates follow the UI language's locale (``QLocale.setDefault``);
timestamps are stored in UTC and shown in local time.

Rebuilding the shell's catalogue after changing strings::

    pyside6-lupdate $(find sage50_desktop/ui -name '*.py' -not -path '*/wizard/*') \\
        sage50_desktop/app.py -ts resources/translations/sage50_shell_es.ts
    pyside6-lrelease resources/translations/sage50_shell_es.ts
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTimeZone,
    QTranslator,
)

from sage50_desktop.resources import resource_path

log = logging.getLogger(__name__)

SUPPORTED = ("es", "en")
SOURCE_LANGUAGE = "en"
_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def system_language() -> str:
    """``es`` or ``en`` from the OS locale (English when neither fits)."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return SOURCE_LANGUAGE


def resolve(setting_value: str) -> str:
    """The language to use for a ``language`` setting value (``system``, ``en``, ``es``)."""
    return setting_value if setting_value in SUPPORTED else system_language()


def current_language() -> str:
    return _current


def install(language: str) -> str:
    """Install the translators of ``language`` (``system`` allowed); returns the code used.

    Posts ``QEvent.LanguageChange`` to every widget (Qt does, on install/remove).
    """
    global _current
    app = QCoreApplication.instance()
    code = resolve(language)
    for translator in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Spanish if code == "es" else QLocale.Language.English,
            QLocale.Country.Spain if code == "es" else QLocale.Country.UnitedStates,
        )
    )
    _current = code
    if app is None:
        return code
    folder = resource_path("translations")
    files = sorted(folder.glob(f"*_{code}.qm")) if folder.is_dir() else []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path, directory in [(p.name, str(folder)) for p in files] + [
        (f"qtbase_{code}.qm", qt_folder)
    ]:
        translator = QTranslator(app)
        if translator.load(path, directory):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
        elif not path.startswith("qtbase_"):
            log.warning("translation %s could not be loaded", path)
    return code


# --- formatting ----------------------------------------------------------------------
def locale() -> QLocale:
    return QLocale()


#: the system's local time as the OS gives it (``systemTimeZone()`` would load the
#: time-zone database for its IANA id: ~5 ms at the first date shown, at start)
_LOCAL_TIME = QTimeZone(QTimeZone.Initialization.LocalTime)


def to_local(value: datetime) -> QDateTime:
    """An aware (or naive UTC) datetime as a local-time QDateTime."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    ms = int(value.timestamp() * 1000)
    return QDateTime.fromMSecsSinceEpoch(ms, _LOCAL_TIME)


def format_datetime(value: datetime | None, *, seconds: bool = False) -> str:
    """Date and time in local time, in the UI language's short format."""
    if value is None:
        return ""
    loc = QLocale()
    fmt = loc.dateTimeFormat(QLocale.FormatType.ShortFormat)
    if seconds and ":ss" not in fmt and "mm" in fmt:
        fmt = fmt.replace("mm", "mm:ss", 1)
    return loc.toString(to_local(value), fmt)


def format_time(value: datetime | None) -> str:
    """Only the local time of day (today's events)."""
    if value is None:
        return ""
    return QLocale().toString(to_local(value).time(), QLocale.FormatType.ShortFormat)


def format_when(value: datetime | None, now: datetime | None = None) -> str:
    """Time of day for today, else date and time (local)."""
    if value is None:
        return ""
    now = now or datetime.now(UTC)
    local_value = to_local(value)
    if local_value.date() == to_local(now).date():
        return format_time(value)
    return format_datetime(value)


def format_number(value: int | float) -> str:
    """A number in the UI locale, every decimal kept (``1234.5`` → ``1.234,5`` in Spanish)."""
    if isinstance(value, float):
        text = repr(value)
        if (
            "e" in text
            or "E" in text
            or not value == value
            or value in (float("inf"), float("-inf"))
        ):
            return QLocale().toString(value, "g", 12)
        decimals = len(text.partition(".")[2].rstrip("0"))
        return QLocale().toString(value, "f", decimals)
    return QLocale().toString(value)


def format_bytes(size: int | None) -> str:
    """A size with the locale's decimals: ``748,2 MB`` in Spanish."""
    if size is None:
        return ""
    return QLocale().formattedDataSize(int(size), 1, QLocale.DataSizeFormat.DataSizeSIFormat)
