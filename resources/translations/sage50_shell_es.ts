<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Activity</name>
    <message>
        <source>Indexing</source>
        <translation>Indexación</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descarga</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Envío</translation>
    </message>
    <message>
        <source>Key renewal</source>
        <translation>Renovación de clave</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Consentimiento retirado</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Check for new versions</source>
        <translation>Buscar versiones nuevas</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportación</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Interrupted (the app was closed)</source>
        <translation>Interrumpido (se cerró la aplicación)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Double-click or press Enter to go to what this concerns</source>
        <translation>Haga clic o pulse Intro para ir a lo que afecta</translation>
    </message>
    <message>
        <source>renewed silently before it expired</source>
        <translation>renovada automáticamente antes de caducar</translation>
    </message>
    <message>
        <source>renewed silently after it had expired</source>
        <translation>renovada automáticamente después de caducar</translation>
    </message>
    <message>
        <source>renewed silently after the server refused the old key</source>
        <translation>renovada automáticamente después de que el servidor rechazara la clave anterior</translation>
    </message>
    <message>
        <source>taken over from another copy of the app</source>
        <translation>recogida de otra copia de la aplicación</translation>
    </message>
    <message>
        <source>renewed on request</source>
        <translation>renovada a petición</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
</context>
<context>
    <name>ActivityDock</name>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Save the whole history as a CSV file</source>
        <translation>Guardar todo el historial como archivo CSV</translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation>Cancelar tarea</translation>
    </message>
    <message>
        <source>Activity history</source>
        <translation>Historial de actividad</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The local cache was damaged and has been rebuilt; download the data sets again.</source>
        <translation>La caché local estaba dañada y se ha reconstruido; vuelva a descargar los conjuntos de datos.</translation>
    </message>
    <message>
        <source>The app cannot write to its data folder {folder} (it is read-only, full or not yours). Free some space or fix its permissions, then start the app again.</source>
        <translation>La aplicación no puede escribir en su carpeta de datos {folder} (es de solo lectura, está llena o no es suya). Libere espacio o corrija sus permisos y vuelva a iniciar la aplicación.</translation>
    </message>
    <message>
        <source>The app's database {path} is damaged ({reason}).</source>
        <translation>La base de datos de la aplicación {path} está dañada ({reason}).</translation>
    </message>
    <message>
        <source>No backup exists. Move the file away to start with no connections (they must then be added again), or restore it from your own backups.</source>
        <translation>No hay ninguna copia de seguridad. Mueva el archivo a otro sitio para empezar sin conexiones (habrá que volver a añadirlas) o restáurelo desde sus propias copias.</translation>
    </message>
    <message>
        <source>A backup from {when} exists. Restore it? The damaged file is kept next to it.</source>
        <translation>Hay una copia de seguridad del {when}. ¿Restaurarla? El archivo dañado se conserva a su lado.</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Restaurar la copia</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>The sandbox did not start</source>
        <translation>El entorno de pruebas no se inició</translation>
    </message>
