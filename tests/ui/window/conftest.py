"""The desk opened on a screen of a given size, language and text size, for the fit and touch tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

from visitorcentre.core.errors import InvalidInput
from visitorcentre.ui.runtime.app import application, build_main_window
from visitorcentre.ui.runtime.style import set_text_size, text_size
from visitorcentre.ui.shared import i18n, screen_fit
from visitorcentre.ui.staff import desk_lock

KIOSK = QSize(1280, 720)
SMALL = QSize(1024, 768)
LAPTOP = QSize(1366, 768)
#: The language the desk's longest words are tested in: every string 40% longer (branch kiosk-languages).
PSEUDO = "en-XA"


@dataclass
class Desk:
    window: object
    world: object
    screen: QSize


def size_name(size: QSize) -> str:
    """ "1280x720"."""
    return f"{size.width()}x{size.height()}"


@pytest.fixture
def desk_on(qtbot, world, answers, monkeypatch, request):
    """The main window (signed-out lock over it) on a screen of ``request.param``: (size, language, text %)."""
    size, language, percent = request.param
    application()
    if language != "en":
        try:
            i18n.set_language(language)
        except InvalidInput:
            pytest.skip(f"the pseudo-locale {language} is not in the catalogues yet (branch kiosk-languages adds it)")
    world.desk.settings.use_text_size(percent)  # the desk's setting: the window takes it up as it opens
    monkeypatch.setattr(screen_fit, "available", lambda widget=None: QRect(QPoint(0, 0), size))
    main = build_main_window(world.desk)
    main.scanner.enabled = False
    qtbot.addWidget(main)
    main.resize(size)
    main.show()
    desk_lock.attach(main)
    # restyling for large print takes a while where many windows are open (as in a long test run)
    qtbot.waitUntil(
        lambda: main.board.model.rowCount() > 0 and not main.tasks.busy and text_size() == percent, timeout=60_000
    )
    yield Desk(main, world, size)
    main.close()
    set_text_size(100)
    i18n.set_language("en")
