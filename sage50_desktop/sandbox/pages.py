"""HTML pages: the developer registration page (captcha) and the control page.

The control page is the simulated Sage 50 installation: pending passcodes
with Grant/Deny buttons, publish buttons per scope, and the e-mail outbox.
"""

from __future__ import annotations

from html import escape

from aiohttp import web

from sage50_desktop.api.contract import PasscodeState
from sage50_desktop.sandbox.routes_consent import REGISTER_PAGE
from sage50_desktop.sandbox.runtime import RUNTIME, SandboxRuntime
from sage50_desktop.sandbox.wire import iso, now

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
h1{color:#00815d}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;
padding:.3em .5em;text-align:left}form{display:inline}button{margin:.1em}
pre{background:#f4f4f4;padding:.6em;white-space:pre-wrap}.err{color:#b00}
"""


def _page(title: str, body: str) -> web.Response:
    html = (
        f"<!doctype html><html lang='es'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return web.Response(text=html, content_type="text/html", charset="utf-8")


async def registration_page(request: web.Request) -> web.Response:
    """GET/POST ``/register/{token}``: a simple arithmetic check completes registration 1.1."""
    rt = request.app[RUNTIME]
    reg = rt.state.registrations.get(request.match_info["token"])
    if reg is None:
        return _page("Registro no encontrado", "<p>Este enlace de registro no existe.</p>")
    error = ""
    if request.method == "POST" and not reg.developer_id:
        form = await request.post()
        answer = str(form.get("answer", "")).strip()
        if answer == str(reg.a + reg.b):
            rt.state.complete_registration(reg)
            rt.persist()
        else:
            error = "<p class='err'>Respuesta incorrecta. Inténtelo de nuevo.</p>"
    if reg.developer_id:
        mail = next(
            (m for m in reversed(rt.state.outbox) if m.developer_id == reg.developer_id), None
        )
        sent = (
            (
                f"<p>Hemos enviado un correo a <b>{escape(mail.to)}</b>:</p>"
                f"<pre id='mail'>{escape(mail.body)}</pre>"
            )
            if mail
            else ""
        )
        return _page(
            "Registro completado",
            (
                f"<p>developerId: <code id='developerId'>{escape(reg.developer_id)}</code></p>"
                f"<p>applicationId: <code id='applicationId'>{escape(reg.application_id or '')}"
                f"</code></p>{sent}"
            ),
        )
    return _page(
        "Registro de desarrollador Sage 50 Cloud",
        (
            f"<p>Desarrollador: {escape(reg.developer['name'])} "
            f"({escape(reg.developer['email'])})<br>Aplicación: "
            f"{escape(reg.application['name'])} (dominio {escape(reg.application['domain'])})</p>"
            f"{error}<form method='post'><label>Para comprobar que es una persona: ¿cuánto es "
            f"<span id='question'>{reg.a} + {reg.b}</span>? <input name='answer' size='4' "
            f"autofocus></label> <button type='submit'>Completar registro</button></form>"
        ),
    )


def _button(action: str, label: str, fields: str = "") -> str:
    return (
        f"<form method='post' action='{escape(action)}'>{fields}"
        f"<button type='submit'>{escape(label)}</button></form>"
    )


async def control_page(request: web.Request) -> web.Response:
    """GET ``/sandbox/``: the simulated Sage 50 installation."""
    rt = request.app[RUNTIME]
    at = now()
    rows = []
    for pc in rt.state.passcodes.values():
        status = pc.refresh(at)
        app = rt.state.applications.get(pc.application_id)
        actions = ""
        if status == PasscodeState.PENDING:
            actions = _button(f"/sandbox/passcodes/{pc.code}/grant", "Conceder") + _button(
                f"/sandbox/passcodes/{pc.code}/deny", "Denegar"
            )
        rows.append(
            f"<tr><td><code>{escape(pc.code)}</code></td>"
            f"<td>{escape(app.name if app else pc.application_id)}</td>"
            f"<td>{escape(pc.domain)}</td><td>{status}</td>"
            f"<td>{iso(pc.expires)}</td><td>{actions}</td></tr>"
        )
    passcodes = (
        (
            "<table><tr><th>Código</th><th>Aplicación</th><th>Dominio</th><th>Estado</th>"
            "<th>Caduca</th><th></th></tr>" + "".join(rows) + "</table>"
        )
        if rows
        else "<p>No hay códigos de acceso.</p>"
    )
    scope_rows = []
    for (domain, scope), v in sorted(rt.catalog.current.items()):
        base = f"/sandbox/scopes/{domain}/{scope}"
        scope_rows.append(
            f"<tr><td>{escape(domain)}/{escape(scope)}</td><td><code>{escape(v.version)}"
            f"</code></td><td>{len(v.ids)}</td><td>{v.size}</td><td>{iso(v.last_modified)}</td>"
            f"<td>{_button(base + '/publish', 'Publicar nueva versión')}</td></tr>"
        )
    scopes = (
        "<table><tr><th>Ámbito</th><th>Versión</th><th>Registros</th><th>Bytes</th>"
        "<th>Publicado</th><th></th></tr>" + "".join(scope_rows) + "</table>"
    )
    mails = (
        "".join(
            f"<p><b>{escape(m.subject)}</b> → {escape(m.to)} ({iso(m.sent_at)})</p>"
            f"<pre>{escape(m.body)}</pre>"
            for m in reversed(rt.state.outbox)
        )
        or "<p>Bandeja vacía.</p>"
    )
    return _page(
        "Instalación Sage 50 (sandbox)",
        (
            f"<p>API: <code>{escape(rt.base_url)}</code> · desarrollador demo "
            f"<code>{escape(rt.config.demo_developer_id)}</code> · aplicación demo "
            f"<code>{escape(rt.config.demo_application_id)}</code></p>"
            f"<h2>Códigos de acceso</h2>{passcodes}<h2>Ficheros publicados</h2>{scopes}"
            f"<p>{_button('/sandbox/keys/expire', 'Caducar claves ahora')}"
            f"{_button('/sandbox/consents/revoke', 'Revocar consentimientos')}</p>"
            f"<h2>Plataforma</h2>{_platform_knobs(rt)}"
            f"<h2>Correo enviado</h2>{mails}"
        ),
    )


def _platform_knobs(rt: SandboxRuntime) -> str:
    """Toggles of ``/sandbox/platform``, so every way of receiving the key can be tried."""
    k = rt.platform
    polling = (
        (
            "Consulta del código (2.2): <b>activada</b> "
            + _button(
                "/sandbox/platform",
                "Desactivar consulta",
                "<input type='hidden' name='polling' value='false'>",
            )
        )
        if k.polling
        else (
            "Consulta del código (2.2): <b>desactivada</b> (responde 404) "
            + _button(
                "/sandbox/platform",
                "Activar consulta",
                "<input type='hidden' name='polling' value='true'>",
            )
        )
    )
    expiration = (
        (
            "Caducidad en las respuestas de rotación: <b>incluida</b> "
            + _button(
                "/sandbox/platform",
                "Omitir caducidad",
                "<input type='hidden' name='rotationExpiration' value='false'>",
            )
        )
        if k.rotation_expiration
        else (
            "Caducidad en las respuestas de rotación: <b>omitida</b> "
            + _button(
                "/sandbox/platform",
                "Incluir caducidad",
                "<input type='hidden' name='rotationExpiration' value='true'>",
            )
        )
    )
    return f"<p>{polling}</p><p>{expiration}</p>"


def add_routes(app: web.Application) -> None:
    app.router.add_route("GET", REGISTER_PAGE, registration_page, name="registrationPage")
    app.router.add_route("POST", REGISTER_PAGE, registration_page)
    app.router.add_get("/sandbox/", control_page, name="controlPage")
    app.router.add_get("/sandbox", control_page)
