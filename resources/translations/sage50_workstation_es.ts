<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ProfileActions</name>
    <message>
        <source>Delete cached data</source>
        <translation>Borrar datos en caché</translation>
    </message>
    <message>
        <source>Delete the data this app keeps for “%1”?</source>
        <translation>¿Borrar los datos que esta aplicación guarda de “%1”?</translation>
    </message>
    <message>
        <source>Deleted: the downloaded data sets, the saved copies of finished uploads and their result files, the cached listing and the connection's Activity entries.</source>
        <translation>Se borran: los conjuntos de datos descargados, las copias guardadas de los envíos terminados y sus archivos de resultado, la lista guardada y las entradas de Actividad de la conexión.</translation>
    </message>
    <message>
        <source>Kept: the connection and its credentials, the upload history (so orders already accepted are still recognised) and the files of uploads still under way. Download the data sets again to see them. This cannot be undone.</source>
        <translation>Se conservan: la conexión y sus credenciales, el historial de envíos (así se siguen reconociendo los pedidos ya aceptados) y los archivos de los envíos en curso. Descargue de nuevo los conjuntos de datos para verlos. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Versions deleted: %1 · files deleted: %2</source>
        <translation>Versiones borradas: %1 · archivos borrados: %2</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Delete cached data…</source>
        <translation>&amp;Borrar datos en caché…</translation>
    </message>
</context>
<context>
    <name>Activity</name>
    <message>
        <source>Delete cached data</source>
        <translation>Borrar datos en caché</translation>
    </message>
</context>
</TS>
