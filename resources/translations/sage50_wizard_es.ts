<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>ApplicationPage</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="18"/>
        <source>Another application</source>
        <translation>Otra aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="19"/>
        <source>Each program that uses the platform has its own application ID. Register one more for this developer.</source>
        <translation>Cada programa que usa la plataforma tiene su propio ID de aplicación. Registre uno más para este desarrollador.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="24"/>
        <source>Application name</source>
        <translation>Nombre de la aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="27"/>
        <source>Domain</source>
        <translation>Dominio</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="30"/>
        <source>Approval URL (optional)</source>
        <translation>URL de aprobación (opcional)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="33"/>
        <source>Where the platform sends the API key when access is granted. To receive it in this app, give the public URL that leads to the address this app listens on (for example through the company&apos;s reverse proxy or a tunnel).</source>
        <translation>Adonde la plataforma envía la clave de API cuando se concede el acceso. Para recibirla en esta aplicación, indique la URL pública que lleva a la dirección en la que escucha esta aplicación (por ejemplo, a través del proxy inverso de la empresa o de un túnel).</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="36"/>
        <source>Application &amp;name:</source>
        <translation>&amp;Nombre de la aplicación:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="37"/>
        <source>D&amp;omain:</source>
        <translation>D&amp;ominio:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="38"/>
        <source>A&amp;pproval URL (optional):</source>
        <translation>URL de a&amp;probación (opcional):</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="43"/>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="45"/>
        <source>Register the application</source>
        <translation>Registrar la aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="61"/>
        <source>Sage 50 Desktop (%1)</source>
        <translation>Sage 50 Desktop (%1)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="68"/>
        <source>Registered. Its application ID is %1; the next steps use it.</source>
        <translation>Registrada. Su ID de aplicación es %1; los pasos siguientes lo usan.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/application_page.py" line="99"/>
        <source>Registering the application…</source>
        <translation>Registrando la aplicación…</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="47"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="48"/>
        <source>The person who administers Sage 50 at the company grants this application access with a passcode.</source>
        <translation>La persona que administra Sage 50 en la empresa concede acceso a esta aplicación con un código de acceso.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="55"/>
        <source>Passcode:</source>
        <translation>Código de acceso:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="58"/>
        <source>Passcode</source>
        <translation>Código de acceso</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="68"/>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="127"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="70"/>
        <source>Copy the passcode</source>
        <translation>Copiar el código de acceso</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="74"/>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="91"/>
        <source>Consent status</source>
        <translation>Estado del consentimiento</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="93"/>
        <source>&amp;New passcode</source>
        <translation>&amp;Nuevo código de acceso</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="95"/>
        <source>Request a new passcode</source>
        <translation>Pedir un nuevo código de acceso</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="104"/>
        <source>How the key is received</source>
        <translation>Cómo se recibe la clave</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="112"/>
        <source>Open the Sage 50 (sandbox) control page</source>
        <translation>Abrir la página de control de Sage 50 (sandbox)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="114"/>
        <source>Open the Sage 50 sandbox control page</source>
        <translation>Abrir la página de control del sandbox de Sage 50</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="115"/>
        <source>The sandbox plays the Sage 50 installation: grant or deny the passcode there.</source>
        <translation>El sandbox hace de instalación de Sage 50: conceda o deniegue allí el código de acceso.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="136"/>
        <source>&lt;p&gt;&lt;b&gt;Steps for the Sage 50 administrator&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Give them the passcode above: copy it, or read it out.&lt;/li&gt;&lt;li&gt;In Sage 50, they open the Sage 50 Cloud connections screen and choose to add an application with a passcode.&lt;/li&gt;&lt;li&gt;They type the passcode exactly as shown, before it expires.&lt;/li&gt;&lt;li&gt;They check that the application is &lt;b&gt;%1&lt;/b&gt; and the domain is &lt;b&gt;%2&lt;/b&gt;, and grant access.&lt;/li&gt;&lt;li&gt;Keep this window open: it notices the answer by itself.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Pasos para quien administra Sage 50&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Dele el código de acceso de arriba: cópielo o léaselo.&lt;/li&gt;&lt;li&gt;En Sage 50, abre la pantalla de conexiones de Sage 50 Cloud y elige añadir una aplicación con un código de acceso.&lt;/li&gt;&lt;li&gt;Escribe el código de acceso tal como aparece, antes de que caduque.&lt;/li&gt;&lt;li&gt;Comprueba que la aplicación es &lt;b&gt;%1&lt;/b&gt; y el dominio es &lt;b&gt;%2&lt;/b&gt;, y concede el acceso.&lt;/li&gt;&lt;li&gt;Deje esta ventana abierta: detecta la respuesta por sí sola.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="171"/>
        <source>Requesting a passcode…</source>
        <translation>Pidiendo un código de acceso…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="176"/>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="289"/>
        <source>Waiting for the Sage 50 administrator to grant access…</source>
        <translation>Esperando a que quien administra Sage 50 conceda el acceso…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="192"/>
        <source>The key is received by asking the platform (polling).</source>
        <translation>La clave se recibe preguntando a la plataforma (consulta periódica).</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="195"/>
        <source>The key is received by the approval push: choose the address and click Start listening.</source>
        <translation>La clave se recibe con el aviso de aprobación: elija la dirección y pulse Empezar a escuchar.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="198"/>
        <source>The key is pasted here, then checked with the platform.</source>
        <translation>La clave se pega aquí y luego se comprueba con la plataforma.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="220"/>
        <source>This platform does not offer polling for the passcode. Receive the key on this computer or paste it.</source>
        <translation>Esta plataforma no permite consultar el código de acceso. Reciba la clave en este ordenador o péguela.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="237"/>
        <source>The key is received by the approval push on %1. Waiting…</source>
        <translation>La clave se recibe con el aviso de aprobación en %1. Esperando…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="275"/>
        <source>Checking the key with the platform…</source>
        <translation>Comprobando la clave con la plataforma…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="282"/>
        <source>Expires in %1</source>
        <translation>Caduca en %1</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="300"/>
        <source>✔ Access granted. The API key and the secret are stored.</source>
        <translation>✔ Acceso concedido. La clave de API y el secreto están guardados.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="306"/>
        <source>✖ The Sage 50 administrator denied access. Check with them, then request a new passcode.</source>
        <translation>✖ Quien administra Sage 50 ha denegado el acceso. Consúltelo y luego pida un nuevo código de acceso.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="309"/>
        <source>✖ The passcode expired before anyone granted access. Request a new passcode.</source>
        <translation>✖ El código de acceso caducó antes de que nadie concediera el acceso. Pida un nuevo código de acceso.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="312"/>
        <source>Access was granted, but the API key did not reach this computer. Request a new passcode and ask for approval again.</source>
        <translation>Se concedió el acceso, pero la clave de API no llegó a este ordenador. Pida un nuevo código de acceso y solicite de nuevo la aprobación.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_page.py" line="325"/>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