</context>
<context>
    <name>ConnectionOverviewPage</name>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Dominio</translation>
    </message>
    <message>
        <source>Developer ID</source>
        <translation>ID de desarrollador</translation>
    </message>
    <message>
        <source>Application ID</source>
        <translation>ID de aplicación</translation>
    </message>
    <message>
        <source>Credentials kept in</source>
        <translation>Credenciales guardadas en</translation>
    </message>
    <message>
        <source>API key expires</source>
        <translation>La clave de API caduca</translation>
    </message>
    <message>
        <source>Last key renewal</source>
        <translation>Última renovación de clave</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <source>Data sets fetched</source>
        <translation>Conjuntos de datos consultados</translation>
    </message>
    <message>
        <source>TEST</source>
        <translation>PRUEBAS</translation>
    </message>
    <message>
        <source>Test connection to the bundled sandbox: nothing you do here reaches a real Sage 50.</source>
        <translation>Conexión de pruebas con el entorno de pruebas incluido: nada de lo que haga aquí llega a un Sage 50 real.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Ask the server for the published data sets</source>
        <translation>Preguntar al servidor por los conjuntos de datos publicados</translation>
    </message>
    <message>
        <source>Renew &amp;key now</source>
        <translation>Renovar la &amp;clave ahora</translation>
    </message>
    <message>
        <source>Get a new API key now (the app does it by itself before the key expires)</source>
        <translation>Obtener ahora una clave de API nueva (la aplicación lo hace sola antes de que caduque)</translation>
    </message>
    <message>
        <source>Run &amp;consent again…</source>
        <translation>Repetir el &amp;consentimiento…</translation>
    </message>
    <message>
        <source>Data sets (scopes)</source>
        <translation>Conjuntos de datos (ámbitos)</translation>
    </message>
    <message>
        <source>Data set (scope)</source>
        <translation>Conjunto de datos (ámbito)</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicado</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Data sets of this connection</source>
        <translation>Conjuntos de datos de esta conexión</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>none since the app started</source>
        <translation>ninguna desde que se abrió la aplicación</translation>
    </message>
    <message>
        <source>needed — run the consent step again</source>
        <translation>necesario: repita el paso de consentimiento</translation>
    </message>
    <message>
        <source>granted</source>
        <translation>concedido</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <source>memory only (sandbox connections get fresh credentials at every start)</source>
        <translation>solo en memoria (las conexiones de pruebas reciben credenciales nuevas en cada inicio)</translation>
    </message>
    <message>
        <source>no credential store is available on this computer</source>
        <translation>no hay ningún almacén de credenciales en este equipo</translation>
    </message>
    <message>
        <source>the system credential store (%1)</source>
        <translation>el almacén de credenciales del sistema (%1)</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Envío</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descarga</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Versión nueva</translation>
    </message>
    <message>
        <source>not published yet</source>
        <translation>aún no publicado</translation>
    </message>
