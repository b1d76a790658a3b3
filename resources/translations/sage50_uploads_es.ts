<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>DropZone</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/file_picker.py" line="69" />
        <location filename="../../sage50_desktop/ui/uploads/file_picker.py" line="94" />
        <source>&amp;Choose file…</source>
        <translation>&amp;Elegir fichero…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/file_picker.py" line="70" />
        <source>Pick an orders file (JSON array)</source>
        <translation>Elija un fichero de pedidos (array JSON)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/file_picker.py" line="91" />
        <source>Drop an orders file here</source>
        <translation>Suelte aquí un fichero de pedidos</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/file_picker.py" line="92" />
        <source>or choose one. It is checked against the orders format before anything is sent.</source>
        <translation>o elija uno. Se comprueba con el formato de pedidos antes de enviar nada.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/file_picker.py" line="99" />
        <source>&amp;Choose another…</source>
        <translation>Elegir &amp;otro…</translation>
    </message>
</context>
<context>
    <name>IssueModel</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="47" />
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="47" />
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="47" />
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="57" />
        <source>(whole file)</source>
        <translation>(todo el fichero)</translation>
    </message>
</context>
<context>
    <name>OutcomeModel</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="73" />
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="73" />
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="73" />
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="73" />
        <source>Errors</source>
        <translation>Errores</translation>
    </message>
</context>
<context>
    <name>RecordEditorDialog</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/record_editor.py" line="115" />
        <source>Fix rejected orders of %1</source>
        <translation>Corregir los pedidos rechazados de %1</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/record_editor.py" line="117" />
        <source>These are the orders Sage 50 rejected. Correct them (for example the customer or product id), then upload only these as a new upload linked to the original. Every change is checked against the orders format as you type.</source>
        <translation>Estos son los pedidos que Sage 50 rechazó. Corríjalos (por ejemplo el id del cliente o del producto) y envíe solo estos como un nuevo envío enlazado al original. Cada cambio se comprueba con el formato de pedidos mientras escribe.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/record_editor.py" line="120" />
        <source>&amp;Upload these orders</source>
        <translation>&amp;Enviar estos pedidos</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/record_editor.py" line="121" />
        <source>Orders as JSON</source>
        <translation>Pedidos en JSON</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="237" />
        <source>All orders</source>
        <translation>Todos los pedidos</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="238" />
        <source>Rejected only</source>
        <translation>Solo rechazados</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="239" />
        <source>Accepted only</source>
        <translation>Solo aceptados</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="242" />
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="243" />
        <source>Search order id or error…</source>
        <translation>Buscar id de pedido o error…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="244" />
        <source>Search the result</source>
        <translation>Buscar en el resultado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="245" />
        <source>&amp;Open result file</source>
        <translation>&amp;Abrir el fichero de resultado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="246" />
        <source>Save result &amp;as…</source>
        <translation>Guardar el resultado &amp;como…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="247" />
        <source>&amp;Fix rejected orders…</source>
        <translation>&amp;Corregir los pedidos rechazados…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="249" />
        <source>Edit the rejected orders and upload only those, linked to this upload.</source>
        <translation>Edite los pedidos rechazados y envíe solo esos, enlazados a este envío.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="250" />
        <source>Upload a &amp;corrected file…</source>
        <translation>Enviar un fichero c&amp;orregido…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="252" />
        <source>Pick a corrected file; it is uploaded linked to this upload.</source>
        <translation>Elija un fichero corregido; se envía enlazado a este envío.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="253" />
        <source>Orders of the result</source>
        <translation>Pedidos del resultado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="295" />
        <source>Select an upload to see its result.</source>
        <translation>Seleccione un envío para ver su resultado.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="301" />
        <source>Nothing reached the platform, so there is no result. Re-upload the file.</source>
        <translation>No llegó nada a la plataforma, así que no hay resultado. Vuelva a enviar el fichero.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="303" />
        <source>No result file for this upload yet.</source>
        <translation>Este envío aún no tiene fichero de resultado.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="306" />
        <source>The result appears here once Sage 50 has processed the file.</source>
        <translation>El resultado aparece aquí cuando Sage 50 haya procesado el fichero.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="310" />
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="311" />
        <source>Accepted: %1</source>
        <translation>Aceptados: %1</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="313" />
        <source>Rejected: %1</source>
        <translation>Rechazados: %1</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/result_view.py" line="320" />
        <source>Problems with the whole file: %1</source>
        <translation>Problemas del fichero completo: %1</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="62" />
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="62" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="62" />
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="62" />
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>TrackingTimeline</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="217" />
        <source>File sent</source>
        <translation>Fichero enviado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="218" />
        <source>Current step</source>
        <translation>Paso actual</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="219" />
        <source>Status history</source>
        <translation>Historial de estados</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="220" />
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="254" />
        <source>Tracking</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="256" />
        <source>Select an upload in the history, or upload a file, to follow it here.</source>
        <translation>Seleccione un envío del historial, o envíe un fichero, para seguirlo aquí.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="258" />
        <source>%1 · upload %2</source>
        <translation>%1 · envío %2</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="266" />
        <source>Platform: %1</source>
        <translation>Plataforma: %1</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="318" />
        <source>%1 sent on %2</source>
        <translation>%1 enviados el %2</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="320" />
        <source>Not sent</source>
        <translation>No enviado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="324" />
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="328" />
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="331" />
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/timeline.py" line="333" />
        <source>%1 s left</source>
        <translation>quedan %1 s</translation>
    </message>