<context>
    <name>ConsentWayBox</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="45"/>
        <source>How the API key reaches this computer</source>
        <translation>Cómo llega la clave de API a este ordenador</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="48"/>
        <source>&amp;Ask the platform until the key is there (polling)</source>
        <translation>&amp;Preguntar a la plataforma hasta que la clave esté (consulta periódica)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="51"/>
        <source>&amp;Receive it on this computer (approval push)</source>
        <translation>&amp;Recibirla en este ordenador (aviso de aprobación)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="54"/>
        <source>&amp;Paste the key my application received</source>
        <translation>Pe&amp;gar la clave que recibió mi aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="83"/>
        <source>Address to listen on</source>
        <translation>Dirección en la que escuchar</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="88"/>
        <source>Port to listen on</source>
        <translation>Puerto en el que escuchar</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="93"/>
        <source>&amp;Start listening</source>
        <translation>&amp;Empezar a escuchar</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="97"/>
        <source>Listen on:</source>
        <translation>Escuchar en:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="99"/>
        <source>The application must have been registered with a public URL that leads to this address as its &lt;b&gt;approval URL&lt;/b&gt; (for example through the company&apos;s reverse proxy or a tunnel). Only a push signed with this consent&apos;s secret, for the passcode above, is accepted.</source>
        <translation>La aplicación debe estar registrada con una URL pública que lleve a esta dirección como su &lt;b&gt;URL de aprobación&lt;/b&gt; (por ejemplo, a través del proxy inverso de la empresa o de un túnel). Solo se acepta un aviso firmado con el secreto de este consentimiento y para el código de acceso de arriba.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="116"/>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="119"/>
        <source>for example 2026-12-01T10:00:00Z</source>
        <translation>por ejemplo 2026-12-01T10:00:00Z</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="120"/>
        <source>Expiration (optional)</source>
        <translation>Caducidad (opcional)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="121"/>
        <source>&amp;Use this key</source>
        <translation>&amp;Usar esta clave</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="127"/>
        <source>API &amp;key:</source>
        <translation>&amp;Clave de API:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="128"/>
        <source>Expiration (optional):</source>
        <translation>Caducidad (opcional):</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="130"/>
        <source>Paste the key your application&apos;s own approval URL receiver got for the passcode above. It is checked with the platform before it is stored.</source>
        <translation>Pegue la clave que recibió el receptor de la URL de aprobación de su aplicación para el código de acceso de arriba. Se comprueba con la plataforma antes de guardarla.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/consent_ways.py" line="156"/>
        <source>Not offered by this platform.</source>
        <translation>Esta plataforma no lo ofrece.</translation>
    </message>
