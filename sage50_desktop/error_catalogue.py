"""The one catalogue of expected errors: exception class → what happened and what to do.

Every error the app expects is a :class:`~sage50_desktop.api.errors.Sage50Error`
subclass, wherever it is defined (``api``, ``storage``, ``services``); each
registers itself here when its class is created, so a class name stored with
an Activity entry (``error_type``) finds its own class again, and with it its
own ``hint``. :func:`words` gives the title (the kind of problem) and the hint,
in English or Spanish; the GUI translates the same English texts through its
Qt catalogue (context ``Errors``), the CLI prints the English ones.

Neutral: no Qt, no import of the layers at module level (they import this).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

_CLASSES: dict[str, type[BaseException]] = {}

#: modules that define expected errors (imported on the first lookup by name)
ERROR_MODULES = (
    "sage50_desktop.api.errors",
    "sage50_desktop.storage.credentials",
    "sage50_desktop.services.ingest",
    "sage50_desktop.services.sync",
    "sage50_desktop.services.uploads",
    "sage50_desktop.services.connection_session",
    "sage50_desktop.api.url_policy",
    "sage50_desktop.api.json_answers",
    "sage50_desktop.api.transfers",
    "sage50_desktop.services.server_ids",
    "sage50_desktop.services.profile_changes",
    "sage50_desktop.storage.data_folder",
)

DEFAULT_HINT = "Try again. If it keeps failing, check the log file."

# title keys -> (English, Spanish); the first matching kind (in this order) names the error
TITLES: dict[str, tuple[str, str]] = {
    "consent": ("Consent is needed", "Se necesita el consentimiento"),
    "transport": ("The server cannot be reached", "No se puede conectar con el servidor"),
    "credential_store": (
        "No credential store is available",
        "No hay ningún almacén de credenciales disponible",
    ),
    "transient": ("The server is having trouble", "El servidor tiene problemas"),
    "not_published": ("Not published yet", "Aún no publicado"),
    "refused": ("The server refused the request", "El servidor rechazó la petición"),
    "disk_full": ("The disk is full", "El disco está lleno"),
    "data_folder": ("Nothing can be saved", "No se puede guardar nada"),
    "upload": ("The upload needs attention", "La subida necesita atención"),
    "failed": ("The operation failed", "La operación ha fallado"),
    "unexpected": ("Something went wrong", "Algo ha ido mal"),
}

# class name (or a base's) -> title key, most specific bases first
_KINDS: tuple[tuple[str, str], ...] = (
    ("ConsentRevoked", "consent"),
    ("CredentialsMissing", "consent"),
    ("ApikeyInvalid", "consent"),
    ("ConsentNotGranted", "consent"),
    ("TransportError", "transport"),
    ("CredentialStoreUnavailable", "credential_store"),
    ("TransientApiError", "transient"),
    ("ScopeNotFound", "not_published"),
    ("DiskFull", "disk_full"),
    ("DataFolderUnavailable", "data_folder"),
    ("UploadLinkExpired", "upload"),
    ("UploadNotAccepted", "upload"),
    ("UploadPartlyRejected", "upload"),
    ("UploadInterrupted", "upload"),
    ("ApiError", "refused"),
    ("Sage50Error", "failed"),
)

# class name -> the Spanish of its hint, for the errors defined outside api/ (the GUI's Qt
# catalogue translates the API layer's hints; these are used where it has none)
SPANISH_HINTS: dict[str, str] = {
    "VersionChanged": "Se publicó una versión más nueva durante la descarga. Sincronice de nuevo.",
    "IngestError": "El archivo descargado no es un archivo de ámbito válido. Se conserva la "
    "versión anterior.",
    "DiskFull": "El disco que guarda los datos de la aplicación está lleno. Libere espacio o "
    "conserve menos versiones por conjunto de datos en Ajustes, y descargue de "
    "nuevo. Se conserva la versión anterior.",
    "ConsentNotGranted": "No se concedió el consentimiento. Solicite un código nuevo y pida "
    "al administrador de Sage 50 que lo apruebe.",
    "UploadLinkExpired": "El enlace de subida caducó antes de enviar el archivo, así que no "
    "llegó nada a la plataforma. Vuelva a subir el archivo: la aplicación "
    "pide un enlace nuevo.",
    "UploadNotAccepted": "La subida no fue aceptada. Ábrala en la página Subidas para ver "
    "por qué, corrija el archivo y súbalo de nuevo.",
    "UploadPartlyRejected": "Se rechazaron algunos pedidos. Abra la subida en la página "
    "Subidas para ver los pedidos rechazados, corríjalos y envíelos de "
    "nuevo.",
    "UploadInterrupted": "El seguimiento se detuvo. Compruebe la conexión y reanude la subida "
    "en la página Subidas.",
    "UploadForgotten": "La plataforma ya no conoce este envío, así que no se puede seguir ni "
    "reanudar. Compruebe en Sage 50 si llegaron sus pedidos; si no llegaron, vuelva a subir "
    "el archivo.",
    "LocalFileChanged": "La copia guardada del archivo falta o está dañada. Suba de nuevo el "
    "archivo original.",
    "NotResumable": "Esta subida no se puede reanudar. Vuelva a subir el archivo.",
    "UnsafeUrl": "El servidor indicó un enlace que la aplicación no sigue (no es https, lleva una contraseña o no es una dirección web). Compruebe que la dirección apunta a la API de Sage 50 Cloud; si el problema continúa, comuníqueselo a la plataforma.",
    "CredentialsInUrl": "Quite el usuario y la contraseña de la dirección (la parte antes de «@»): la aplicación se identifica con su clave de API, nunca con una contraseña en la dirección.",
    "InvalidBaseUrl": "Escriba la dirección completa, por ejemplo https://api.example.com.",
    "AnswerTooLarge": "El servidor envió muchos más datos de lo esperado y la aplicación dejó de leer. Compruebe que la dirección apunta a la API de Sage 50 Cloud; si es así, comuníqueselo a la plataforma.",
    "TransferTooSlow": "El servidor enviaba el archivo demasiado despacio y la aplicación dejó de esperar. Compruebe la conexión de red y vuelva a intentarlo más tarde.",
    "UnsafeServerId": "El servidor indicó un ID de envío que la aplicación no puede usar. No se envió nada. Compruebe que la dirección apunta a la API de Sage 50 Cloud; si vuelve a ocurrir, comuníqueselo a la plataforma.",
    "DuplicateUploadId": "El servidor dio a este envío nuevo el ID de un envío anterior, así que el archivo no se envió (se mezclarían los dos). Vuelva a intentarlo; si vuelve a ocurrir, comuníqueselo a la plataforma.",
    "CredentialsNotCleared": "La conexión no se cambió: su clave y su secreto guardados pertenecen al servidor anterior y no se pudieron borrar del almacén de credenciales. Desbloquee o repare el almacén de credenciales y vuelva a intentarlo (o quite la conexión y añádala de nuevo).",
}


@dataclass(frozen=True, slots=True)
class Words:
    """What the user reads about an error."""

    title: str
    hint: str


def register(cls: type[BaseException]) -> type[BaseException]:
    """Enter ``cls`` in the catalogue (called by ``Sage50Error.__init_subclass__``)."""
    _CLASSES[cls.__name__] = cls
    return cls


def _load() -> None:
    for name in ERROR_MODULES:
        importlib.import_module(name)


def error_class(name: str | None) -> type[BaseException] | None:
    """The registered class called ``name`` (an Activity entry's ``error_type``)."""
    if not name:
        return None
    if name not in _CLASSES:
        _load()
    return _CLASSES.get(name)


def known() -> list[type[BaseException]]:
    """Every registered error class (for the translation catalogue)."""
    _load()
    return sorted(_CLASSES.values(), key=lambda c: c.__name__)


def _cls_of(exc: BaseException | None, error_type: str | None) -> type[BaseException] | None:
    if exc is not None:
        return type(exc)
    return error_class(error_type)


def title_key(exc: BaseException | None, error_type: str | None = None) -> str:
    cls = _cls_of(exc, error_type)
    if cls is None:
        return "unexpected"
    names = {base.__name__ for base in cls.__mro__}
    for name, key in _KINDS:
        if name in names:
            return key
    return "unexpected"


def hint_of(exc: BaseException | None, error_type: str | None = None) -> str:
    """The English hint of the error (its own, else its class's, else the default)."""
    hint = getattr(exc, "hint", None) if exc is not None else None
    if not hint:
        hint = getattr(_cls_of(exc, error_type), "hint", None)
    return str(hint) if hint else DEFAULT_HINT


def words(exc: BaseException | None, error_type: str | None = None, language: str = "en") -> Words:
    """Title and hint of an error (or of a class name), in ``language`` (``en``/``es``)."""
    english_title, spanish_title = TITLES[title_key(exc, error_type)]
    hint = hint_of(exc, error_type)
    if language == "es":
        cls = _cls_of(exc, error_type)
        if cls is not None and hint == getattr(cls, "hint", None):
            hint = SPANISH_HINTS.get(cls.__name__, hint)
        return Words(spanish_title, hint)
    return Words(english_title, hint)
