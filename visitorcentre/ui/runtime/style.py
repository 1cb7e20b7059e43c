"""The desk's one stylesheet (resources/style.qss), at the text size the desk is set to.

Large print: a desk can show its text at 125% or 150% (``desk.settings.text_size``). Every
``pt`` size in the stylesheet and the application's font are scaled by it, so every window
grows its words alike; pixel sizes (the 44 px of a button, borders, padding) stay as they are.
The windows scroll their bodies and wrap their buttons, so they still fit a 1366×768 screen.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from visitorcentre.config import paths

log = logging.getLogger(__name__)
STYLESHEET = "style.qss"
_POINTS = r"(\d+(?:\.\d+)?)pt\b"
#: The application's own font size before any scaling (kept on the application).
_BASE_POINTS = "visitorcentreBasePoints"
_TEXT_SIZE = "visitorcentreTextSize"


def scaled(stylesheet: str, percent: int) -> str:
    """``stylesheet`` with every point size scaled to ``percent`` (14pt at 150 becomes 21pt)."""
    if percent == 100:
        return stylesheet
    return re.sub(_POINTS, lambda found: f"{round(float(found[1]) * percent / 100)}pt", stylesheet)


def apply_style(app: QApplication, percent: int = 100) -> None:
    """Apply resources/style.qss at ``percent`` text size; without the file the desk still works."""
    path = paths.resources_dir() / STYLESHEET
    base = app.property(_BASE_POINTS)
    if base is None and percent != 100:  # (at 100% the font is left as it is: nothing to note or scale)
        base = app.font().pointSizeF()
        app.setProperty(_BASE_POINTS, base)
    if base is not None and base > 0:
        font = app.font()
        font.setPointSizeF(base * percent / 100)
        app.setFont(font)
    app.setProperty(_TEXT_SIZE, percent)
    try:
        icons = (paths.resources_dir() / "icons").as_posix()
        text = path.read_text(encoding="utf-8").replace("url(icons/", f"url({icons}/")
    except OSError:
        log.warning("Stylesheet %s could not be read; using the plain style", path)
        return
    app.setStyleSheet(scaled(text, percent))


def text_size(app: QCoreApplication | None = None) -> int:
    """The text size the running desk shows, in per cent."""
    app = app or QApplication.instance()
    return int(app.property(_TEXT_SIZE) or 100) if app is not None else 100


def set_text_size(percent: int) -> None:
    """Show every window's text at ``percent`` from now on (nothing to do if it already is)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and text_size(app) != percent:
        apply_style(app, percent)
