"""The desk's one stylesheet is valid: Qt only warns about a broken one, and then styles nothing.

Checked in a fresh process: restyling the many windows earlier tests left behind is not what
is being tested.
"""

from __future__ import annotations

import os
import subprocess
import sys

from visitorcentre.config import paths

PROBE = """
from PySide6.QtCore import qInstallMessageHandler
messages = []
qInstallMessageHandler(lambda kind, context, message: messages.append(message))
from PySide6.QtWidgets import QLabel
from visitorcentre.ui.runtime.app import application
app = application()
label = QLabel("Visitor Centre")  # Qt parses the stylesheet when it first styles a widget
label.show()
app.processEvents()
print("BROKEN" if [m for m in messages if "stylesheet" in m.lower()] else "OK")
"""


def test_the_stylesheet_parses():
    text = (paths.resources_dir() / "style.qss").read_text(encoding="utf-8")
    assert text.count("{") == text.count("}")
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "OK"
