<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>ScopePage</name>
    <message>
      <source>About %1 of %2 records match (counting…)</source>
      <translation>Unos %1 de %2 registros coinciden (contando…)</translation>
    </message>
  </context>
</TS>