</context>
<context>
    <name>UploadHistoryModel</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="138" />
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="138" />
        <source>Data set</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="138" />
        <source>File</source>
        <translation>Fichero</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="138" />
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="139" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="139" />
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="139" />
        <source>Linked to</source>
        <translation>Enlazado a</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="186" />
        <source>Sending %1 %</source>
        <translation>Enviando %1 %</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="190" />
        <source>%1 (waiting for the result)</source>
        <translation>%1 (esperando el resultado)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/history_model.py" line="195" />
        <source>%1 accepted, %2 rejected</source>
        <translation>%1 aceptados, %2 rechazados</translation>
    </message>
</context>
<context>
    <name>UploadNotifier</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/notifier.py" line="66" />
        <source>Sage 50 Desktop uploads</source>
        <translation>Envíos de Sage 50 Desktop</translation>
    </message>
</context>
<context>
    <name>UploadStatus</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="19" />
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="20" />
        <source>Validating</source>
        <translation>Validando</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="21" />
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="22" />
        <source>File rejected</source>
        <translation>Fichero rechazado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="23" />
        <source>Expired</source>
        <translation>Caducado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="24" />
        <source>Fetched by Sage 50</source>
        <translation>Descargado por Sage 50</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="25" />
        <source>Processing</source>
        <translation>Procesando</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="26" />
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="81" />
        <source>Accepted</source>
        <translation>Aceptado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="27" />
        <source>Orders rejected</source>
        <translation>Pedidos rechazados</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="29" />
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="30" />
        <source>Tracking cancelled</source>
        <translation>Seguimiento cancelado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="31" />
        <source>Upload link expired</source>
        <translation>Enlace de envío caducado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="32" />
        <source>Interrupted</source>
        <translation>Interrumpido</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="36" />
        <source>Waiting for the file's bytes to reach the platform.</source>
        <translation>Esperando a que el fichero llegue a la plataforma.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="38" />
        <source>The platform is checking that the file is valid JSON and matches the format.</source>
        <translation>La plataforma comprueba que el fichero es JSON válido y cumple el formato.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="41" />
        <source>The file passed the platform's checks. Sage 50 fetches it when its installation is online, which can take hours or days; the app keeps checking, also after a restart.</source>
        <translation>El fichero superó las comprobaciones de la plataforma. Sage 50 lo descarga cuando su instalación está en línea, lo que puede tardar horas o días; la aplicación sigue comprobándolo, también después de reiniciarse.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="44" />
        <source>The platform rejected the file: it is not valid JSON or does not match the required format. Nothing was imported into Sage 50. Fix the file and upload it again.</source>
        <translation>La plataforma rechazó el fichero: no es JSON válido o no cumple el formato exigido. No se importó nada en Sage 50. Corrija el fichero y envíelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="48" />
        <source>The upload expired: the file's bytes did not arrive in time, so the platform discarded it. Nothing was imported. Upload the file again.</source>
        <translation>El envío caducó: el fichero no llegó a tiempo y la plataforma lo descartó. No se importó nada. Envíe el fichero de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="52" />
        <source>Sage 50 has fetched the file.</source>
        <translation>Sage 50 ha descargado el fichero.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="53" />
        <source>Sage 50 is importing the orders.</source>
        <translation>Sage 50 está importando los pedidos.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="54" />
        <source>Sage 50 imported every order of the file.</source>
        <translation>Sage 50 importó todos los pedidos del fichero.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="56" />
        <source>Sage 50 processed the file but rejected some or all orders. The result lists which ones and why; you can fix them and upload only those again.</source>
        <translation>Sage 50 procesó el fichero pero rechazó algunos o todos los pedidos. El resultado indica cuáles y por qué; puede corregirlos y enviar solo esos de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="63" />
        <source>Sending the file's bytes to the platform.</source>
        <translation>Enviando el fichero a la plataforma.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="65" />
        <source>Tracking was cancelled. The upload itself may still go on; resume tracking to see how it ends.</source>
        <translation>Se canceló el seguimiento. El envío puede seguir su curso; reanude el seguimiento para ver cómo termina.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="69" />
        <source>The upload link expired before the file was sent, so nothing reached the platform. Re-upload the file to get a new link.</source>
        <translation>El enlace de envío caducó antes de enviar el fichero, así que no llegó nada a la plataforma. Vuelva a enviar el fichero para obtener un enlace nuevo.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="73" />
        <source>Tracking stopped because of a problem. Resume it once the problem is solved.</source>
        <translation>El seguimiento se detuvo por un problema. Reanúdelo cuando el problema esté resuelto.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="76" />
        <source>Finished; waiting for Sage 50 to publish the result file.</source>
        <translation>Terminado; esperando a que Sage 50 publique el fichero de resultado.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="82" />
        <source>Rejected</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="85" />
        <source>Not sent yet</source>
        <translation>Aún no enviado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="86" />
        <source>Not sent yet.</source>
        <translation>Aún no se ha enviado.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/status_text.py" line="87" />
        <source>The platform reports the status “%1”, which this version of the app does not know. It keeps tracking the upload.</source>
        <translation>La plataforma informa del estado «%1», que esta versión de la aplicación no conoce. El seguimiento continúa.</translation>
    </message>