</context>
<context>
    <name>ErrorReportDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Error inesperado</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The app keeps running, but the last action may not have finished. The report below has no passwords or keys in it; copy it into a message to support. It is also in the log file.</source>
        <translation>Algo inesperado ha fallado. La aplicación sigue funcionando, pero la última acción puede no haber terminado. El informe de abajo no contiene contraseñas ni claves; cópielo en un mensaje al soporte. También está en el archivo de registro.</translation>
    </message>
    <message>
        <source>Error report</source>
        <translation>Informe de error</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>&amp;Copiar informe</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Abrir la carpeta de &amp;registros</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>A field is missing or malformed. Check what you entered.</source>
        <translation>Falta un campo o no es válido. Revise lo que ha escrito.</translation>
    </message>
    <message>
        <source>Another copy of the app renewed the key; the app picks up the new one by itself.</source>
        <translation>Otra copia de la aplicación renovó la clave; la aplicación recoge la nueva por sí sola.</translation>
    </message>
    <message>
        <source>Check the network connection and the server address, then try again.</source>
        <translation>Compruebe la conexión de red y la dirección del servidor, y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Consent is needed: request a new passcode and ask the Sage 50 administrator to grant access again.</source>
        <translation>Hace falta el consentimiento: pida un código de acceso nuevo y solicite al administrador de Sage 50 que vuelva a conceder el acceso.</translation>
    </message>
    <message>
        <source>Consent was not granted. Request a new passcode and ask the Sage 50 administrator to approve it.</source>
        <translation>No se concedió el consentimiento. Pida un código de acceso nuevo y solicite al administrador de Sage 50 que lo apruebe.</translation>
    </message>
    <message>
        <source>No credential store is available. On Linux install and unlock a Secret Service provider (GNOME Keyring or KWallet); on Windows and macOS the system one is used. To choose a backend explicitly, set PYTHON_KEYRING_BACKEND.</source>
        <translation>No hay ningún almacén de credenciales. En Linux instale y desbloquee un proveedor de Secret Service (GNOME Keyring o KWallet); en Windows y macOS se usa el del sistema. Para elegir uno concreto, defina PYTHON_KEYRING_BACKEND.</translation>
    </message>
    <message>
        <source>Only Sage 50 delivers this data set; it cannot be uploaded.</source>
        <translation>Este conjunto de datos solo lo entrega Sage 50; no se puede enviar.</translation>
    </message>
    <message>
        <source>Sage 50 has not published this data set yet. Try again later.</source>
        <translation>Sage 50 aún no ha publicado este conjunto de datos. Vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>The API key expired; the app renews it by itself.</source>
        <translation>La clave de API caducó; la aplicación la renueva sola.</translation>
    </message>
    <message>
        <source>The API key is not valid. Grant consent again.</source>
        <translation>La clave de API no es válida. Conceda de nuevo el consentimiento.</translation>
    </message>
    <message>
        <source>The application ID is unknown. Copy it again from the registration e-mail.</source>
        <translation>El ID de aplicación no existe. Cópielo de nuevo del correo de registro.</translation>
    </message>
    <message>
        <source>The consent does not cover this domain. Ask the Sage 50 administrator to grant it.</source>
        <translation>El consentimiento no cubre este dominio. Pida al administrador de Sage 50 que lo conceda.</translation>
    </message>
    <message>
        <source>The developer ID is unknown. Copy it again from the registration e-mail.</source>
        <translation>El ID de desarrollador no existe. Cópielo de nuevo del correo de registro.</translation>
    </message>
    <message>
        <source>The disk that holds the app&apos;s data is full. Free some space, or keep fewer versions per data set in Settings, then download again. The previous version is kept.</source>
        <translation>El disco donde la aplicación guarda sus datos está lleno. Libere espacio, o conserve menos versiones por conjunto de datos en Ajustes, y vuelva a descargar. Se conserva la versión anterior.</translation>
    </message>
    <message>
        <source>The download arrived damaged and was discarded. Download it again.</source>
        <translation>La descarga llegó dañada y se descartó. Descárguela de nuevo.</translation>
    </message>
    <message>
        <source>The download or upload link expired. Start the operation again.</source>
        <translation>El enlace de descarga o de envío caducó. Empiece de nuevo la operación.</translation>
    </message>
    <message>
        <source>The downloaded file is not a valid scope file. The previous version is kept.</source>
        <translation>El fichero descargado no es un fichero válido del conjunto de datos. Se conserva la versión anterior.</translation>
    </message>
    <message>
        <source>The file changed or broke while uploading. Upload it again.</source>
        <translation>El archivo cambió o se dañó durante el envío. Envíelo de nuevo.</translation>
    </message>
    <message>
        <source>The file is larger than the platform accepts (256 MiB). Split it into smaller files.</source>
        <translation>El archivo supera lo que admite la plataforma (256 MiB). Divídalo en archivos más pequeños.</translation>
    </message>
    <message>
        <source>The passcode is unknown. Request a new passcode.</source>
        <translation>El código de acceso no existe. Pida uno nuevo.</translation>
    </message>
    <message>
        <source>The platform does not know this upload (wrong ID, or too old).</source>
        <translation>La plataforma no conoce este envío (ID incorrecto o demasiado antiguo).</translation>
    </message>
    <message>
        <source>The secret does not match this passcode. Request a new passcode.</source>
        <translation>El secreto no corresponde a este código de acceso. Pida uno nuevo.</translation>
    </message>
    <message>
        <source>The secret must have at least 32 characters; let the app generate one.</source>
        <translation>El secreto debe tener al menos 32 caracteres; deje que la aplicación genere uno.</translation>
    </message>
    <message>
        <source>The server answered something unexpected. Check that the address points at the Sage 50 Cloud API.</source>
        <translation>El servidor respondió algo inesperado. Compruebe que la dirección apunta a la API de Sage 50 Cloud.</translation>
    </message>
    <message>
        <source>The server does not answer. Check the address in the connection settings, or start the sandbox, then retry.</source>
        <translation>El servidor no responde. Compruebe la dirección en los ajustes de la conexión, o inicie el entorno de pruebas, y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The server is busy or having trouble. The app retries by itself; try again in a minute.</source>
        <translation>El servidor está ocupado o tiene problemas. La aplicación reintenta sola; pruebe de nuevo en un minuto.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted by this computer. If your company uses its own certificate authority, choose its CA bundle in Settings (Custom CA bundle) or install it in the system&apos;s trust store; otherwise check the address.</source>
        <translation>Este equipo no confía en el certificado del servidor. Si su empresa usa su propia autoridad de certificación, elija su fichero de CA en Ajustes (Paquete de CA propio) o instálela en el almacén de confianza del sistema; si no, compruebe la dirección.</translation>
    </message>
    <message>
        <source>This connection has no stored credentials: run the consent step again.</source>
        <translation>Esta conexión no tiene credenciales guardadas: repita el paso de consentimiento.</translation>
    </message>
    <message>
        <source>This connection was set up before the app kept the consent&apos;s initial API key, which every key renewal now needs. Consent must be given again: request a new passcode and ask the Sage 50 administrator to grant access.</source>
        <translation>Esta conexión se configuró antes de que la aplicación guardara la clave de API inicial del consentimiento, que ahora necesita cada renovación de la clave. Hay que dar el consentimiento de nuevo: pida un nuevo código de acceso y solicite a quien administra Sage 50 que conceda el acceso.</translation>
    </message>
    <message>
        <source>This platform does not offer polling for the passcode. Receive the key on an address of this computer (--listen), or paste the key your application&apos;s approvalUrl receiver got (--paste).</source>
        <translation>Esta plataforma no permite consultar el código de acceso. Reciba la clave en una dirección de este ordenador (--listen) o pegue la clave que recibió el receptor de la approvalUrl de su aplicación (--paste).</translation>
    </message>
    <message>
        <source>Try again. If it keeps failing, check the log file.</source>
        <translation>Vuelva a intentarlo. Si sigue fallando, consulte el archivo de registro.</translation>
    </message>
    <message>
        <source>Use an https:// address, or allow plain HTTP for this connection explicitly in its settings.</source>
        <translation>Use una dirección https://, o permita HTTP sin cifrar para esta conexión de forma explícita en sus ajustes.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Algo ha fallado</translation>
    </message>
    <message>
        <source>Consent is needed</source>
        <translation>Hace falta el consentimiento</translation>
    </message>
    <message>
        <source>The server cannot be reached</source>
        <translation>No se puede contactar con el servidor</translation>
    </message>
    <message>
        <source>No credential store is available</source>
        <translation>No hay ningún almacén de credenciales</translation>
    </message>
    <message>
        <source>The server is having trouble</source>
        <translation>El servidor tiene problemas</translation>
    </message>
    <message>
        <source>Not published yet</source>
        <translation>Aún no publicado</translation>
    </message>
    <message>
        <source>The server refused the request</source>
        <translation>El servidor rechazó la petición</translation>
    </message>
    <message>
        <source>The operation failed</source>
        <translation>La operación falló</translation>
    </message>
    <message>
        <source>The server gave a link the app does not follow (not https, with a password, or not a web address). Check that the address points at the Sage 50 Cloud API; if the problem stays, report it to the platform.</source>
        <translation>El servidor indicó un enlace que la aplicación no sigue (no es https, lleva una contraseña o no es una dirección web). Compruebe que la dirección apunta a la API de Sage 50 Cloud; si el problema continúa, comuníqueselo a la plataforma.</translation>
    </message>
    <message>
        <source>Remove the user name and password from the address (the part before '@'): the app signs in with its API key, never with a password in the address.</source>
        <translation>Quite el usuario y la contraseña de la dirección (la parte antes de «@»): la aplicación se identifica con su clave de API, nunca con una contraseña en la dirección.</translation>
    </message>
    <message>
        <source>Enter the full address, for example https://api.example.com.</source>
        <translation>Escriba la dirección completa, por ejemplo https://api.example.com.</translation>
    </message>
    <message>
        <source>The server sent far more data than expected and the app stopped reading. Check that the address points at the Sage 50 Cloud API; if it does, report it to the platform.</source>
        <translation>El servidor envió muchos más datos de lo esperado y la aplicación dejó de leer. Compruebe que la dirección apunta a la API de Sage 50 Cloud; si es así, comuníqueselo a la plataforma.</translation>
    </message>
    <message>
        <source>The server sent the file far too slowly and the app stopped waiting. Check the network connection and try again later.</source>
        <translation>El servidor enviaba el archivo demasiado despacio y la aplicación dejó de esperar. Compruebe la conexión de red y vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>The server gave an upload ID the app cannot use. Nothing was sent. Check that the address points at the Sage 50 Cloud API; if it keeps happening, report it to the platform.</source>
        <translation>El servidor indicó un ID de envío que la aplicación no puede usar. No se envió nada. Compruebe que la dirección apunta a la API de Sage 50 Cloud; si vuelve a ocurrir, comuníqueselo a la plataforma.</translation>
    </message>
    <message>
        <source>The server gave this new upload the ID of an earlier upload, so the file was not sent (it would mix up the two). Try again; if it keeps happening, report it to the platform.</source>
        <translation>El servidor dio a este envío nuevo el ID de un envío anterior, así que el archivo no se envió (se mezclarían los dos). Vuelva a intentarlo; si vuelve a ocurrir, comuníqueselo a la plataforma.</translation>
    </message>
    <message>
        <source>The connection was not changed: its stored key and secret belong to the old server and could not be deleted from the credential store. Unlock or repair the credential store, then try again (or remove the connection and add it anew).</source>
        <translation>La conexión no se cambió: su clave y su secreto guardados pertenecen al servidor anterior y no se pudieron borrar del almacén de credenciales. Desbloquee o repare el almacén de credenciales y vuelva a intentarlo (o quite la conexión y añádala de nuevo).</translation>
    </message>
