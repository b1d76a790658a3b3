<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>OpeningWindow</name>
    <message>
      <source>Opening the app's data…</source>
      <translation>Abriendo los datos de la aplicación…</translation>
    </message>
    <message>
      <source>Starting the sandbox…</source>
      <translation>Iniciando el entorno de pruebas…</translation>
    </message>
    <message>
      <source>Opening the window…</source>
      <translation>Abriendo la ventana…</translation>
    </message>
    <message>
      <source>Starting the sandbox: preparing the data it published before…</source>
      <translation>Iniciando el entorno de pruebas: preparando los datos que publicó antes…</translation>
    </message>
    <message>
      <source>Starting the sandbox: generating the demo data (%1 of %2: %3)…</source>
      <translation>Iniciando el entorno de pruebas: generando los datos de demostración (%1 de %2: %3)…</translation>
    </message>
  </context>
</TS>