</context>
<context>
    <name>UploadsPanel</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="123" />
        <source>&amp;Data set (scope)</source>
        <translation>Conjunto de &amp;datos (ámbito)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="124" />
        <source>&amp;Upload</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="125" />
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="126" />
        <source>Filter by file, status or id…</source>
        <translation>Filtrar por fichero, estado o id…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="127" />
        <source>Filter the history</source>
        <translation>Filtrar el historial</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="131" />
        <source>All uploads</source>
        <translation>Todos los envíos</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="131" />
        <source>Under way</source>
        <translation>En curso</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="132" />
        <source>Need attention</source>
        <translation>Requieren atención</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="133" />
        <source>Finished</source>
        <translation>Terminados</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="137" />
        <source>Upload history</source>
        <translation>Historial de envíos</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="138" />
        <source>&amp;Re-upload</source>
        <translation>&amp;Volver a enviar</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="140" />
        <source>Upload the same file again as a new upload, linked to this one.</source>
        <translation>Envía el mismo fichero de nuevo como un envío nuevo, enlazado a este.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="141" />
        <source>&amp;Cancel tracking</source>
        <translation>&amp;Cancelar el seguimiento</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="142" />
        <source>Resume &amp;tracking</source>
        <translation>Reanudar el &amp;seguimiento</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="143" />
        <source>Tracking</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="144" />
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="243" />
        <source>Choose an orders file</source>
        <translation>Elija un fichero de pedidos</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="244" />
        <source>Choose the corrected file</source>
        <translation>Elija el fichero corregido</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="246" />
        <location filename="../../sage50_desktop/ui/uploads/panel_actions.py" line="82" />
        <source>JSON files (*.json)</source>
        <translation>Ficheros JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="246" />
        <source>All files (*)</source>
        <translation>Todos los ficheros (*)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="301" />
        <source>This file will be uploaded as a correction of upload %1, linked to it.</source>
        <translation>Este fichero se enviará como corrección del envío %1, enlazado a él.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="357" />
        <source>“%1” was sent as upload %2. Follow it in Tracking.</source>
        <translation>«%1» se envió como envío %2. Sígalo en Seguimiento.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="386" />
        <source>Sending %1…</source>
        <translation>Enviando %1…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="391" />
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="394" />
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="396" />
        <source>%1 s left</source>
        <translation>quedan %1 s</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="420" />
        <source>Upload finished: %1</source>
        <translation>Envío terminado: %1</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="423" />
        <source>%1 accepted, %2 rejected</source>
        <translation>%1 aceptados, %2 rechazados</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="429" />
        <source>The platform rejected the file “%1”: it does not match the orders format, so nothing was imported. Fix the file and upload it again.</source>
        <translation>La plataforma rechazó el fichero «%1»: no cumple el formato de pedidos, así que no se importó nada. Corrija el fichero y envíelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="433" />
        <source>See the result</source>
        <translation>Ver el resultado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="437" />
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="451" />
        <source>Re-upload</source>
        <translation>Volver a enviar</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="446" />
        <source>The upload link of “%1” expired before the file was sent, so nothing reached the platform. Re-upload it to get a new link.</source>
        <translation>El enlace de envío de «%1» caducó antes de enviar el fichero, así que no llegó nada a la plataforma. Vuelva a enviarlo para obtener un enlace nuevo.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="450" />
        <source>Upload link expired</source>
        <translation>Enlace de envío caducado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="456" />
        <source>Resume tracking</source>
        <translation>Reanudar el seguimiento</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="504" />
        <source>No uploads yet</source>
        <translation>Aún no hay envíos</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="505" />
        <source>Choose or drop an orders file above to start.</source>
        <translation>Elija o suelte arriba un fichero de pedidos.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="508" />
        <source>Reading the upload history…</source>
        <translation>Leyendo el historial de envíos…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="537" />
        <source>Choose a file first.</source>
        <translation>Elija primero un fichero.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="539" />
        <source>Uploading…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="541" />
        <source>The file is being checked.</source>
        <translation>Se está comprobando el fichero.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="543" />
        <source>Fix the problems listed first: nothing is sent while the file is invalid.</source>
        <translation>Corrija primero los problemas indicados: no se envía nada mientras el fichero no sea válido.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel.py" line="546" />
        <source>Send the file to Sage 50.</source>
        <translation>Enviar el fichero a Sage 50.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel_actions.py" line="53" />
        <source>Re-uploaded as upload %1 (linked to %2).</source>
        <translation>Enviado de nuevo como envío %1 (enlazado a %2).</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel_actions.py" line="80" />
        <source>Save the result file</source>
        <translation>Guardar el fichero de resultado</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel_actions.py" line="94" />
        <source>Result saved to %1.</source>
        <translation>Resultado guardado en %1.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel_actions.py" line="103" />
        <source>No rejected orders were found in the saved copy of this upload.</source>
        <translation>No se encontraron pedidos rechazados en la copia guardada de este envío.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/panel_actions.py" line="123" />
        <source>%1 corrected order(s) sent as upload %2, linked to %3.</source>
        <translation>%1 pedido(s) corregido(s) enviado(s) como envío %2, enlazado a %3.</translation>
    </message>
</context>
<context>
    <name>ValidationReportView</name>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="109" />
        <source>Problems found in the file</source>
        <translation>Problemas encontrados en el fichero</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="138" />
        <source>✔ %1 order(s), no problems found. Ready to upload.</source>
        <translation>✔ %1 pedido(s), sin problemas. Listo para enviar.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="142" />
        <source>✖ The file cannot be uploaded: %1</source>
        <translation>✖ El fichero no se puede enviar: %1</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="143" />
        <source>✖ %1 problem(s) in %2 of %3 order(s). Nothing is sent until they are fixed.</source>
        <translation>✖ %1 problema(s) en %2 de %3 pedido(s). No se envía nada hasta corregirlos.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="148" />
        <source>Showing the first %1.</source>
        <translation>Se muestran los primeros %1.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="155" />
        <source>Choose a file: it is checked here before anything is sent.</source>
        <translation>Elija un fichero: se comprueba aquí antes de enviar nada.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/uploads/validation_view.py" line="159" />
        <source>Checking the file…</source>
        <translation>Comprobando el fichero…</translation>
    </message>
</context>
</TS>