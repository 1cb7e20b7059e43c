"""The desk's one stylesheet is valid: Qt only warns about a broken one, and then styles nothing."""

from __future__ import annotations

from PySide6.QtCore import qInstallMessageHandler

from visitorcentre import paths
from visitorcentre.ui.app import application, apply_style


def test_the_stylesheet_parses(qtbot):
    text = (paths.resources_dir() / "style.qss").read_text(encoding="utf-8")
    assert text.count("{") == text.count("}")
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda kind, context, message: messages.append(message))
    try:
        app = application()
        app.setStyleSheet("")
        apply_style(app)
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in messages if "stylesheet" in m.lower()]
