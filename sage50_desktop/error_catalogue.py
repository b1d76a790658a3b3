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
    "sage50_desktop.services.consent_delivery",
    "sage50_desktop.services.validation",
    "sage50_desktop.storage.db",
    "sage50_desktop.storage.db_health",
    "sage50_desktop.storage.locks",
    "sage50_desktop.storage.snapshot_store",
    "sage50_desktop.storage.upload_store",
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

# class name -> the Spanish of its class's hint (the English is the class's own ``hint``);
# every registered class has one (tests/core/test_error_catalogue.py walks them all)
SPANISH_HINTS: dict[str, str] = {
    "ApiError": "La plataforma rechazó la petición. Revise los ajustes de la conexión y vuelva a intentarlo.",
    "ApikeyExpired": "La clave de API caducó; la aplicación la renueva sola.",
    "ApikeyInvalid": "La clave de API no es válida. Conceda de nuevo el consentimiento.",
    "ApikeyRejected": "La plataforma rechazó la clave de API. Conceda de nuevo el consentimiento.",
    "ApikeyRotated": "Otra copia de la aplicación renovó la clave; la aplicación recoge la nueva por sí sola.",
    "ApplicationNotFound": "El ID de aplicación no existe. Cópielo de nuevo del correo de registro.",
    "ChecksumMismatch": "El archivo cambió o se dañó durante el envío. Envíelo de nuevo.",
    "ConsentRevoked": "Hace falta el consentimiento: pida un código de acceso nuevo y solicite al administrador de Sage 50 que vuelva a conceder el acceso.",
    "CredentialStoreUnavailable": "No hay ningún almacén de credenciales. En Linux instale y desbloquee un proveedor de Secret Service (GNOME Keyring, KWallet o KeePassXC con su integración de Secret Service) y pulse Reintentar; en Windows y macOS se usa el del sistema. Para elegir uno expresamente, defina PYTHON_KEYRING_BACKEND.",
    "CredentialsMissing": "Esta conexión no tiene credenciales guardadas: repita el paso de consentimiento.",
    "DataFolderUnavailable": "La aplicación no puede escribir en su carpeta de datos (es de solo lectura, está llena o no es suya). Libere espacio o corrija sus permisos y vuelva a intentarlo.",
    "DatabaseDamaged": "Un archivo de base de datos local está dañado. Restaure una copia de seguridad con «sage50 restore-backup» (o con la oferta de la aplicación al iniciarse), o aparte el archivo.",
    "DatabaseInUse": "Otro proceso de Sage 50 Desktop (la ventana o un comando «sage50») está usando la base de datos de la aplicación. Ciérrelo primero (no se cambió nada) y vuelva a restaurar la copia de seguridad.",
    "DatabaseTooNew": "Los datos de la aplicación los escribió una versión más nueva de Sage 50 Desktop. Instale esa versión (o una más nueva) e inicie de nuevo la aplicación.",
    "DeveloperNotFound": "El ID de desarrollador no existe. Cópielo de nuevo del correo de registro.",
    "DomainNotGranted": "El consentimiento no cubre este dominio. Pida al administrador de Sage 50 que lo conceda.",
    "DownloadCorrupt": "La descarga llegó dañada y se descartó. Descárguela de nuevo.",
    "FileTooLarge": "El archivo supera lo que admite la plataforma (256 MiB). Divídalo en archivos más pequeños.",
    "InitialKeyMissing": "Esta conexión se configuró antes de que la aplicación guardara la clave de API inicial del consentimiento, que ahora necesita cada renovación de la clave. Hay que dar el consentimiento de nuevo: pida un nuevo código de acceso y solicite a quien administra Sage 50 que conceda el acceso.",
    "InsecureTransport": "Use una dirección https://, o permita HTTP sin cifrar para esta conexión de forma explícita en sus ajustes.",
    "InvalidRequest": "Falta un campo o no es válido. Revise lo que ha escrito.",
    "ListenAddressInvalid": "Indique la dirección de escucha como HOST:PUERTO, por ejemplo 127.0.0.1:8765.",
    "ListenFailed": "La aplicación no pudo escuchar en esta dirección. Elija otro puerto o una dirección de este ordenador.",
    "LockTimeout": "Otro proceso de Sage 50 Desktop (la ventana o un comando «sage50») está ocupado con el mismo elemento. Espere a que termine y vuelva a intentarlo.",
    "PasscodeNotFound": "El código de acceso no existe. Pida uno nuevo.",
    "PastedKeyInvalid": "Pegue la clave de API tal como la recibió el receptor de la approvalUrl de su aplicación y, en una segunda línea, si la conoce, su caducidad (por ejemplo 2026-12-01T10:00:00Z).",
    "PastedKeyRefused": "La plataforma rechazó esta clave de API; no se guardó nada. Compruebe que es la clave entregada para el código de acceso mostrado, para esta aplicación y este dominio, y que aún no se ha sustituido.",
    "PollingNotOffered": "Esta plataforma no permite consultar el código de acceso. Reciba la clave en una dirección de este ordenador (--listen) o pegue la clave que recibió el receptor de la approvalUrl de su aplicación (--paste).",
    "RateLimited": "La plataforma pide a la aplicación que vaya más despacio. La aplicación espera y reintenta sola.",
    "RequestTimeout": "El servidor tardó demasiado en responder. Compruebe la conexión de red y vuelva a intentarlo.",
    "Sage50Error": "Vuelva a intentarlo. Si sigue fallando, consulte el archivo de registro.",
    "SchemaUnavailable": "La aplicación no incluye la descripción del formato de este conjunto de datos, así que no puede comprobarlo ni subirlo. Elija un conjunto de datos al que Sage 50 admita subidas.",
    "ScopeNotFound": "Sage 50 aún no ha publicado este conjunto de datos. Vuelva a intentarlo más tarde.",
    "ScopeNotUploadable": "Este conjunto de datos solo lo entrega Sage 50; no se puede enviar.",
    "SecretMismatch": "El secreto no corresponde a este código de acceso. Pida uno nuevo.",
    "ServerError": "El servidor tuvo un problema interno. La aplicación reintenta sola; pruebe de nuevo en un minuto.",
    "ServerUnreachable": "El servidor no responde. Compruebe la dirección en los ajustes de la conexión, o inicie el entorno de pruebas, y vuelva a intentarlo.",
    "SnapshotNotFound": "Esta versión del conjunto de datos ya no está guardada (la retención o una purga la eliminó). Elija otra versión o descargue de nuevo el conjunto de datos.",
    "TransientApiError": "El servidor está ocupado o tiene problemas. La aplicación reintenta sola; pruebe de nuevo en un minuto.",
    "TransportError": "Compruebe la conexión de red y la dirección del servidor, y vuelva a intentarlo.",
    "UnexpectedResponse": "El servidor respondió algo inesperado. Compruebe que la dirección apunta a la API de Sage 50 Cloud.",
    "UntrustedCertificate": "Este equipo no confía en el certificado del servidor. Si su empresa usa su propia autoridad de certificación, elija su fichero de CA en Ajustes (Paquete de CA propio) o instálela en el almacén de confianza del sistema; si no, compruebe la dirección.",
    "UploadNotFound": "La plataforma no conoce este envío (ID incorrecto o demasiado antiguo).",
    "UploadNotRecorded": "Esta subida ya no está en el historial de la aplicación (otra ventana o un comando «sage50» la quitó). Actualice la lista de subidas.",
    "UrlExpired": "El enlace de descarga o de envío caducó. Empiece de nuevo la operación.",
    "WeakSecret": "El secreto debe tener al menos 32 caracteres; deje que la aplicación genere uno.",
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

# exception classes of api/, services/ and storage/ that are not Sage50Error, and why the
# user never reads them as an error (the test above fails on a class in neither table)
NOT_SHOWN_AS_ERRORS: dict[str, str] = {
    "DuplicateOrders": "a question, not an error: the upload asks whether to send the orders again",
    "ValidationFailed": "its report is shown issue by issue (the validation view, the CLI's list)",
    "ExportFailed": "the export shows its own message for each reason (folder, disk full, ...)",
    "ExportTargetError": "an ExportFailed (see there)",
    "StepIncomplete": "the wizard shows it next to the field that is missing",
    "ProfileExists": "the wizard and the rename dialog ask for another name",
    "ProfileNotFound": "callers treat a removed connection as gone (the CLI names the profile)",
    "UploadIdTaken": "the upload service raises DuplicateUploadId in its place",
    "TaskRunning": "callers choose if_running='keep' or 'replace'; a clash is a programming error",
    "ExportCancelled": "the user cancelled: nothing to report",
    "IngestCancelled": "the user cancelled: nothing to report",
    "QueryCancelled": "a newer query replaced this one",
    "FeedAborted": "internal: the download stopped feeding the parser process",
    "FeedRestarted": "internal: the download restarted its feed",
    "IgnoredPush": "internal: an approval POST for another passcode is answered and ignored",
    "DuplicateRecordId": "internal: ingest turns it into an IngestError",
    "VersionAlreadyStored": "internal: the version is stored already, nothing to do",
    "_NotUtf8": "internal to validation: reported as a validation issue",
    "_TooDeep": "internal to validation: reported as a validation issue",
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
