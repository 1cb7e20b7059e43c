"""The barcode scanner: recognises a keyboard-wedge scanner's burst of keys anywhere in the desk window.

A USB scanner "types" its code much faster than a person (well under 30 ms between keys) and
ends with Enter. This application-wide event filter holds back printable keys for a moment;
if they keep arriving that fast and end in Enter, the whole burst is taken as a scan and
handed on (``scanned``), whichever widget had the focus. Otherwise the held keys are replayed,
unchanged and in order, to the widget they were meant for, so ordinary typing only waits a
few hundredths of a second. While a dialog is open the scanner stands aside.
"""

from __future__ import annotations

import time
from functools import cache

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from visitorcentre.ui.runtime.qt_names import Qt

MAX_GAP_MS = 30
MIN_LENGTH = 4


@cache
def _enter_keys() -> tuple[Qt.Key, ...]:
    return (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@cache
def _command_modifiers() -> Qt.KeyboardModifier:
    # (Asked for as the first keys come, not as the desk loads: see ui/runtime/qt_names.py.)
    return Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(), event.isAutoRepeat(), event.count())


class ScannerListener(QObject):
    """Install on the QApplication; emits ``scanned(text)`` for each scan."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, max_gap_ms: int = MAX_GAP_MS, min_length: int = MIN_LENGTH):
        super().__init__(parent)
        self.enabled = True
        #: The longest pause between a scanner's keys, and the shortest code it sends.
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._held: list[tuple[QObject, QKeyEvent]] = []
        self._last_key_at = 0.0
        self._replaying = False
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.timeout.connect(self.release)

    def install(self, app: QCoreApplication | None = None) -> None:
        (app or QCoreApplication.instance()).installEventFilter(self)

    def uninstall(self, app: QCoreApplication | None = None) -> None:
        self.release()
        (app or QCoreApplication.instance()).removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(event, QKeyEvent) or QApplication.activeModalWidget() is not None:
            return False
        now = time.monotonic()
        text = event.text()
        printable = bool(text) and text.isprintable() and not (event.modifiers() & _command_modifiers())
        if printable:
            if self._held and now - self._last_key_at > self.max_gap_ms / 1000:
                self.release()
            receiver = watched if isinstance(watched, QWidget) else (QApplication.focusWidget() or watched)
            self._held.append((receiver, _copy(event)))
            self._last_key_at = now
            self._release_timer.start(self.max_gap_ms + 5)
            return True
        if event.key() in _enter_keys() and self._held:
            if len(self._held) >= self.min_length and now - self._last_key_at <= self.max_gap_ms / 1000:
                code = "".join(held.text() for _receiver, held in self._held)
                self._held.clear()
                self._release_timer.stop()
                self.scanned.emit(code)
                return True
        self.release()
        return False

    @Slot()
    def release(self) -> None:
        """Hand the held keys, in order, to the widgets they were typed into (it was not a scan)."""
        self._release_timer.stop()
        held, self._held = self._held, []
        if not held:
            return
        self._replaying = True
        try:
            for receiver, event in held:
                if shiboken6.isValid(receiver):
                    QCoreApplication.sendEvent(receiver, event)
        finally:
            self._replaying = False

    @property
    def holding(self) -> bool:
        """True while keys are held back, waiting to see whether they are a scan."""
        return bool(self._held)
