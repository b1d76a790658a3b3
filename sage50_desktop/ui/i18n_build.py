"""Rebuild the shell's translation catalogues: ``python -m sage50_desktop.ui.i18n_build``.

1. ``pyside6-lupdate`` extracts ``self.tr(...)`` / ``QCoreApplication.translate(...)``
   strings of the shell's files into ``resources/translations/sage50_shell_<lang>.ts``
   (existing translations are kept; edit them with Qt Linguist or by hand);
2. strings the shell translates but does not write literally are added too:
   setting labels (context ``Settings``, declared in ``services/settings.py``),
   error hints (context ``Errors``, from ``api/errors.py`` and the credential
   store), and module helpers such as ``_t("...")`` whose context is the one
   their ``translate`` call names;
3. ``pyside6-lrelease`` compiles each ``.ts`` to the ``.qm`` the app loads.

The wizard's catalogue (``sage50_wizard_*``) is built by its own owner.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sage50_desktop.resources import resource_path

LANGUAGES = ("es", "en")
PACKAGE = Path(__file__).resolve().parent.parent
# the shell's own files (the wizard and the upload/browser engines have their own catalogues)
SHELL_FILES = [
    "app.py",
    "ui/activity_dock.py",
    "ui/errors.py",
    "ui/main_window.py",
    "ui/menus.py",
    "ui/pages.py",
    "ui/profile_actions.py",
    "ui/scope_names.py",
    "ui/session.py",
    "ui/settings_dialog.py",
    "ui/sidebar.py",
    "ui/single_instance.py",
    "ui/status_bar.py",
    "ui/wizard_launcher.py",
    "ui/widgets/infobar.py",
    "ui/widgets/state_view.py",
    "ui/overview/page.py",
    "ui/uploads/page.py",
]


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def helper_strings(path: Path) -> list[tuple[str, str]]:
    """``(context, text)`` of calls to module helpers like ``_t("…")`` in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    contexts: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("_") and len(node.name) <= 3:
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "translate"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    contexts[node.name] = str(call.args[0].value)
    found = []
    for call in ast.walk(tree):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id in contexts
            and call.args
            and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)
        ):
            found.append((contexts[call.func.id], call.args[0].value))
    return found


def dynamic_strings() -> list[tuple[str, str]]:
    from sage50_desktop import error_catalogue
    from sage50_desktop.services import settings as S

    strings = [("Settings", s.label) for s in S.ALL]
    strings += sorted(
        {
            ("Errors", str(getattr(c, "hint", "")))
            for c in error_catalogue.known()
            if getattr(c, "hint", "")
        }
    )
    strings += sorted({("Errors", english) for english, _es in error_catalogue.TITLES.values()})
    for name in SHELL_FILES:
        strings += helper_strings(PACKAGE / name)
    return strings


def build() -> None:
    folder = resource_path("translations")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "dynamic_strings.py"
        lines = ["from PySide6.QtCore import QCoreApplication as Q", ""]
        for context, text in dynamic_strings():
            lines.append(f"Q.translate({context!r}, {text!r})")
        extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
        sources = [str(PACKAGE / name) for name in SHELL_FILES] + [str(extra)]
        for lang in LANGUAGES:
            ts = folder / f"sage50_shell_{lang}.ts"
            subprocess.run(
                [
                    _tool("pyside6-lupdate"),
                    "-locations",
                    "none",
                    "-no-obsolete",
                    "-target-language",
                    lang,
                    *sources,
                    "-ts",
                    str(ts),
                ],
                check=True,
            )
            subprocess.run(
                [_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
            )


if __name__ == "__main__":
    build()
