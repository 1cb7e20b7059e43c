"""Windows that fit the screen they open on: kiosk screens are 1280×720, 1366×768, even 1024×768.

A window asks for the size it would like (``fit_to_screen``) and gets at most most of the
screen's free area (``QScreen.availableGeometry``: the screen less the taskbar), never a
fixed size that runs off a small screen. A dialog's body scrolls and its buttons stay put
(``scroll_body``): however large the text or small the screen, "Save" and "Go back" are on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QBoxLayout, QFrame, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QScrollArea

#: The share of the free screen a window opens at, at most (room left to see it is a window).
SHARE = 0.94


def available(widget: QWidget | None = None) -> QRect:
    """The free area of the screen ``widget`` is on (the primary screen if none)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int, share: float = SHARE) -> None:
    """Size ``window`` at ``width``×``height``, or at ``share`` of its screen's free area if that is smaller."""
    room = available(window)
    window.resize(min(width, int(room.width() * share)), min(height, int(room.height() * share)))


def within_screen(widget: QWidget, width: int, share: float = SHARE) -> int:
    """``width``, or ``share`` of the width of ``widget``'s screen if that is less (a dialog's smallest width)."""
    return min(width, int(available(widget).width() * share))


def scroll_body(layout: QBoxLayout, keep_last: int = 1, keep_first: int = 0) -> QScrollArea:
    """Move everything in ``layout`` but its first ``keep_first`` and last ``keep_last`` items into a scroll area.

    The window's smallest size is then its buttons' and headings', not its whole content's: on
    a small screen the body scrolls and the buttons stay in view.
    """
    from PySide6.QtWidgets import QScrollArea  # (no window wants one before the desk's first paint)

    owner = layout.parentWidget()
    scroll = QScrollArea(owner)
    scroll.setObjectName("scrollBody")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    body = QWidget()
    body.setObjectName("scrollBodyContents")
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(layout.spacing())
    moving = layout.count() - keep_last - keep_first
    for _index in range(max(moving, 0)):
        stretch = layout.stretch(keep_first)
        item = layout.takeAt(keep_first)
        if item is None:
            break
        widget, inner, spacer = item.widget(), item.layout(), item.spacerItem()
        if widget is not None:
            column.addWidget(widget, stretch, item.alignment())
        elif inner is not None:
            column.addLayout(inner, stretch)
        elif spacer is not None:
            if spacer.expandingDirections():
                column.addStretch(max(stretch, 1))
            else:
                column.addSpacing(spacer.sizeHint().height())
    scroll.setWidget(body)
    layout.insertWidget(keep_first, scroll, 1)
    return scroll


#: The narrowest a wrapping label or a tick box is let go (in average letters), whatever its longest word.
NARROWEST_LETTERS = 12


def may_narrow(*widgets: QWidget) -> None:
    """Let each of ``widgets`` (word-wrapped labels, tick boxes) be narrower than its longest word.

    A word-wrapped QLabel asks for the width of its longest word and a QCheckBox for its whole
    text, so one long word (a long translation, a long name) would make the window wider than
    the screen. The text then wraps at its spaces and, only when a word is longer than the room
    there is, that word is cut at the edge instead of widening the window.
    """
    for widget in widgets:
        widget.setMinimumWidth(widget.fontMetrics().averageCharWidth() * NARROWEST_LETTERS)
