<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>App</name>
    <message>
      <source>The disk that holds the app's data folder {folder} is full. You can view what is stored, but nothing new can be saved (downloads, uploads, changes to connections) until you free some space on that disk or keep fewer versions per data set.</source>
      <translation>El disco que contiene la carpeta de datos de la aplicación {folder} está lleno. Puede ver lo que está guardado, pero no se puede guardar nada nuevo (descargas, envíos, cambios en las conexiones) hasta que libere espacio en ese disco o conserve menos versiones por conjunto de datos.</translation>
    </message>
    <message>
      <source>The app's data folder {folder} is read-only (or not yours). You can view what is stored, but nothing new can be saved until the folder is writable for your account.</source>
      <translation>La carpeta de datos de la aplicación {folder} es de solo lectura (o no es suya). Puede ver lo que está guardado, pero no se puede guardar nada nuevo hasta que su cuenta pueda escribir en la carpeta.</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Nothing can be saved</source>
      <translation>No se puede guardar nada</translation>
    </message>
  </context>
</TS>