</context>
<context>
    <name>DeveloperPage</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="39"/>
        <source>Developer and application</source>
        <translation>Desarrollador y aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="40"/>
        <source>The platform knows your application by two IDs that it e-mails to you when you register.</source>
        <translation>La plataforma conoce su aplicación por dos ID que le envía por correo al registrarse.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="42"/>
        <source>I &amp;have my developer ID and application ID</source>
        <translation>&amp;Ya tengo mi ID de desarrollador y mi ID de aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="44"/>
        <source>&amp;Register as a new developer</source>
        <translation>&amp;Registrarme como nuevo desarrollador</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="53"/>
        <source>1. Register</source>
        <translation>1. Registro</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="55"/>
        <source>Your name</source>
        <translation>Su nombre</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="56"/>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="57"/>
        <source>Company (optional)</source>
        <translation>Empresa (opcional)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="58"/>
        <source>Application name</source>
        <translation>Nombre de la aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="60"/>
        <source>Approval URL (optional)</source>
        <translation>URL de aprobación (opcional)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="63"/>
        <source>Where the platform sends the API key when access is granted. To receive it in this app, give the public URL that leads to the address this app listens on (for example through the company&apos;s reverse proxy or a tunnel).</source>
        <translation>Adonde la plataforma envía la clave de API cuando se concede el acceso. Para recibirla en esta aplicación, indique la URL pública que lleva a la dirección en la que escucha esta aplicación (por ejemplo, a través del proxy inverso de la empresa o de un túnel).</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="66"/>
        <source>Your name:</source>
        <translation>Su nombre:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="67"/>
        <source>E-mail:</source>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="68"/>
        <source>Company (optional):</source>
        <translation>Empresa (opcional):</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="69"/>
        <source>Application name:</source>
        <translation>Nombre de la aplicación:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="70"/>
        <source>Approval URL (optional):</source>
        <translation>URL de aprobación (opcional):</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="71"/>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="73"/>
        <source>Register and open the registration page</source>
        <translation>Registrar y abrir la página de registro</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="98"/>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="156"/>
        <source>Your IDs</source>
        <translation>Sus ID</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="100"/>
        <source>Developer ID</source>
        <translation>ID de desarrollador</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="101"/>
        <source>Application ID</source>
        <translation>ID de aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="106"/>
        <source>Domain</source>
        <translation>Dominio</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="107"/>
        <source>&amp;Developer ID:</source>
        <translation>ID de &amp;desarrollador:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="108"/>
        <source>&amp;Application ID:</source>
        <translation>ID de &amp;aplicación:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="109"/>
        <source>D&amp;omain:</source>
        <translation>D&amp;ominio:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="113"/>
        <source>These are the sandbox&apos;s demo IDs.</source>
        <translation>Son los ID de demostración del sandbox.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="119"/>
        <source>Also register &amp;another application for this developer (next step)</source>
        <translation>Registrar también &amp;otra aplicación para este desarrollador (paso siguiente)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="155"/>
        <source>2. Paste the IDs from the e-mail</source>
        <translation>2. Pegue los ID del correo</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="188"/>
        <source>&lt;p&gt;&lt;b&gt;The registration page is open in your browser.&lt;/b&gt; If it did not open, &lt;a href=&quot;%1&quot;&gt;open it here&lt;/a&gt;.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;On that page, answer the simple question that shows you are a person.&lt;/li&gt;&lt;li&gt;The platform then sends an e-mail to &lt;b&gt;%2&lt;/b&gt; with your developer ID and application ID. It can take a few minutes; check the spam folder too.&lt;/li&gt;&lt;li&gt;Copy both IDs into the fields below and click Next.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;La página de registro está abierta en su navegador.&lt;/b&gt; Si no se abrió, &lt;a href=&quot;%1&quot;&gt;ábrala aquí&lt;/a&gt;.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;En esa página, responda a la pregunta sencilla que demuestra que es una persona.&lt;/li&gt;&lt;li&gt;La plataforma envía entonces un correo a &lt;b&gt;%2&lt;/b&gt; con su ID de desarrollador y su ID de aplicación. Puede tardar unos minutos; revise también la carpeta de correo no deseado.&lt;/li&gt;&lt;li&gt;Copie ambos ID en los campos de abajo y pulse Siguiente.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="202"/>
        <source>Registering…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/developer_page.py" line="218"/>
        <source>Checking the IDs with the platform…</source>
        <translation>Comprobando los ID con la plataforma…</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Registration page address</source>
        <translation>Dirección de la página de registro</translation>
    </message>
    <message>
        <source>Copy the registration page address</source>
        <translation>Copiar la dirección de la página de registro</translation>
    </message>
    <message>
        <source>1. On that page, answer the simple question that shows you are a person.
