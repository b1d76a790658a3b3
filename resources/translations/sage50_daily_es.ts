<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>ResendDialog</name>
    <message>
      <source>Orders already accepted</source>
      <translation>Pedidos ya aceptados</translation>
    </message>
    <message numerus="yes">
      <source>%n order(s) in this file were already accepted on this connection.</source>
      <translation>
        <numerusform>%n pedido de este fichero ya se aceptó en esta conexión.</numerusform>
        <numerusform>%n pedidos de este fichero ya se aceptaron en esta conexión.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>and %n more</source>
      <translation>
        <numerusform>y %n más</numerusform>
        <numerusform>y %n más</numerusform>
      </translation>
    </message>
    <message>
      <source>Already accepted: %1.</source>
      <translation>Ya aceptados: %1.</translation>
    </message>
    <message>
      <source>Accepted by upload %1 on %2.</source>
      <translation>Aceptados por el envío %1 el %2.</translation>
    </message>
    <message>
      <source>Accepted by upload %1.</source>
      <translation>Aceptados por el envío %1.</translation>
    </message>
    <message>
      <source>Sending them again can create them twice in Sage 50. Nothing has been sent yet.</source>
      <translation>Enviarlos de nuevo puede crearlos dos veces en Sage 50. Todavía no se ha enviado nada.</translation>
    </message>
    <message numerus="yes">
      <source>Send %n order(s) again</source>
      <translation>
        <numerusform>Enviar %n pedido de nuevo</numerusform>
        <numerusform>Enviar %n pedidos de nuevo</numerusform>
      </translation>
    </message>
  </context>
</TS>
