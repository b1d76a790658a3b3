"""The Settings dialog, built from the declarations in :mod:`sage50_desktop.services.settings`.

Each :class:`~sage50_desktop.services.settings.Setting` becomes one row: a spin
box for numbers (with its bounds), a check box for yes/no, a combo box for
choices and a line edit for text (with a file chooser for the CA bundle).
Labels are the declared English labels, translated in the ``Settings`` context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop import paths
from sage50_desktop.services import settings as S


def setting_label(setting: S.Setting) -> str:
    return QCoreApplication.translate("Settings", setting.label)


class SettingsDialog(QDialog):
    """Edits every declared setting; :meth:`apply` writes the changed ones."""

    def __init__(
        self,
        settings: S.Settings,
        parent: QWidget | None = None,
        declarations: tuple[S.Setting, ...] = S.ALL,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.declarations = declarations
        self.editors: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for setting in declarations:
            editor, field = self._editor(setting)
            editor.setObjectName(f"setting_{setting.key}")
            editor.setAccessibleName(setting_label(setting))
            self.editors[setting.key] = editor
            label = QLabel(setting_label(setting) + ":", self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(editor)
            form.addRow(label, field)
        layout.addLayout(form)
        log_folder = paths.log_dir()
        self.log_link = QLabel(self)
        self.log_link.setObjectName("logFolderLink")
        self.log_link.setTextFormat(Qt.TextFormat.RichText)
        self.log_link.setOpenExternalLinks(True)
        self.log_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        url = QUrl.fromLocalFile(str(log_folder)).toString()
        self.log_link.setText(
            self.tr("Log files: %1").replace("%1", f"<a href='{url}'>{log_folder}</a>")
        )
        layout.addWidget(self.log_link)
        note = QLabel(
            self.tr(
                "Proxy, certificate and key renewal changes apply to every "
                "connection at once (open connections reconnect)."
            ),
            self,
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setEnabled(False)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(max(680, self.sizeHint().width()), self.sizeHint().height())

    # --- editors --------------------------------------------------------------------------
    def _editor(self, setting: S.Setting) -> tuple[QWidget, QWidget]:
        value = self.settings.get(setting)
        if setting.type is bool:
            box = QCheckBox(self)
            box.setChecked(bool(value))
            return box, box
        if setting.type is int:
            spin = QSpinBox(self)
            spin.setRange(
                int(setting.minimum if setting.minimum is not None else 0),
                int(setting.maximum if setting.maximum is not None else 2**31 - 1),
            )
            spin.setValue(int(value))
            spin.setGroupSeparatorShown(True)
            return spin, spin
        if setting.choices:
            combo = QComboBox(self)
            for choice in setting.choices:
                combo.addItem(self._choice_label(setting, choice), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo, combo
        edit = QLineEdit(str(value), self)
        edit.setClearButtonEnabled(True)
        if setting is S.CA_BUNDLE:
            field = QWidget(self)
            row = QHBoxLayout(field)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(edit, 1)
            browse = QPushButton(self.tr("Choose…"), field)
            browse.setObjectName("chooseCaBundle")
            browse.clicked.connect(lambda: self._choose_file(edit))
            row.addWidget(browse)
            return edit, field
        if setting is S.PROXY:
            edit.setPlaceholderText("http://proxy.example.com:3128")
        return edit, edit

    def _choice_label(self, setting: S.Setting, choice: str) -> str:
        if setting is S.LANGUAGE:
            return {"system": self.tr("Same as the system"), "en": "English", "es": "Español"}.get(
                choice, choice
            )
        return choice

    def _choose_file(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a CA bundle"),
            edit.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            edit.setText(path)

    # --- values ----------------------------------------------------------------------------
    def value(self, setting: S.Setting) -> Any:
        editor = self.editors[setting.key]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def set_value(self, setting: S.Setting, value: Any) -> None:
        editor = self.editors[setting.key]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def apply(self) -> list[S.Setting]:
        """Write the settings that changed; returns them."""
        changed = []
        for setting in self.declarations:
            new = setting.coerce(self.value(setting))
            if new != self.settings.get(setting):
                self.settings.set(setting, new)
                changed.append(setting)
        return changed