2. The platform then sends an e-mail to %2 with your developer ID and application ID. It can take a few minutes; check the spam folder too.
3. Copy both IDs into the fields below and click Next.</source>
        <translation>1. En esa página, responda a la pregunta sencilla que demuestra que es una persona.
2. La plataforma envía entonces un correo a %2 con su ID de desarrollador y su ID de aplicación. Puede tardar unos minutos; revise también la carpeta de correo no deseado.
3. Copie ambos ID en los campos de abajo y pulse Siguiente.</translation>
    </message>
    <message>
        <source>The platform gave a registration page address that is not a secure (https) web address, so it was not opened. Check the server address of this connection.</source>
        <translation>La plataforma indicó una dirección de página de registro que no es una dirección web segura (https), por lo que no se abrió. Compruebe la dirección del servidor de esta conexión.</translation>
    </message>
    <message>
        <source>The registration page is open in your browser. If it did not open, copy the address above into the browser.</source>
        <translation>La página de registro está abierta en su navegador. Si no se abrió, copie la dirección de arriba en el navegador.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="25"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="26"/>
        <source>The connection is ready.</source>
        <translation>La conexión está lista.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="39"/>
        <source>Data sets (scopes) found:</source>
        <translation>Conjuntos de datos (ámbitos) encontrados:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="43"/>
        <source>Data sets (scopes) found</source>
        <translation>Conjuntos de datos (ámbitos) encontrados</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="47"/>
        <source>Click &lt;b&gt;Open the app&lt;/b&gt; to save the connection and start working.</source>
        <translation>Pulse &lt;b&gt;Abrir la aplicación&lt;/b&gt; para guardar la conexión y empezar a trabajar.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="59"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="60"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="60"/>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="61"/>
        <source>Developer ID</source>
        <translation>ID de desarrollador</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="62"/>
        <source>Application ID</source>
        <translation>ID de aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="63"/>
        <source>Domain</source>
        <translation>Dominio</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="63"/>
        <source>API key expires</source>
        <translation>La clave de API caduca</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="70"/>
        <source>unavailable</source>
        <translation>no disponible</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="72"/>
        <source>The secret, the consent&apos;s initial API key and the current API key are stored apart, as three entries in &lt;b&gt;%1&lt;/b&gt;: &lt;code&gt;%2&lt;/code&gt;, &lt;code&gt;%3&lt;/code&gt; and &lt;code&gt;%5&lt;/code&gt; (account &lt;code&gt;%4&lt;/code&gt;). They are never written to a file or the log.</source>
        <translation>El secreto, la clave de API inicial del consentimiento y la clave de API actual se guardan por separado, como tres entradas en &lt;b&gt;%1&lt;/b&gt;: &lt;code&gt;%2&lt;/code&gt;, &lt;code&gt;%3&lt;/code&gt; y &lt;code&gt;%5&lt;/code&gt; (cuenta &lt;code&gt;%4&lt;/code&gt;). Nunca se escriben en un archivo ni en el registro.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="103"/>
        <source>Testing the connection: listing the data sets…</source>
        <translation>Probando la conexión: listando los conjuntos de datos…</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/done_page.py" line="110"/>
        <source>None published yet: Sage 50 publishes them later.</source>
        <translation>Aún no hay ninguno publicado: Sage 50 los publica más tarde.</translation>
    </message>
