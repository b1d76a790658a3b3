<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es">
<context>
    <name>DiffView</name>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Comparando…</translation>
    </message>
    <message>
        <source>Could not compare: %1</source>
        <translation>No se pudo comparar: %1</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadidos</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modificados</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Eliminados</translation>
    </message>
    <message>
        <source>Only one version is stored: there is nothing to compare yet.</source>
        <translation>Solo hay una versión guardada: aún no hay nada que comparar.</translation>
    </message>
    <message>
        <source>Pick two different versions.</source>
        <translation>Elija dos versiones distintas.</translation>
    </message>
    <message>
        <source>%1 added · %2 changed · %3 removed</source>
        <translation>%1 añadidos · %2 modificados · %3 eliminados</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Short description</source>
        <translation>Descripción corta</translation>
    </message>
    <message>
        <source>Long description</source>
        <translation>Descripción larga</translation>
    </message>
    <message>
        <source>Barcode type</source>
        <translation>Tipo de código de barras</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Código de barras</translation>
    </message>
    <message>
        <source>Net price</source>
        <translation>Precio neto</translation>
    </message>
    <message>
        <source>Tax %</source>
        <translation>IVA %</translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation>Descuento %</translation>
    </message>
    <message>
        <source>Discount by unit</source>
        <translation>Descuento por unidad</translation>
    </message>
    <message>
        <source>Surcharge</source>
        <translation>Recargo</translation>
    </message>
    <message>
        <source>Date added</source>
        <translation>Fecha de alta</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>Marca</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Existencias</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Último cambio</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>NIF/CIF</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Direcciones</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Calle</translation>
    </message>
    <message>
        <source>Floor / door</source>
        <translation>Piso / puerta</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Población</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <source>Post code</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Phone 2</source>
        <translation>Teléfono 2</translation>
    </message>
    <message>
        <source>%1 (count)</source>
        <translation>%1 (número)</translation>
    </message>
    <message>
        <source>%1 · %2 %3</source>
        <translation>%1 · %2 %3</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>Fecha del pedido</translation>
    </message>
    <message>
        <source>Expected delivery</source>
        <translation>Entrega prevista</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>Estado del pedido</translation>
    </message>
    <message>
        <source>Delivery address</source>
        <translation>Dirección de entrega</translation>
    </message>
    <message>
        <source>Invoice address</source>
        <translation>Dirección de facturación</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Exchange rate</source>
        <translation>Tipo de cambio</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Portes</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>FilterRow</name>
    <message>
        <source>contains</source>
        <translation>contiene</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>empieza por</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Quitar este filtro</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>&amp;Open version</source>
        <translation>&amp;Abrir versión</translation>
    </message>
    <message>
        <source>Co&amp;mpare…</source>
        <translation>Co&amp;mparar…</translation>
    </message>
    <message>
        <source>Compare the two selected versions (one selected: with the version before it)</source>
        <translation>Comparar las dos versiones seleccionadas (con una: con la versión anterior)</translation>
    </message>
    <message>
        <source>Double-click a version to browse it; select two to compare them.</source>
        <translation>Doble clic en una versión para verla; seleccione dos para compararlas.</translation>
    </message>
</context>
<context>
    <name>RecordDetail</name>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>Copiar JSON</translation>
    </message>
    <message>
        <source>Copy the record as JSON (double-click a field to copy its value)</source>
        <translation>Copiar el registro como JSON (doble clic en un campo copia su valor)</translation>
    </message>
    <message>
        <source>Select a record to see all its fields.</source>
        <translation>Seleccione un registro para ver todos sus campos.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation><numerusform />
            <numerusform />
        <numerusform>%n elemento</numerusform><numerusform>%n elementos</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation><numerusform />
            <numerusform />
        <numerusform>%n campo</numerusform><numerusform>%n campos</numerusform></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