</context>
<context>
    <name>InfoBar</name>
    <message>
        <source>Hide this message</source>
        <translation>Ocultar este mensaje</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No connection yet</source>
        <translation>Todavía no hay ninguna conexión</translation>
    </message>
    <message>
        <source>Connect this app to a company&apos;s Sage 50: the connection assistant walks you through registration and consent. To look around first, start the app with --sandbox for a test connection with demo data.</source>
        <translation>Conecte esta aplicación al Sage 50 de una empresa: el asistente de conexión le guía por el registro y el consentimiento. Para echar un vistazo antes, inicie la aplicación con --sandbox y tendrá una conexión de pruebas con datos de demostración.</translation>
    </message>
    <message>
        <source>Add connection…</source>
        <translation>Añadir conexión…</translation>
    </message>
    <message>
        <source>TEST</source>
        <translation>PRUEBAS</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test connection&lt;/b&gt; to the bundled sandbox at %1. Nothing done here reaches a real Sage 50. Sandbox credentials are kept in memory only and renewed at every start.</source>
        <translation>&lt;b&gt;Conexión de pruebas&lt;/b&gt; con el entorno de pruebas incluido en %1. Nada de lo que se haga aquí llega a un Sage 50 real. Las credenciales de pruebas se guardan solo en memoria y se renuevan en cada inicio.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consent needed for “%1”.&lt;/b&gt; Sage 50 withdrew this app&apos;s access, or it has no valid key. </source>
        <translation>&lt;b&gt;Hace falta el consentimiento para «%1».&lt;/b&gt; Sage 50 retiró el acceso de esta aplicación o no tiene una clave válida. </translation>
    </message>
    <message>
        <source>Everything fetched until %1 stays browsable offline.</source>
        <translation>Todo lo obtenido hasta el %1 se puede seguir consultando sin conexión.</translation>
    </message>
    <message>
        <source>Nothing was fetched yet.</source>
        <translation>Todavía no se ha obtenido nada.</translation>
    </message>
    <message>
        <source>Run consent again</source>
        <translation>Repetir el consentimiento</translation>
    </message>
    <message>
        <source>Export the activity history</source>
        <translation>Exportar el historial de actividad</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>Afecta a</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message numerus="yes">
        <source>%n activity entries exported</source>
        <translation>
            <numerusform>%n entrada de actividad exportada</numerusform>
            <numerusform>%n entradas de actividad exportadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Add connection</source>
        <translation>Añadir conexión</translation>
    </message>
    <message>
        <source>Selected page</source>
        <translation>Página seleccionada</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>&amp;Conexión</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Add connection…</source>
        <translation>&amp;Añadir conexión…</translation>
    </message>
    <message>
        <source>&amp;Export activity as CSV…</source>
        <translation>&amp;Exportar la actividad como CSV…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Renew API &amp;key now</source>
        <translation>Renovar la &amp;clave de API ahora</translation>
    </message>
    <message>
        <source>Run &amp;consent again…</source>
        <translation>Repetir el &amp;consentimiento…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Cambiar &amp;nombre…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Quitar…</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Abrir la carpeta de &amp;registros</translation>
    </message>
    <message>
        <source>Open &amp;data folder</source>
        <translation>Abrir la carpeta de &amp;datos</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>&amp;Actividad</translation>
    </message>
    <message>
        <source>&amp;Sidebar</source>
        <translation>&amp;Barra lateral</translation>
    </message>
    <message>
        <source>Go to &amp;connections</source>
        <translation>Ir a las &amp;conexiones</translation>
    </message>
    <message>
        <source>Go to a&amp;ctivity</source>
        <translation>Ir a la ac&amp;tividad</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>Acerca de %1</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Acerca de %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Administration of a Sage 50 Cloud file-exchange integration: connections, key renewal, published data sets and uploads.&lt;/p&gt;&lt;p&gt;Data: %3&lt;br&gt;Logs: %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Administración de una integración de intercambio de archivos de Sage 50 Cloud: conexiones, renovación de clave, conjuntos de datos publicados y envíos.&lt;/p&gt;&lt;p&gt;Datos: %3&lt;br&gt;Registros: %4&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Consent for this connection was withdrawn or is missing. Run the consent step again to reconnect.</source>
        <translation>El consentimiento de esta conexión se retiró o falta. Repita el paso de consentimiento para volver a conectar.</translation>
    </message>
    <message>
        <source>Getting consent for this connection…</source>
        <translation>Obteniendo el consentimiento para esta conexión…</translation>
    </message>
    <message>
        <source>Consent needed</source>
        <translation>Hace falta el consentimiento</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Run consent again</source>
        <translation>Repetir el consentimiento</translation>
    </message>
    <message>
        <source>No data yet.</source>
        <translation>Todavía no hay datos.</translation>
    </message>
    <message>
        <source>Asking the server for the published data sets…</source>
        <translation>Preguntando al servidor por los conjuntos de datos publicados…</translation>
    </message>
    <message>
        <source>Nothing fetched yet</source>
        <translation>Todavía no se ha consultado nada</translation>
    </message>
    <message>
        <source>Ask the server which data sets Sage 50 has published.</source>
        <translation>Pregunte al servidor qué conjuntos de datos ha publicado Sage 50.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Showing the data fetched on %1.</source>
        <translation>Se muestran los datos obtenidos el %1.</translation>
    </message>
    <message>
        <source>%1 — showing the data fetched on %2.</source>
        <translation>%1: se muestran los datos obtenidos el %2.</translation>
    </message>
