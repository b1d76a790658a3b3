"""The wizard in Spanish: the shipped catalogue loads and covers the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from sage50_desktop.api.errors import ServerUnreachable
from sage50_desktop.services.onboarding_flow import Step, StepIncomplete
from sage50_desktop.ui.wizard.errors import describe_error

QM = Path(__file__).parents[3] / "resources" / "translations" / "sage50_wizard_es.qm"


@pytest.fixture
def spanish(qapp):
    translator = QTranslator()
    assert translator.load(str(QM)), QM
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_wizard_speaks_spanish_with_the_shared_words(spanish, make_wizard):
    wizard = make_wizard()
    assert wizard.windowTitle() == "Configurar una conexión"
    assert wizard.page_for(Step.ENVIRONMENT).title() == "¿Dónde está la API de Sage 50 Cloud?"
    assert wizard.page_for(Step.CONSENT).title() == "Consentimiento"
    assert (
        "Código de acceso"
        in wizard.page_for(Step.CONSENT)
        .findChild(type(wizard.page_for(Step.CONSENT).passcode_label), "passcodeLabel")
        .accessibleName()
    )
    done = wizard.page_for(Step.DONE)
    assert done.scopes.accessibleName() == "Conjuntos de datos (ámbitos) encontrados"
    assert wizard.status.error.retry.text() == "Reintentar"
    assert describe_error(ServerUnreachable())[0] == "El servidor no responde."
    # strings of the shared base class resolve in its own context
    text = done.describe_incomplete(StepIncomplete("x", "developer_id"))
    assert text == "Escriba el ID de desarrollador."
    wizard.reject()
