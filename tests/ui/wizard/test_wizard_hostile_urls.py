"""Issue 16 — the platform's registration page address: plain text, a Copy button, https only.

The wizard never hands a ``file:``, ``smb:``, ``ms-msdt:`` or plain-http link
to the browser, and never renders the address as HTML.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from sage50_desktop.services.onboarding_flow import Step

HOSTILE = [
    "file:///etc/passwd",
    "smb://evil.example/share/setup.exe",
    "ms-msdt:/id PCWDiagnostic",
    "javascript:alert(1)",
    "http://evil.example/register",
    "https://user:pw@evil.example/r",
    '"><img src=https://evil.example/x.png>',
    "relative/page",
]


@pytest.mark.parametrize("url", HOSTILE)
async def test_hostile_registration_url_is_not_opened_nor_rendered(make_wizard, url):
    wizard = make_wizard()
    dev = wizard.page_for(Step.DEVELOPER)
    dev.show_registration(url, "<h1>ana</h1>@example.com")
    assert make_wizard.opened == []  # nothing handed to the browser
    assert dev.register_info.textFormat() == Qt.TextFormat.PlainText
    assert "not a secure" in dev.register_info.text()
    assert dev.url_edit.text() == ""  # the refused address is not offered for copying


@pytest.mark.parametrize(
    "url", ["https://api.example.com/register/abc?x=1", "http://127.0.0.1:8750/register/abc"]
)
async def test_safe_registration_url_is_opened_shown_plain_and_copied(make_wizard, url):
    wizard = make_wizard()
    dev = wizard.page_for(Step.DEVELOPER)
    dev.show_registration(url, "ana@example.com")
    assert make_wizard.opened == [url]
    assert dev.url_edit.text() == url and dev.url_edit.isReadOnly()
    assert dev.register_info.textFormat() == Qt.TextFormat.PlainText
    assert "ana@example.com" in dev.register_info.text()
    dev.copy_button.click()
    assert QGuiApplication.clipboard().text() == url


@pytest.mark.log_warnings_expected("a refused address is logged")
async def test_wizard_open_url_refuses_unsafe_schemes_everywhere(make_wizard):
    wizard = make_wizard()
    for url in HOSTILE:
        wizard.open_url(url)
    assert make_wizard.opened == []
