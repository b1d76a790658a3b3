<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>MainWindow</name>
    <message>
      <source>&lt;b&gt;Consent needed for “%1”.&lt;/b&gt; This connection was set up before the app kept the consent&apos;s initial API key, which every renewal of the key now needs: give consent again once. </source>
      <translation>&lt;b&gt;Hace falta el consentimiento para «%1».&lt;/b&gt; Esta conexión se configuró antes de que la aplicación guardara la clave de API inicial del consentimiento, que ahora necesita cada renovación de la clave: dé el consentimiento de nuevo una vez. </translation>
    </message>
  </context>
</TS>