</context>
<context>
    <name>ProfileActions</name>
    <message>
        <source>Rename connection</source>
        <translation>Cambiar el nombre de la conexión</translation>
    </message>
    <message>
        <source>New name of the connection “%1”:</source>
        <translation>Nombre nuevo de la conexión «%1»:</translation>
    </message>
    <message>
        <source>A connection needs a name.</source>
        <translation>Una conexión necesita un nombre.</translation>
    </message>
    <message>
        <source>A connection named “%1” exists already. Choose another name.</source>
        <translation>Ya existe una conexión llamada «%1». Elija otro nombre.</translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation>Quitar conexión</translation>
    </message>
    <message>
        <source>Remove the connection “%1”?</source>
        <translation>¿Quitar la conexión «%1»?</translation>
    </message>
    <message>
        <source>Its throwaway sandbox credentials are forgotten.</source>
        <translation>Se olvidan sus credenciales desechables de pruebas.</translation>
    </message>
    <message>
        <source>Its API key and secret are deleted from the system credential store; to connect again you will need a new consent in Sage 50.</source>
        <translation>Su clave de API y su secreto se borran del almacén de credenciales del sistema; para volver a conectar hará falta un consentimiento nuevo en Sage 50.</translation>
    </message>
    <message>
        <source>Its local data is deleted too: downloaded data sets, the saved copies of uploaded files and their results, the upload history, the cached listing and its Activity entries. This cannot be undone.</source>
        <translation>También se borran sus datos locales: los conjuntos de datos descargados, las copias guardadas de los archivos enviados y sus resultados, el historial de envíos, la lista guardada y sus entradas de Actividad. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>The credentials could not be deleted: %1</source>
        <translation>No se pudieron borrar las credenciales: %1</translation>
    </message>
