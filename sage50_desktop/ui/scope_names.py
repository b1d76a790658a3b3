"""Names of domains and scopes in the UI language (unknown ones shown as they are)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_LABELS = {
    "customers": QT_TRANSLATE_NOOP("Scopes", "Customers"),
    "products": QT_TRANSLATE_NOOP("Scopes", "Products"),
    "orders": QT_TRANSLATE_NOOP("Scopes", "Orders"),
    "ecommerce": QT_TRANSLATE_NOOP("Scopes", "E-commerce"),
}


def label(name: str) -> str:
    """``products`` → ``Products`` / ``Productos``."""
    source = _LABELS.get(name)
    return QCoreApplication.translate("Scopes", str(source)) if source else name