</context>
<context>
    <name>ScopePage</name>
    <message>
        <source>Published version</source>
        <translation>Versión publicada</translation>
    </message>
    <message>
        <source>&amp;Download now</source>
        <translation>&amp;Descargar ahora</translation>
    </message>
    <message>
        <source>Download the published version now (only if it is newer than the stored one)</source>
        <translation>Descargar ahora la versión publicada (solo si es más reciente que la guardada)</translation>
    </message>
    <message>
        <source>Download new versions automatically</source>
        <translation>Descargar automáticamente las versiones nuevas</translation>
    </message>
    <message>
        <source>● New version published</source>
        <translation>● Nueva versión publicada</translation>
    </message>
    <message>
        <source>Search all text fields…</source>
        <translation>Buscar en todos los campos de texto…</translation>
    </message>
    <message>
        <source>+ &amp;Filter</source>
        <translation>+ &amp;Filtro</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Descargando %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>The download of %1 failed</source>
        <translation>La descarga de %1 ha fallado</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Not published yet</source>
        <translation>Aún no publicado</translation>
    </message>
    <message>
        <source>Sage 50 has not published this data set yet. The app checks again every few minutes; you can also check now.</source>
        <translation>Sage 50 aún no ha publicado este conjunto de datos. La aplicación vuelve a comprobarlo cada pocos minutos; también puede comprobarlo ahora.</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Comprobar ahora</translation>
    </message>
    <message>
        <source>No version downloaded yet</source>
        <translation>Aún no se ha descargado ninguna versión</translation>
    </message>
    <message>
        <source>Download the published version of %1 to browse and search it.</source>
        <translation>Descargue la versión publicada de %1 para consultarla y buscar en ella.</translation>
    </message>
    <message>
        <source>Download now</source>
        <translation>Descargar ahora</translation>
    </message>
    <message>
        <source>Version %1 · %2 · %3 records</source>
        <translation>Versión %1 · %2 · %3 registros</translation>
    </message>
    <message>
        <source>%1 of %2 checked records do not match the data set's schema; they are kept as delivered. First: %3 %4 — %5</source>
        <translation>%1 de %2 registros comprobados no cumplen el esquema del conjunto de datos; se conservan tal como llegaron. Primero: %3 %4 — %5</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>Sorting…</source>
        <translation>Ordenando…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>%1 of %2 records match</source>
        <translation>%1 de %2 registros coinciden</translation>
    </message>
    <message>
        <source>(search index still being built: searching is slower)</source>
        <translation>(el índice de búsqueda aún se está creando: la búsqueda es más lenta)</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>%1 registros</translation>
    </message>
    <message>
        <source>Could not read this version: %1</source>
        <translation>No se pudo leer esta versión: %1</translation>
    </message>
    <message>
        <source>Already up to date.</source>
        <translation>Ya está al día.</translation>
    </message>
    <message>
        <source>Downloading %1… %2</source>
        <translation>Descargando %1… %2</translation>
    </message>
</context>
<context>
    <name>SnapshotsModel</name>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Descargada</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadidos</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modificados</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Eliminados</translation>
    </message>
    <message>
        <source>Schema warnings</source>
        <translation>Avisos de esquema</translation>
    </message>
    <message>
        <source>%1 of %2 checked records do not match the schema; records are kept as delivered.</source>
        <translation>%1 de %2 registros comprobados no cumplen el esquema; los registros se conservan tal como llegaron.</translation>
    </message>
    <message>
        <source>(current)</source>
        <translation>(actual)</translation>
    </message>
    <message>
        <source>(first)</source>
        <translation>(primera)</translation>
    </message>
</context>
<context><name>ExportMenu</name><message><source>Export</source><translation>Exportar</translation></message><message><source>Current view as CSV…</source><translation>Vista actual como CSV…</translation></message><message><source>Current view as JSON…</source><translation>Vista actual como JSON…</translation></message><message><source>Whole version as CSV…</source><translation>Versión completa como CSV…</translation></message><message><source>Whole version as JSON…</source><translation>Versión completa como JSON…</translation></message><message><source>CSV files (*.csv)</source><translation>Archivos CSV (*.csv)</translation></message><message><source>JSON files (*.json)</source><translation>Archivos JSON (*.json)</translation></message><message><source>Export records</source><translation>Exportar registros</translation></message></context></TS>