"""Desk > Language: English, Polski or Gàidhlig for this desk's own screens, remembered in its settings.

The choice is a desk setting (``desk.settings.use_language``, audited), like Desk > Text size.
Every screen of the desk writes its words when it is made, so the desk does not redraw them one
by one: it opens its main window again in the new language (ui/runtime/app.reopen_desk_window),
with the same visit open and the same worker signed in. Windows of their own (the hall door,
family feedback, a travel-costs application) must be closed first, so nothing typed is lost.
The desk opens in the saved language next time, unless ``--language`` says otherwise.

Each language is named in itself, so a worker who cannot read the current one can still find
theirs. The language a family reads is their own (the visitor's record), not this.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu

from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import LANGUAGES, _, current_language


class LanguageMenu(QObject):
    """The Language submenu of the Desk menu; ``apply_saved()`` opens the desk in its saved language."""

    def __init__(self, window, menu: QMenu):
        super().__init__(window)
        self._window = window
        self.menu = menu.addMenu(_("&Language"))
        self.menu.setObjectName("languageMenu")
        self.menu.setAccessibleName(_("Language of the desk's screens"))
        self._group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self.menu)  # in its own language, never translated
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, code=code: self.choose(code))
            self._group.addAction(action)
            self.menu.addAction(action)
            self.actions[code] = action

    def apply_saved(self) -> None:
        """Read this desk's language from its settings (in the background) and open the desk in it."""
        if getattr(self._window.desk, "language_given", False) is True:  # --language wins for this run
            return
        self._window.tasks.run(self._window.desk.settings.language, self._saved, key="desk-language")

    def _saved(self, language: str) -> None:
        if language and language != current_language():
            self._reopen(language, "")

    def choose(self, language: str) -> None:
        """Save ``language`` as this desk's, then open the desk's main window again in it."""
        self._show_checked()  # until it is saved, the tick stays on the language the screens are in
        if language == current_language():
            return
        still_open = self.windows_in_the_way()
        if still_open:
            self._window.notice.say(
                _("Close {windows} first, then choose the language again: nothing typed there is lost.").format(
                    windows=", ".join(still_open)
                ),
                status_signs.WARNING,
            )
            return

        def saved(_result) -> None:
            self._reopen(language, LANGUAGES[language])

        self._window.tasks.run(lambda: self._window.desk.settings.use_language(language), saved, label=_("Saving…"))

    def windows_in_the_way(self) -> list[str]:
        """The names of the desk's own windows that are open (they would close with the main window)."""
        window = self._window
        found = []
        if window.hall_door is not None and window.hall_door.isVisible():
            found.append(_("the hall door"))
        if window.engagement.feedback_mode is not None and window.engagement.feedback_mode.isVisible():
            found.append(_("family feedback"))
        if window.cost_application is not None and window.cost_application.isVisible():
            found.append(_("help with travel costs"))
        if window.rules_editor is not None and window.rules_editor.isVisible():
            found.append(_("the visiting rules"))
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget.isModal() and widget.parent() is window:
                found.append(widget.windowTitle())
        return found

    def _reopen(self, language: str, name: str) -> None:
        from visitorcentre.ui.runtime.app import reopen_desk_window  # the app builds main windows

        reopen_desk_window(self._window, language, name)

    def _show_checked(self) -> None:
        code = current_language()
        if code in self.actions:
            self.actions[code].setChecked(True)
