"""Desk > Text size: normal, larger (125%) or large print (150%), for this desk, remembered in its settings.

The choice is a desk setting (``desk.settings.use_text_size``, audited); every window follows
it at once (ui/runtime/style.py scales the one stylesheet), and the desk opens at it next time.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from visitorcentre.ui.runtime.style import set_text_size, text_size
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _


def _choices() -> dict[int, str]:
    return {100: _("Normal text (100%)"), 125: _("Larger text (125%)"), 150: _("Large print (150%)")}


class TextSizeMenu(QObject):
    """The Text size submenu of the Desk menu; ``apply_saved()`` shows the desk at its saved size."""

    def __init__(self, window, menu: QMenu):
        super().__init__(window)
        self._window = window
        self.menu = menu.addMenu(_("Text size"))
        self.menu.setAccessibleName(_("Text size"))
        self._group = QActionGroup(self)
        self.actions: dict[int, QAction] = {}
        for percent, words in _choices().items():
            action = QAction(words, self.menu)
            action.setObjectName(f"text_size_{percent}")
            action.setCheckable(True)
            action.setChecked(percent == text_size())
            action.triggered.connect(lambda _checked=False, percent=percent: self.choose(percent))
            self._group.addAction(action)
            self.menu.addAction(action)
            self.actions[percent] = action

    def apply_saved(self) -> None:
        """Read this desk's text size from its settings (in the background) and show it."""
        self._window.tasks.run(self._window.desk.settings.text_size, self._show, key="text-size")

    def choose(self, percent: int) -> None:
        """Save ``percent`` as this desk's text size, then show every window at it."""

        def saved(_result) -> None:
            self._show(percent)
            self._window.notice.say(_("Text on this desk is now {size}%.").format(size=percent), status_signs.OK)

        self._window.tasks.run(lambda: self._window.desk.settings.use_text_size(percent), saved, label=_("Saving…"))

    def _show(self, percent: int) -> None:
        set_text_size(percent)
        self.actions[percent].setChecked(True)