</context>
<context>
    <name>EnvironmentPage</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="26"/>
        <source>Where is the Sage 50 Cloud API?</source>
        <translation>¿Dónde está la API de Sage 50 Cloud?</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="27"/>
        <source>Choose the server this connection talks to. You can add more connections later.</source>
        <translation>Elija el servidor con el que habla esta conexión. Puede añadir más conexiones después.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="29"/>
        <source>The bundled &amp;sandbox (try the app with demo data, nothing leaves this computer)</source>
        <translation>El &amp;sandbox incluido (pruebe la aplicación con datos de demostración; nada sale de este ordenador)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="36"/>
        <source>A Sage 50 Cloud &amp;server at this address:</source>
        <translation>Un &amp;servidor de Sage 50 Cloud en esta dirección:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="41"/>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="42"/>
        <source>Allow plain http:// to this server (not encrypted; only for test servers)</source>
        <translation>Permitir http:// sin cifrar con este servidor (solo para servidores de prueba)</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="61"/>
        <source>Connection name</source>
        <translation>Nombre de la conexión</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="62"/>
        <source>Connection &amp;name:</source>
        <translation>&amp;Nombre de la conexión:</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="66"/>
        <source>Next checks that the server answers.</source>
        <translation>Al pulsar Siguiente se comprueba que el servidor responde.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="82"/>
        <source>The bundled sandbox is not running.</source>
        <translation>El sandbox incluido no está en marcha.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="85"/>
        <source>Runs on this computer at %1. The demo developer and application IDs are filled in for you.</source>
        <translation>Funciona en este ordenador en %1. Los ID de desarrollador y de aplicación de demostración ya están rellenados.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="107"/>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="110"/>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="112"/>
        <source>Sage 50 Cloud</source>
        <translation>Sage 50 Cloud</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="151"/>
        <source>A connection named “%1” exists already. Choose another name.</source>
        <translation>Ya existe una conexión llamada «%1». Elija otro nombre.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/environment_page.py" line="161"/>
        <source>Checking that the server at %1 answers…</source>
        <translation>Comprobando que el servidor en %1 responde…</translation>
    </message>
</context>
<context>
    <name>ErrorPanel</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/panels.py" line="84"/>
        <location filename="../../sage50_desktop/ui/wizard/panels.py" line="86"/>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/panels.py" line="95"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>OnboardingWizard</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/wizard.py" line="101"/>
        <source>Set up a connection</source>
        <translation>Configurar una conexión</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/wizard.py" line="105"/>
        <source>Open the app</source>
        <translation>Abrir la aplicación</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/wizard.py" line="325"/>
        <source>A connection with this name exists already.</source>
        <translation>Ya existe una conexión con este nombre.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/wizard.py" line="326"/>
        <source>Cancel and start again with another name.</source>
        <translation>Cancele y empiece de nuevo con otro nombre.</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/base.py" line="95"/>
        <source>Enter a connection name that is not in use yet.</source>
        <translation>Escriba un nombre de conexión que no esté en uso.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/base.py" line="96"/>
        <source>Enter a valid server address.</source>
        <translation>Escriba una dirección de servidor válida.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/base.py" line="97"/>
        <source>Enter the developer ID.</source>
        <translation>Escriba el ID de desarrollador.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/base.py" line="98"/>
        <source>Enter the application ID.</source>
        <translation>Escriba el ID de aplicación.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/base.py" line="99"/>
        <source>Enter the domain.</source>
        <translation>Escriba el dominio.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/base.py" line="100"/>
        <source>Register the application first.</source>
        <translation>Registre primero la aplicación.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/base.py" line="101"/>
        <source>Wait until the Sage 50 administrator grants access.</source>
        <translation>Espere a que quien administra Sage 50 conceda el acceso.</translation>
    </message>
</context>
<context>
    <name>WaitPanel</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/panels.py" line="38"/>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/panels.py" line="39"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/panels.py" line="41"/>
        <source>Stop waiting</source>
        <translation>Dejar de esperar</translation>
    </message>