</context>
<context>
    <name>Scopes</name>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <source>E-commerce</source>
        <translation>Comercio electrónico</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Check for new versions every (seconds)</source>
        <translation>Buscar versiones nuevas cada (segundos)</translation>
    </message>
    <message>
        <source>Download new versions automatically</source>
        <translation>Descargar las versiones nuevas automáticamente</translation>
    </message>
    <message>
        <source>Versions kept per data set</source>
        <translation>Versiones guardadas por conjunto de datos</translation>
    </message>
    <message>
        <source>Proxy (e.g. http://proxy:3128; empty for none)</source>
        <translation>Proxy (p. ej. http://proxy:3128; vacío si no hay)</translation>
    </message>
    <message>
        <source>Custom CA bundle file (empty for the system&apos;s)</source>
        <translation>Archivo de certificados de CA propio (vacío para usar el del sistema)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Renew the API key this long before it expires (seconds)</source>
        <translation>Renovar la clave de API con esta antelación (segundos)</translation>
    </message>
    <message>
        <source>Wait for a late result file up to (seconds)</source>
        <translation>Esperar un archivo de resultado tardío hasta (segundos)</translation>
    </message>
    <message>
        <source>CSV exports use &apos;;&apos; (Spanish Excel)</source>
        <translation>Las exportaciones CSV usan &apos;;&apos; (Excel en español)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Log files: %1</source>
        <translation>Archivos de registro: %1</translation>
    </message>
    <message>
        <source>Proxy, certificate and key renewal changes apply to every connection at once (open connections reconnect).</source>
        <translation>Los cambios de proxy, certificados y renovación de clave se aplican a todas las conexiones a la vez (las conexiones abiertas se vuelven a conectar).</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>El del sistema</translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation>Elegir un archivo de certificados de CA</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificados (*.pem *.crt *.cer);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>TEST</source>
        <translation>PRUEBAS</translation>
    </message>
    <message>
        <source>%1: send files to Sage 50 (upload)</source>
        <translation>%1: enviar archivos a Sage 50 (envío)</translation>
    </message>
    <message>
        <source>%1: not published yet</source>
        <translation>%1: aún no publicado</translation>
    </message>
    <message>
        <source>%1: version %2, published %3; checked %4</source>
        <translation>%1: versión %2, publicada el %3; comprobado el %4</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Versión nueva</translation>
    </message>
    <message>
        <source>New version: not downloaded yet</source>
        <translation>Versión nueva: aún no descargada</translation>
    </message>
    <message>
        <source>New version: %1 downloaded</source>
        <translation>Versión nueva: descargada la %1</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>consent needed</source>
        <translation>hace falta el consentimiento</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>conectando…</translation>
    </message>
    <message>
        <source>not connected yet</source>
        <translation>aún sin conectar</translation>
    </message>
    <message>
        <source>Connections and data sets</source>
        <translation>Conexiones y conjuntos de datos</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>No connection selected</source>
        <translation>Ninguna conexión seleccionada</translation>
    </message>
    <message>
        <source>Getting consent…</source>
        <translation>Obteniendo el consentimiento…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Connection error</source>
        <translation>Error de conexión</translation>
    </message>
    <message>
        <source>Consent needed</source>
        <translation>Hace falta el consentimiento</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation>Aún sin conectar</translation>
    </message>
    <message>
        <source>%1 (test)</source>
        <translation>%1 (pruebas)</translation>
    </message>
    <message>
        <source>Last key renewal %1</source>
        <translation>Última renovación de clave: %1</translation>
    </message>
    <message>
        <source>No key renewal yet</source>
        <translation>Ninguna renovación de clave todavía</translation>
    </message>
    <message>
        <source>No valid API key</source>
        <translation>Sin clave de API válida</translation>
    </message>
    <message>
        <source>API key: expiry unknown</source>
        <translation>Clave de API: caducidad desconocida</translation>
    </message>
    <message>
        <source>API key expired (renewed on next use)</source>
        <translation>La clave de API caducó (se renueva en el próximo uso)</translation>
    </message>
    <message>
        <source>API key expires in %1 s</source>
        <translation>La clave de API caduca en %1 s</translation>
    </message>
    <message>
        <source>API key expires in %1 min</source>
        <translation>La clave de API caduca en %1 min</translation>
    </message>
    <message>
        <source>API key expires in %1 h %2 min</source>
        <translation>La clave de API caduca en %1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) running</source>
        <translation>
            <numerusform>%n tarea en curso</numerusform>
            <numerusform>%n tareas en curso</numerusform>
        </translation>
    </message>
    <message>
        <source>No tasks running</source>
        <translation>Ninguna tarea en curso</translation>
    </message>
</context>
<context>
    <name>UploadsPage</name>
    <message>
        <source>Test connection: uploads go to the bundled sandbox, never to a real Sage 50.</source>
        <translation>Conexión de pruebas: los envíos van al entorno de pruebas incluido, nunca a un Sage 50 real.</translation>
    </message>
    <message>
        <source>Production connection “%1”: uploads reach the real Sage 50 of this company.</source>
        <translation>Conexión de producción «%1»: los envíos llegan al Sage 50 real de esta empresa.</translation>
    </message>
</context>
<context>
    <name>WizardLauncher</name>
    <message>
        <source>Connection assistant</source>
        <translation>Asistente de conexión</translation>
    </message>
    <message>
        <source>The connection assistant is not part of this build, so connections cannot be added or consented here. Use the command line (sage50 register / sage50 consent), or start the demo with sage50-desktop --sandbox.</source>
        <translation>El asistente de conexión no forma parte de esta versión, así que aquí no se pueden añadir conexiones ni dar el consentimiento. Use la línea de órdenes (sage50 register / sage50 consent) o inicie la demostración con sage50-desktop --sandbox.</translation>
    </message>
</context>
</TS>
