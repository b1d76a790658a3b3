<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>Activity</name>
    <message>
      <source>Connection setup</source>
      <translation>Configuración de la conexión</translation>
    </message>
    <message>
      <source>Remove connection</source>
      <translation>Quitar conexión</translation>
    </message>
    <message>
      <source>Close connection</source>
      <translation>Cerrar la conexión</translation>
    </message>
  </context>
</TS>
