"""Rough edges: shortcuts that do not fight text fields, dark-mode diff colours, polling default."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from sage50_desktop.services import settings as S
from sage50_desktop.ui import theme
from sage50_desktop.ui.browser import diff_view


def test_new_versions_are_checked_every_minute_by_default():
    assert S.POLL_INTERVAL.default == 60


def test_diff_colours_follow_a_dark_palette(qapp, monkeypatch):
    light = diff_view.diff_colours()
    assert light[0] == diff_view.OLD_BG and light[2] == diff_view.TEXT_ON_BG
    monkeypatch.setattr(theme, "is_dark", lambda: True)
    palette = QPalette(QGuiApplication.palette())
    palette.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    monkeypatch.setattr(QGuiApplication, "palette", staticmethod(lambda: palette))
    old, new, text = diff_view.diff_colours()
    assert text == QColor(230, 230, 230)
    assert old.lightness() < 128 and new.lightness() < 128  # dark backgrounds, light text
    assert text.lightness() - max(old.lightness(), new.lightness()) > 100
