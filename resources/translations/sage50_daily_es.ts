<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>ResendDialog</name>
    <message>
      <source>Orders already accepted</source>
      <translation>Pedidos ya aceptados</translation>
    </message>
    <message numerus="yes">
      <source>%n order(s) in this file were already accepted on this connection.</source>
      <translation>
        <numerusform>%n pedido de este fichero ya se aceptó en esta conexión.</numerusform>
        <numerusform>%n pedidos de este fichero ya se aceptaron en esta conexión.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>and %n more</source>
      <translation>
        <numerusform>y %n más</numerusform>
        <numerusform>y %n más</numerusform>
      </translation>
    </message>
    <message>
      <source>Already accepted: %1.</source>
      <translation>Ya aceptados: %1.</translation>
    </message>
    <message>
      <source>Accepted by upload %1 on %2.</source>
      <translation>Aceptados por el envío %1 el %2.</translation>
    </message>
    <message>
      <source>Accepted by upload %1.</source>
      <translation>Aceptados por el envío %1.</translation>
    </message>
    <message>
      <source>Sending them again can create them twice in Sage 50. Nothing has been sent yet.</source>
      <translation>Enviarlos de nuevo puede crearlos dos veces en Sage 50. Todavía no se ha enviado nada.</translation>
    </message>
    <message numerus="yes">
      <source>Send %n order(s) again</source>
      <translation>
        <numerusform>Enviar %n pedido de nuevo</numerusform>
        <numerusform>Enviar %n pedidos de nuevo</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DonePage</name>
    <message>
      <source>The secret, the consent's initial API key and the current API key are stored apart, as three entries in &lt;b&gt;%1&lt;/b&gt;: &lt;code&gt;%2&lt;/code&gt;, &lt;code&gt;%3&lt;/code&gt; and &lt;code&gt;%5&lt;/code&gt; (account &lt;code&gt;%4&lt;/code&gt;).</source>
      <translation>El secreto, la clave de API inicial del consentimiento y la clave de API actual se guardan por separado, como tres entradas en &lt;b&gt;%1&lt;/b&gt;: &lt;code&gt;%2&lt;/code&gt;, &lt;code&gt;%3&lt;/code&gt; y &lt;code&gt;%5&lt;/code&gt; (cuenta &lt;code&gt;%4&lt;/code&gt;).</translation>
    </message>
  </context>
  <context>
    <name>CredentialText</name>
    <message>
      <source>%1 (the system credential store)</source>
      <translation>%1 (el almacén de credenciales del sistema)</translation>
    </message>
    <message>
      <source>memory only (sandbox connections get fresh credentials at every start)</source>
      <translation>solo en memoria (las conexiones de prueba obtienen credenciales nuevas en cada inicio)</translation>
    </message>
    <message>
      <source>no credential store is available on this computer</source>
      <translation>no hay ningún almacén de credenciales en este equipo</translation>
    </message>
    <message>
      <source>⚠ a file, encrypted: %1 (%2)</source>
      <translation>⚠ un fichero, cifrado: %1 (%2)</translation>
    </message>
    <message>
      <source>⚠ a file, NOT encrypted: %1 (%2)</source>
      <translation>⚠ un fichero, SIN cifrar: %1 (%2)</translation>
    </message>
    <message>
      <source>⚠ a file (encryption unknown): %1 (%2)</source>
      <translation>⚠ un fichero (cifrado desconocido): %1 (%2)</translation>
    </message>
    <message>
      <source>location unknown</source>
      <translation>ubicación desconocida</translation>
    </message>
    <message>
      <source>⚠ %1 (a keyring backend this app does not know)</source>
      <translation>⚠ %1 (un almacén de claves que esta aplicación no conoce)</translation>
    </message>
    <message>
      <source>%1 is the system credential store: the app writes the API key and the secret to no file of its own and never to the log.</source>
      <translation>%1 es el almacén de credenciales del sistema: la aplicación no escribe la clave de API ni el secreto en ningún fichero propio ni en el registro.</translation>
    </message>
    <message>
      <source>They are kept in memory only, for this session: sandbox connections get fresh credentials at every start.</source>
      <translation>Se guardan solo en memoria, para esta sesión: las conexiones de prueba obtienen credenciales nuevas en cada inicio.</translation>
    </message>
    <message>
      <source>To keep them in the system credential store instead, install %1 and start the app without PYTHON_KEYRING_BACKEND.</source>
      <translation>Para guardarlos en el almacén de credenciales del sistema, instale %1 e inicie la aplicación sin PYTHON_KEYRING_BACKEND.</translation>
    </message>
    <message>
      <source>To keep them in the system credential store instead, start the app without PYTHON_KEYRING_BACKEND.</source>
      <translation>Para guardarlos en el almacén de credenciales del sistema, inicie la aplicación sin PYTHON_KEYRING_BACKEND.</translation>
    </message>
    <message>
      <source>a location it chooses</source>
      <translation>una ubicación que él elige</translation>
    </message>
    <message>
      <source>Warning: the keyring backend %1 keeps the API key and the secret in a file, %2, encrypted with its own password. Anyone with that file and the password can read them.</source>
      <translation>Atención: el almacén de claves %1 guarda la clave de API y el secreto en un fichero, %2, cifrado con su propia contraseña. Quien tenga ese fichero y la contraseña puede leerlos.</translation>
    </message>
    <message>
      <source>Warning: the keyring backend %1 keeps the API key and the secret in a file, %2, NOT encrypted: anyone who can read that file can use this connection.</source>
      <translation>Atención: el almacén de claves %1 guarda la clave de API y el secreto en un fichero, %2, SIN cifrar: cualquiera que pueda leer ese fichero puede usar esta conexión.</translation>
    </message>
    <message>
      <source>Warning: the keyring backend %1 keeps the API key and the secret in a file, %2; this app cannot tell whether it is encrypted.</source>
      <translation>Atención: el almacén de claves %1 guarda la clave de API y el secreto en un fichero, %2; esta aplicación no puede saber si está cifrado.</translation>
    </message>
    <message>
      <source>Warning: %1 is a keyring backend this app does not know; it cannot tell whether it writes the API key and the secret to a file.</source>
      <translation>Atención: %1 es un almacén de claves que esta aplicación no conoce; no puede saber si escribe la clave de API y el secreto en un fichero.</translation>
    </message>
    <message>
      <source>No Secret Service is running, so there is nowhere safe to keep the API key and the secret. Install and unlock %1, then click Retry: the app looks again without a restart.</source>
      <translation>No hay ningún Secret Service en marcha, así que no hay dónde guardar con seguridad la clave de API y el secreto. Instale y desbloquee %1 y pulse Reintentar: la aplicación vuelve a buscar sin reiniciarse.</translation>
    </message>
    <message>
      <source>No credential store is available on this computer. Unlock the system credential store, then click Retry.</source>
      <translation>No hay ningún almacén de credenciales en este equipo. Desbloquee el almacén de credenciales del sistema y pulse Reintentar.</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>No credential store is available. On Linux install and unlock a Secret Service provider (GNOME Keyring, KWallet or KeePassXC with its Secret Service integration), then click Retry; on Windows and macOS the system one is used. To choose a backend explicitly, set PYTHON_KEYRING_BACKEND.</source>
      <translation>No hay ningún almacén de credenciales. En Linux instale y desbloquee un proveedor de Secret Service (GNOME Keyring, KWallet o KeePassXC con su integración de Secret Service) y pulse Reintentar; en Windows y macOS se usa el del sistema. Para elegir uno expresamente, defina PYTHON_KEYRING_BACKEND.</translation>
    </message>
  </context>
  <context>
    <name>ExportMenu</name>
    <message>
      <source>“%1” is a folder. Choose a file name, not a folder.</source>
      <translation>«%1» es una carpeta. Elija un nombre de fichero, no una carpeta.</translation>
    </message>
    <message>
      <source>“%1” is not a regular file (a link, a device or a pipe); the export only replaces regular files. Choose another name.</source>
      <translation>«%1» no es un fichero normal (es un enlace, un dispositivo o una tubería); la exportación solo sustituye ficheros normales. Elija otro nombre.</translation>
    </message>
    <message>
      <source>The folder of “%1” does not exist. Choose another folder.</source>
      <translation>La carpeta de «%1» no existe. Elija otra carpeta.</translation>
    </message>
    <message>
      <source>This app may not write “%1”. Choose another folder.</source>
      <translation>Esta aplicación no tiene permiso para escribir «%1». Elija otra carpeta.</translation>
    </message>
    <message>
      <source>The disk is full. Free some space or choose another drive, then export again.</source>
      <translation>El disco está lleno. Libere espacio o elija otra unidad y vuelva a exportar.</translation>
    </message>
    <message>
      <source>Excel holds at most 1,048,575 records in a sheet. Export this view as CSV, or narrow it with a search or a filter.</source>
      <translation>Excel admite como máximo 1.048.575 registros por hoja. Exporte esta vista como CSV o redúzcala con una búsqueda o un filtro.</translation>
    </message>
    <message>
      <source>The export of “%1” was not written. Check the folder and the free space, then try again.</source>
      <translation>La exportación a «%1» no se ha escrito. Compruebe la carpeta y el espacio libre y vuelva a intentarlo.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
    <message>
      <source>Stop the export; nothing is written</source>
      <translation>Detener la exportación; no se escribe nada</translation>
    </message>
    <message>
      <source>Exporting to %1…</source>
      <translation>Exportando a %1…</translation>
    </message>
    <message>
      <source>Current view as Excel (XLSX)…</source>
      <translation>Vista actual como Excel (XLSX)…</translation>
    </message>
    <message>
      <source>Whole version as Excel (XLSX)…</source>
      <translation>Versión completa como Excel (XLSX)…</translation>
    </message>
    <message>
      <source>Current view: the search, the filters, the sort order and the visible columns, as the table shows them</source>
      <translation>Vista actual: la búsqueda, los filtros, el orden y las columnas visibles, tal como los muestra la tabla</translation>
    </message>
    <message>
      <source>Excel workbooks (*.xlsx)</source>
      <translation>Libros de Excel (*.xlsx)</translation>
    </message>
  </context>
  <context>
    <name>Validation</name>
    <message>
      <source>required field is missing</source>
      <translation>falta un campo obligatorio</translation>
    </message>
    <message>
      <source>should be %1, not %2</source>
      <translation>debería ser %1, no %2</translation>
    </message>
    <message>
      <source>must not be empty</source>
      <translation>no puede estar vacío</translation>
    </message>
    <message>
      <source>must have at least %1 characters</source>
      <translation>debe tener al menos %1 caracteres</translation>
    </message>
    <message>
      <source>must have at most %1 characters</source>
      <translation>debe tener como máximo %1 caracteres</translation>
    </message>
    <message>
      <source>needs at least %1 items</source>
      <translation>necesita al menos %1 elementos</translation>
    </message>
    <message>
      <source>may have at most %1 items</source>
      <translation>puede tener como máximo %1 elementos</translation>
    </message>
    <message>
      <source>must be at least %1 (is %2)</source>
      <translation>debe ser al menos %1 (es %2)</translation>
    </message>
    <message>
      <source>must be at most %1 (is %2)</source>
      <translation>debe ser como máximo %1 (es %2)</translation>
    </message>
    <message>
      <source>must be greater than %1 (is %2)</source>
      <translation>debe ser mayor que %1 (es %2)</translation>
    </message>
    <message>
      <source>must be less than %1 (is %2)</source>
      <translation>debe ser menor que %1 (es %2)</translation>
    </message>
    <message>
      <source>has the wrong format (%1 does not match %2)</source>
      <translation>tiene un formato incorrecto (%1 no cumple %2)</translation>
    </message>
    <message>
      <source>must be one of %1</source>
      <translation>debe ser uno de %1</translation>
    </message>
    <message>
      <source>is not a valid %1 (%2)</source>
      <translation>no tiene el formato de %1 (%2)</translation>
    </message>
    <message>
      <source>must be %1</source>
      <translation>debe ser %1</translation>
    </message>
    <message>
      <source>duplicate id: record #%1 has the same id</source>
      <translation>id repetido: el registro n.º %1 tiene el mismo id</translation>
    </message>
    <message>
      <source>The file cannot be read: %1.</source>
      <translation>No se puede leer el fichero: %1.</translation>
    </message>
    <message>
      <source>The file is not UTF-8 text (invalid bytes at byte %1).</source>
      <translation>El fichero no es texto UTF-8 (bytes no válidos en el byte %1).</translation>
    </message>
    <message>
      <source>The file is not valid JSON after %1 record(s) (%2).</source>
      <translation>El fichero no es JSON válido tras %1 registro(s) (%2).</translation>
    </message>
    <message>
      <source>The file is not valid JSON (%1).</source>
      <translation>El fichero no es JSON válido (%1).</translation>
    </message>
    <message>
      <source>The text is not valid JSON (line %1, column %2): %3.</source>
      <translation>El texto no es JSON válido (línea %1, columna %2): %3.</translation>
    </message>
    <message>
      <source>The text must be a JSON array of orders, inside [ … ].</source>
      <translation>El texto debe ser una lista JSON de pedidos, entre [ … ].</translation>
    </message>
    <message>
      <source>There are no orders to upload.</source>
      <translation>No hay pedidos que enviar.</translation>
    </message>
    <message>
      <source>an object</source>
      <translation>un objeto</translation>
    </message>
    <message>
      <source>a list</source>
      <translation>una lista</translation>
    </message>
    <message>
      <source>text</source>
      <translation>texto</translation>
    </message>
    <message>
      <source>a number</source>
      <translation>un número</translation>
    </message>
    <message>
      <source>a whole number</source>
      <translation>un número entero</translation>
    </message>
    <message>
      <source>true or false</source>
      <translation>verdadero o falso</translation>
    </message>
    <message>
      <source>date and time (like 2025-01-31T12:00:00Z)</source>
      <translation>una fecha y hora (como 2025-01-31T12:00:00Z)</translation>
    </message>
    <message>
      <source>e-mail address</source>
      <translation>una dirección de correo electrónico</translation>
    </message>
  </context>
  <context>
    <name>Activity</name>
    <message numerus="yes">
      <source>%n record(s) stored</source>
      <translation>
        <numerusform>%n registro guardado</numerusform>
        <numerusform>%n registros guardados</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n record(s)</source>
      <translation>
        <numerusform>%n registro</numerusform>
        <numerusform>%n registros</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 of %2 records</source>
      <translation>%1 de %2 registros</translation>
    </message>
  </context>
  <context>
    <name>Versions</name>
    <message>
      <source>%1 · %2</source>
      <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
      <source>Version %1, downloaded %2, %n record(s)</source>
      <translation>
        <numerusform>Versión %1, descargada el %2, %n registro</numerusform>
        <numerusform>Versión %1, descargada el %2, %n registros</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ScopePage</name>
    <message>
      <source>(latest)</source>
      <translation>(la más reciente)</translation>
    </message>
    <message>
      <source>Version of %1 — not the latest</source>
      <translation>Versión del %1 — no es la más reciente</translation>
    </message>
    <message>
      <source>Back to latest</source>
      <translation>Volver a la más reciente</translation>
    </message>
    <message>
      <source>Auto-download</source>
      <translation>Descarga automática</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>Detalles</translation>
    </message>
    <message>
      <source>Show or hide the record's fields beside the table</source>
      <translation>Mostrar u ocultar los campos del registro junto a la tabla</translation>
    </message>
    <message>
      <source>History</source>
      <translation>Historial</translation>
    </message>
    <message>
      <source>Show or hide the versions and their changes below the table</source>
      <translation>Mostrar u ocultar las versiones y sus cambios bajo la tabla</translation>
    </message>
    <message>
      <source>Search all text fields…</source>
      <translation>Buscar en el texto…</translation>
    </message>
  </context>
  <context>
    <name>OpenLink</name>
    <message>
      <source>Could not open it</source>
      <translation>No se ha podido abrir</translation>
    </message>
    <message>
      <source>No web browser or file manager could be started. Open this address yourself:</source>
      <translation>No se ha podido abrir ningún navegador ni explorador de archivos. Abra usted esta dirección:</translation>
    </message>
    <message>
      <source>Copy address</source>
      <translation>Copiar la dirección</translation>
    </message>
    <message>
      <source>Copied</source>
      <translation>Copiada</translation>
    </message>
  </context>
  <context>
    <name>Page</name>
    <message>
      <source>Nothing can be fetched until consent is given again: use “Run consent again” in the banner above.</source>
      <translation>No se puede obtener nada hasta que se vuelva a dar el consentimiento: use «Repetir el consentimiento» en el aviso de arriba.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Uploads are still being tracked</source>
      <translation>Aún se están siguiendo envíos</translation>
    </message>
    <message numerus="yes">
      <source>%n upload(s) are still being tracked.</source>
      <translation>
        <numerusform>Aún se está siguiendo %n envío.</numerusform>
        <numerusform>Aún se están siguiendo %n envíos.</numerusform>
      </translation>
    </message>
    <message>
      <source>They resume by themselves at the next start: the app picks up where it was, and nothing is sent twice.</source>
      <translation>Se reanudan solos en el próximo inicio: la aplicación sigue donde estaba y no se envía nada dos veces.</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Salir</translation>
    </message>
    <message>
      <source>Keep the app open</source>
      <translation>Mantener la aplicación abierta</translation>
    </message>
  </context>
  <context>
    <name>ConnectionOverviewPage</name>
    <message>
      <source>&amp;Check now</source>
      <translation>&amp;Comprobar ahora</translation>
    </message>
    <message>
      <source>Ask the platform for new versions now (the app also checks by itself every minute)</source>
      <translation>Preguntar ahora a la plataforma si hay versiones nuevas (la aplicación también lo comprueba sola cada minuto)</translation>
    </message>
  </context>
</TS>
