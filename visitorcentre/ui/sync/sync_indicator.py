"""The sync status in the status bar: online or offline, the last sync, the changes waiting, the issues.

One flat button, so a click (or Enter) opens the sync panel: an icon and a word always together
("Online", "Offline", "Syncing…", "On its own"), then "last sync 2 min ago · 3 changes waiting".
The "ago" is redrawn every half minute without asking the database. A long pull shows a
progress bar with how many records have come down — only once the sync has taken longer than
``PROGRESS_DELAY_MS``, so a quick sync never flickers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QSize, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QSizePolicy, QWidget

from visitorcentre.ui.runtime.tasks import PROGRESS_DELAY_MS
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.elided_label import elide_right
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.sync import sync_words

if TYPE_CHECKING:
    from visitorcentre.core.sync_views import SyncState

TICK_MS = 30_000


class StatusButton(QPushButton):
    """A flat button whose line shortens with "…" when the status bar is crowded (the tooltip has it all)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self._shortest = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str, shortest: str = "") -> None:
        """Show ``text``, shortened when space is short, but never to less than about ``shortest``."""
        self._full = text
        self._shortest = shortest or text
        self._fit()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def _width_for(self, text: str) -> int:
        """The button's width with ``text`` on it (the style's padding and the icon as now)."""
        metrics = self.fontMetrics()
        return super().sizeHint().width() + metrics.horizontalAdvance(text) - metrics.horizontalAdvance(self.text())

    def sizeHint(self) -> QSize:
        return QSize(self._width_for(self._full), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        # the word at least: "Online", "Offline", "Syncing…"
        return QSize(min(self._width_for(self._shortest + " …"), self.sizeHint().width()), super().sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        spare = self.width() - self._width_for("")
        text = (
            self._full
            if self._width_for(self._full) <= self.width()
            else elide_right(self.fontMetrics(), self._full, max(spare, 0))
        )
        if text != self.text():
            super().setText(text)


class SyncIndicator(QWidget):
    """Shows the desk's sync at a glance; ``clicked`` asks for the sync panel."""

    clicked = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = sync_words.utc_now,
        progress_delay_ms: int = PROGRESS_DELAY_MS,
    ):
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self._now = now
        self.progress_delay_ms = progress_delay_ms
        self.state: SyncState | None = None
        self.syncing = False
        self.status = sync_words.status(None, False, now())
        self._since = QElapsedTimer()
        self._last_progress: tuple[int, int] | None = None
        self.button = StatusButton(self)
        self.button.setObjectName("syncStatus")
        self.button.setFlat(True)
        self.button.setIconSize(QSize(22, 22))
        self.button.clicked.connect(self.clicked)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("syncProgress")
        self.progress_bar.setMinimumWidth(260)
        self.progress_bar.setMaximumWidth(340)
        self.progress_bar.setAccessibleName(_("Records taken down from the central server"))
        self.progress_bar.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.progress_bar)
        row.addWidget(self.button)
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._render)
        self.tick.start()
        self._reveal = QTimer(self)
        self._reveal.setSingleShot(True)
        self._reveal.timeout.connect(self._reveal_progress)
        self._render()

    def text(self) -> str:
        """The whole line ("Online · last sync 2 min ago · nothing waiting to send"), however much fits."""
        return self.button.full_text()

    @Slot(object)
    def show_state(self, state: SyncState | None) -> None:
        self.state = state
        self._render()

    @Slot(bool)
    def sync_started(self, _manual: bool = False) -> None:
        self.syncing = True
        self._last_progress = None
        self._since.start()
        self._reveal.start(self.progress_delay_ms)
        self._render()

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        """A long pull: ``done`` of ``total`` records have come down."""
        if not self.syncing or total <= 0:
            return
        self._last_progress = (done, total)
        if self.progress_bar.isVisible() or self._since.elapsed() >= self.progress_delay_ms:
            self._reveal_progress()

    @Slot()
    def sync_ended(self) -> None:
        self.syncing = False
        self._reveal.stop()
        self._last_progress = None
        self.progress_bar.hide()
        self._render()

    @Slot()
    def _reveal_progress(self) -> None:
        if not self.syncing or self._last_progress is None:
            return
        done, total = self._last_progress
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(min(done, total))
        self.progress_bar.setFormat(_("{done} of {total} records").format(done=f"{done:,}", total=f"{total:,}"))
        self.progress_bar.show()

    @Slot()
    def _render(self) -> None:
        self.status = sync_words.status(self.state, self.syncing, self._now())
        self.button.setIcon(status_signs.icon(self.status.icon))
        self.button.set_full_text(self.status.text, self.status.word)
        self.button.setToolTip(self.status.details + "\n" + _("Click for the sync panel (Shift+F9); F9 syncs now."))
        self.button.setAccessibleName(_("Sync with the central server: {status}").format(status=self.status.text))
        self.button.setAccessibleDescription(self.status.details)
