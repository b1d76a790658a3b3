<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>DiffRowsModel</name>
    <message>
        <source>Changed fields</source>
        <translation>Campos modificados</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;hasta</translation>
    </message>
    <message>
        <source>(latest)</source>
        <translation>(la más reciente)</translation>
    </message>
    <message>
        <source>(matching the search)</source>
        <translation>(que coinciden con la búsqueda)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Choose an older version in “From” and a newer one in “to”.</source>
        <translation>Elija una versión más antigua en «Desde» y una más reciente en «hasta».</translation>
    </message>
    <message>
        <source>Compare again</source>
        <translation>Comparar de nuevo</translation>
    </message>
    <message>
        <source>Comparing %1 with %2…</source>
        <translation>Comparando %1 con %2…</translation>
    </message>
    <message>
        <source>Comparison cancelled</source>
        <translation>Comparación cancelada</translation>
    </message>
    <message>
        <source>Nothing to compare yet</source>
        <translation>Todavía no hay nada que comparar</translation>
    </message>
    <message>
        <source>Only one version of this data set is stored. When Sage 50 publishes a new one and it is downloaded, compare them here: what was added, changed and removed, field by field.</source>
        <translation>Solo hay una versión guardada de este conjunto de datos. Cuando Sage 50 publique una nueva y se descargue, compárelas aquí: qué se añadió, cambió y eliminó, campo a campo.</translation>
    </message>
    <message>
        <source>Only the records whose id or fields (before or after) contain this text</source>
        <translation>Solo los registros cuyo id o campos (antes o después) contienen este texto</translation>
    </message>
    <message>
        <source>Pick two different versions</source>
        <translation>Elija dos versiones distintas</translation>
    </message>
    <message>
        <source>Search the changes…</source>
        <translation>Buscar en los cambios…</translation>
    </message>
    <message>
        <source>Show unchanged fields too</source>
        <translation>Mostrar también los campos sin cambios</translation>
    </message>
    <message>
        <source>Swap the two versions</source>
        <translation>Intercambiar las dos versiones</translation>
    </message>
    <message>
        <source>The two versions were not compared.</source>
        <translation>Las dos versiones no se compararon.</translation>
    </message>
    <message>
        <source>These versions could not be compared</source>
        <translation>No se pudieron comparar estas versiones</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
</context>
<context>
    <name>DiffExport</name>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export the differences shown (every kind, with the search applied)</source>
        <translation>Exportar las diferencias mostradas (de todos los tipos, con la búsqueda aplicada)</translation>
    </message>
    <message>
        <source>Differences as CSV…</source>
        <translation>Diferencias como CSV…</translation>
    </message>
    <message>
        <source>Differences as Excel (XLSX)…</source>
        <translation>Diferencias como Excel (XLSX)…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Export the differences</source>
        <translation>Exportar las diferencias</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Changed fields</source>
        <translation>Campos modificados</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>added</source>
        <translation>añadido</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modificado</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>eliminado</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
</context>
<context>
    <name>ScopePage</name>
    <message>
        <source>Compare versions</source>
        <translation>Comparar versiones</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>What was added, changed and removed between two versions</source>
        <translation>Qué se añadió, cambió y eliminó entre dos versiones</translation>
    </message>
</context>
<context>
    <name>Activity</name>
    <message>
        <source>Compare versions</source>
        <translation>Comparar versiones</translation>
    </message>
</context>
<context>
    <name>RecordEditorDialog</name>
    <message>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <source>JSON text</source>
        <translation>Texto JSON</translation>
    </message>
    <message>
        <source>The same orders as JSON, for changes the form cannot make</source>
        <translation>Los mismos pedidos como JSON, para los cambios que el formulario no puede hacer</translation>
    </message>
    <message>
        <source>These are the orders Sage 50 rejected, with the fields it named highlighted. Correct them (for example the customer or product id), then upload only these as a new upload linked to the original. Every change is checked against the orders format as you type.</source>
        <translation>Estos son los pedidos que Sage 50 rechazó, con los campos que indicó resaltados. Corríjalos (por ejemplo, el id del cliente o del producto) y envíe solo estos como un nuevo envío vinculado al original. Cada cambio se comprueba con el formato de pedidos mientras escribe.</translation>
    </message>
</context>
<context>
    <name>RejectedOrdersForm</name>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Rejected orders</source>
        <translation>Pedidos rechazados</translation>
    </message>
    <message>
        <source>Rejected by Sage 50: %1</source>
        <translation>Rechazado por Sage 50: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problema</numerusform>
            <numerusform>%n problemas</numerusform>
        </translation>
    </message>
</context>
</TS>