</context>
<context>
    <name>WizardErrors</name>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="18"/>
        <source>The server does not answer.</source>
        <translation>El servidor no responde.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="19"/>
        <source>Check the address and the network (or start the sandbox), then click Retry.</source>
        <translation>Compruebe la dirección y la red (o inicie el sandbox) y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="23"/>
        <source>The server took too long to answer.</source>
        <translation>El servidor tardó demasiado en responder.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="24"/>
        <source>Wait a moment, then click Retry.</source>
        <translation>Espere un momento y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="26"/>
        <source>The connection to the server failed.</source>
        <translation>Falló la conexión con el servidor.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="27"/>
        <source>Check the network connection and the server address, then click Retry.</source>
        <translation>Compruebe la conexión de red y la dirección del servidor y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="31"/>
        <source>Plain http:// is only allowed for this computer.</source>
        <translation>http:// sin cifrar solo se permite con este ordenador.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="33"/>
        <source>Use an https:// address.</source>
        <translation>Use una dirección https://.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="35"/>
        <source>This is not a server address.</source>
        <translation>No es una dirección de servidor.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="36"/>
        <source>Enter the full address, for example https://api.example.com.</source>
        <translation>Escriba la dirección completa, por ejemplo https://api.example.com.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="40"/>
        <source>The server answered something unexpected.</source>
        <translation>El servidor respondió algo inesperado.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="42"/>
        <source>Check that the address points at the Sage 50 Cloud API.</source>
        <translation>Compruebe que la dirección apunta a la API de Sage 50 Cloud.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="45"/>
        <source>The server is busy or having trouble.</source>
        <translation>El servidor está ocupado o tiene problemas.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="46"/>
        <source>Wait a minute, then click Retry.</source>
        <translation>Espere un minuto y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="48"/>
        <source>The server refused what was entered.</source>
        <translation>El servidor rechazó lo que se escribió.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="49"/>
        <source>Check the fields and try again.</source>
        <translation>Revise los campos e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="51"/>
        <source>The developer ID is unknown.</source>
        <translation>El ID de desarrollador no existe.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="52"/>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="56"/>
        <source>Copy it again from the registration e-mail.</source>
        <translation>Cópielo de nuevo del correo de registro.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="55"/>
        <source>The application ID is unknown.</source>
        <translation>El ID de aplicación no existe.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="59"/>
        <source>The platform does not know this passcode.</source>
        <translation>La plataforma no conoce este código de acceso.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="61"/>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="65"/>
        <source>Request a new passcode.</source>
        <translation>Pida un nuevo código de acceso.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="63"/>
        <source>The secret does not match this passcode.</source>
        <translation>El secreto no corresponde a este código de acceso.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="67"/>
        <source>No credential store is available on this computer.</source>
        <translation>No hay ningún almacén de credenciales disponible en este ordenador.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="71"/>
        <source>The platform refused the new API key.</source>
        <translation>La plataforma rechazó la nueva clave de API.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="72"/>
        <source>Go through the consent step again.</source>
        <translation>Repita el paso de consentimiento.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="74"/>
        <source>Consent was withdrawn.</source>
        <translation>Se retiró el consentimiento.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="75"/>
        <source>Request a new passcode and ask the Sage 50 administrator to grant access again.</source>
        <translation>Pida un nuevo código de acceso y solicite a quien administra Sage 50 que conceda de nuevo el acceso.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="78"/>
        <source>The consent does not cover this domain.</source>
        <translation>El consentimiento no cubre este dominio.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="80"/>
        <source>Ask the Sage 50 administrator to grant it.</source>
        <translation>Pida a quien administra Sage 50 que lo conceda.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="83"/>
        <source>What was pasted is not an API key.</source>
        <translation>Lo pegado no es una clave de API.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="84"/>
        <source>Paste the key exactly as your application received it; the expiration, if known, as for example 2026-12-01T10:00:00Z.</source>
        <translation>Pegue la clave tal como la recibió su aplicación; la caducidad, si se conoce, como por ejemplo 2026-12-01T10:00:00Z.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="88"/>
        <source>The platform refused this API key; nothing was stored.</source>
        <translation>La plataforma ha rechazado esta clave de API; no se ha guardado nada.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="90"/>
        <source>Check that it is the key delivered for the passcode shown, for this application and domain.</source>
        <translation>Compruebe que es la clave entregada para el código de acceso mostrado, para esta aplicación y este dominio.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="94"/>
        <source>This app cannot listen on that address.</source>
        <translation>Esta aplicación no puede escuchar en esa dirección.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="96"/>
        <source>Choose another port, or an address of this computer.</source>
        <translation>Elija otro puerto o una dirección de este ordenador.</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="112"/>
        <source>Something went wrong: %1</source>
        <translation>Algo salió mal: %1</translation>
    </message>
    <message>
        <location filename="../../sage50_desktop/ui/wizard/errors.py" line="114"/>
        <source>Click Retry. If it keeps failing, check the log file.</source>
        <translation>Pulse Reintentar. Si sigue fallando, revise el archivo de registro.</translation>
    </message>
</context>
</TS>
