<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>ConnectionBanner</name>
    <message>
      <source>&lt;b&gt;Test connection&lt;/b&gt; at %1 (marked as a test connection on its overview). Check that it is not a company's real Sage 50 before sending data.</source>
      <translation>&lt;b&gt;Conexión de pruebas&lt;/b&gt; en %1 (marcada como conexión de pruebas en su resumen). Compruebe que no es el Sage 50 real de una empresa antes de enviar datos.</translation>
    </message>
    <message>
      <source>&lt;b&gt;Test connection&lt;/b&gt; to the bundled sandbox at %1. Nothing done here reaches a real Sage 50. Sandbox credentials are kept in memory only and renewed at every start.</source>
      <translation>&lt;b&gt;Conexión de pruebas&lt;/b&gt; con el entorno de pruebas incluido en %1. Nada de lo que se haga aquí llega a un Sage 50 real. Las credenciales de pruebas se guardan solo en memoria y se renuevan en cada inicio.</translation>
    </message>
    <message>
      <source>&lt;b&gt;The sandbox is not running.&lt;/b&gt; This demo connection works only while the bundled sandbox runs.</source>
      <translation>&lt;b&gt;El entorno de pruebas no está en marcha.&lt;/b&gt; Esta conexión de demostración solo funciona mientras el entorno de pruebas incluido está en marcha.</translation>
    </message>
    <message>
      <source>Start it with “Start the sandbox”, or quit and start the app with --sandbox (sage50-desktop --sandbox).</source>
      <translation>Póngalo en marcha con «Iniciar el entorno de pruebas», o cierre la aplicación e iníciela con --sandbox (sage50-desktop --sandbox).</translation>
    </message>
    <message>
      <source>Start the sandbox</source>
      <translation>Iniciar el entorno de pruebas</translation>
    </message>
    <message>
      <source>Starting the sandbox…</source>
      <translation>Iniciando el entorno de pruebas…</translation>
    </message>
  </context>
  <context>
    <name>ConnectionOverviewPage</name>
    <message>
      <source>&lt;b&gt;Start here:&lt;/b&gt; download a data set to browse, search and export it (also offline) — for example %1, on the left. The app then checks every minute for new versions.</source>
      <translation>&lt;b&gt;Empiece aquí:&lt;/b&gt; descargue un conjunto de datos para consultarlo, buscar en él y exportarlo (también sin conexión); por ejemplo %1, a la izquierda. Después la aplicación comprueba cada minuto si hay versiones nuevas.</translation>
    </message>
    <message>
      <source>Mark this connection as a test one (a staging server, not a company's real Sage 50): it is shown with the TEST tag and accent, like the sandbox</source>
      <translation>Marque esta conexión como de pruebas (un servidor de preproducción, no el Sage 50 real de una empresa): se muestra con la etiqueta PRUEBAS y el color de acento, como el entorno de pruebas</translation>
    </message>
    <message>
      <source>Marked as a test connection: check it is not a real Sage 50.</source>
      <translation>Marcada como conexión de pruebas: compruebe que no es un Sage 50 real.</translation>
    </message>
    <message>
      <source>Open %1</source>
      <translation>Abrir %1</translation>
    </message>
    <message>
      <source>Test connection</source>
      <translation>Conexión de pruebas</translation>
    </message>
    <message>
      <source>expired %1 (renewed on next use)</source>
      <translation>caducó el %1 (se renueva en el próximo uso)</translation>
    </message>
    <message>
      <source>no valid key — consent is needed</source>
      <translation>sin clave válida: hace falta el consentimiento</translation>
    </message>
  </context>
  <context>
    <name>UploadsPage</name>
    <message>
      <source>Test connection “%1”: uploads go to %2, marked as a test server.</source>
      <translation>Conexión de pruebas «%1»: los envíos van a %2, marcado como servidor de pruebas.</translation>
    </message>
  </context>
  <context>
    <name>Page</name>
    <message>
      <source>The sandbox is not running — showing the data fetched on %1.</source>
      <translation>El entorno de pruebas no está en marcha: se muestran los datos obtenidos el %1.</translation>
    </message>
    <message>
      <source>The sandbox is not running</source>
      <translation>El entorno de pruebas no está en marcha</translation>
    </message>
  </context>
  <context>
    <name>Activity</name>
    <message>
      <source>Sandbox</source>
      <translation>Entorno de pruebas</translation>
    </message>
    <message>
      <source>Sending %1 of %2</source>
      <translation>Enviando %1 de %2</translation>
    </message>
    <message>
      <source>Sending the file</source>
      <translation>Enviando el archivo</translation>
    </message>
    <message>
      <source>Search index: %1 of %2 records</source>
      <translation>Índice de búsqueda: %1 de %2 registros</translation>
    </message>
    <message>
      <source>Sort indexes: %1 of %2</source>
      <translation>Índices de ordenación: %1 de %2</translation>
    </message>
    <message>
      <source>Building the search index</source>
      <translation>Creando el índice de búsqueda</translation>
    </message>
    <message>
      <source>Preparing search and sorting</source>
      <translation>Preparando la búsqueda y la ordenación</translation>
    </message>
  </context>
  <context>
    <name>UploadsPanel</name>
    <message>
      <source>Filter…</source>
      <translation>Filtrar…</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>The platform no longer knows this upload, so it cannot be tracked or resumed. Check in Sage 50 whether its orders arrived; if they did not, upload the file again.</source>
      <translation>La plataforma ya no conoce este envío, así que no se puede seguir ni reanudar. Compruebe en Sage 50 si llegaron sus pedidos; si no llegaron, vuelva a subir el archivo.</translation>
    </message>
  </context>
</TS>
