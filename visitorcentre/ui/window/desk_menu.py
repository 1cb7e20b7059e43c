"""The desk's menu bar: everything the desk does, by name and with its key, in one place.

The top bar is full at 1600 px and the status bar carries the managers' screens, so new entry
points go here. Five menus in a visitor centre's words — Desk, Visit, Families, Centre, Help —
list the existing actions with their keys, and "Sync now". The keys themselves stay the window's
shortcuts (``MainWindow._shortcuts``): a menu item only shows its key, after a tab in its text,
so no key is claimed twice (Qt would then answer neither). The Visit menu follows the visit
panel's buttons: an item is available exactly when its button is, and does what its button does.
With the keys in the menus, the status bar's buttons show their names only (each key moves to
the button's tooltip), which leaves the sync status room for its whole line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMenu, QMenuBar, QPushButton

from visitorcentre import APP_NAME, __version__
from visitorcentre.ui.shared.i18n import _

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox

    from visitorcentre.ui.window.language_menu import LanguageMenu
    from visitorcentre.ui.window.text_size_menu import TextSizeMenu


def key_text(key: str) -> str:
    """A key as the desk shows it ("Ctrl+Shift+R", "F9")."""
    from PySide6.QtGui import QKeySequence  # (with the menus' items, after the first paint)

    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class DeskMenu(QObject):
    """Builds and keeps the main window's menu bar.

    The bar and its menus' names show with the window; their items are made once the records are
    open (``fill``, from desk_start), or as soon as a menu is opened or an item asked for, if that
    is sooner: making some forty items (with their keys' names) is a noticeable part of the
    start-up, and done at once after the first paint it would hold up the first reads.
    """

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.bar = QMenuBar(window)
        self.bar.setObjectName("deskMenu")
        self.bar.setAccessibleName(_("Menu"))
        window.setMenuBar(self.bar)
        self._actions: dict[str, QAction] = {}
        self._keys: dict[str, str] = {}
        self._mirrors: list[tuple[QAction, str]] = []
        self._desk = self._menu(_("&Desk"))
        self._visit = self._menu(_("&Visit"))
        self._families = self._menu(_("&Families"))
        self._centre = self._menu(_("&Centre"))
        self._help = self._menu(_("&Help"))
        self._filled = False
        for menu in (self._desk, self._visit, self._families, self._centre, self._help):
            menu.aboutToShow.connect(self.fill)  # opened before they were made: made then
        self._names_only(window.rules_button, *window.engagement.buttons())

    @property
    def actions(self) -> dict[str, QAction]:
        """Every item by name, e.g. actions["sync_now"]."""
        self.fill()
        return self._actions

    @property
    def text_size(self) -> TextSizeMenu:
        """Desk > Text size."""
        self.fill()
        return self._text_size

    @property
    def language(self) -> LanguageMenu:
        """Desk > Language."""
        self.fill()
        return self._language

    def fill(self) -> None:
        """Make the menus' items (once)."""
        if self._filled:
            return
        self._filled = True
        from visitorcentre.ui.window.language_menu import LanguageMenu
        from visitorcentre.ui.window.text_size_menu import TextSizeMenu

        window = self._window
        panel = window.visit_panel
        engagement = window.engagement

        desk = self._desk
        self._add(desk, "find", _("Find a family"), "Ctrl+F", window.search.focus_search)
        self._add(desk, "day_list", _("Day list…"), "Ctrl+L", lambda: window.day_list.print_day_list())
        self._add(
            desk, "day_passes", _("Passes for a day…"), "Ctrl+Shift+D", lambda: window.day_passes.print_day_passes()
        )
        self._add(desk, "leaflets", _("Leaflets…"), "Ctrl+Shift+L", lambda: window.leaflets.print_leaflet())
        self._add(desk, "hall_door", _("Hall door"), "F11", window.open_hall_door)
        self._add(desk, "evacuation", _("Everyone in the building…"), "Ctrl+Shift+E", lambda: window.evacuation.open())
        desk.addSeparator()
        self._text_size = TextSizeMenu(window, desk)
        self._language = LanguageMenu(window, desk)
        desk.addSeparator()
        self._add(desk, "close", _("Close the desk"), "", window.close)

        visit = self._visit
        self._add(visit, "book", _("Book a visit…"), "Ctrl+B", lambda: window.open_booking(walk_in=False))
        self._add(visit, "walk_in", _("Walk-in…"), "Ctrl+W", lambda: window.open_booking(walk_in=True))
        visit.addSeparator()
        # (The panel's buttons by name: they are made with the first visit shown, after the menus.)
        for name, text, key, button in (
            ("check_in", _("Check in"), "F5", "check_in_button"),
            ("refuse", _("Refuse one person…"), "Ctrl+R", "refuse_button"),
            ("print_pass", _("Print pass"), "Ctrl+P", "print_pass_button"),
            ("into_hall", _("Into the hall"), "", "hall_button"),
            ("check_out", _("Check out"), "", "check_out_button"),
            ("void_pass", _("Void pass…"), "", "void_pass_button"),
            ("no_show", _("Did not come"), "", "no_show_button"),
            ("cancel", _("Cancel visit…"), "", "cancel_button"),
        ):
            self._mirror(visit, name, text, key, button)
        self._advice_given = self._add(visit, "advice_given", _("Advice given"), "Ctrl+G", lambda: panel.advice.give())
        visit.aboutToShow.connect(self.follow_the_panel)

        families = self._families
        self._add(families, "new_visitor", _("New visitor…"), "Ctrl+N", lambda: window.open_visitor_form())
        self._add(families, "visitor_details", _("Visitor's details…"), "Ctrl+E", window.edit_selected_visitor)
        self._add(families, "travel_costs", _("Help with travel costs…"), "Ctrl+T", lambda: window.open_travel_costs())
        self._add(families, "support", _("Support for the family…"), "", engagement.open_support_directory)
        self._add(families, "feedback", _("Family feedback"), "F8", engagement.open_feedback_mode)

        centre = self._centre
        self._add(centre, "visiting_rules", _("Visiting rules…"), "Ctrl+Shift+R", window.open_visiting_rules)
        self._add(centre, "you_said", _("You said, we did…"), "Ctrl+Shift+Y", engagement.open_you_said_we_did)
        self._add(centre, "reports", _("Reports…"), "Ctrl+Shift+P", engagement.open_reports)
        self._add(centre, "audit_log", _("Audit log…"), "Ctrl+Shift+A", window.staff_tools.open_audit_log)
        centre.addSeparator()
        self._add(centre, "sync_now", _("Sync now"), "F9", window.sync.sync_now)
        self._add(centre, "sync_panel", _("Sync with the central server…"), "Shift+F9", window.sync.open_panel)
        self._add(centre, "connect_later", _("Connect to the central server…"), "", lambda: _connect_later(window))

        self._add(self._help, "keys", _("Keys for the desk…"), "", self.show_keys)
        self._add(self._help, "about", _("About {app}").format(app=APP_NAME), "", self.show_about)
        self.follow_the_panel()  # (the Visit menu may be opening now: its own aboutToShow came too late)

    # --- building ---------------------------------------------------------------------------------

    def _menu(self, title: str) -> QMenu:
        menu = self.bar.addMenu(title)
        menu.setAccessibleName(title.replace("&", ""))
        return menu

    def _add(self, menu: QMenu, name: str, text: str, key: str, slot: Callable[[], object]) -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(f"{text}\t{key_text(key)}" if key else text, menu)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self._actions[name] = action
        self._keys[name] = key
        return action

    def _mirror(self, menu: QMenu, name: str, text: str, key: str, button: str) -> None:
        """An item doing what the visit panel's ``button`` (its name) does, when that is available."""
        panel = self._window.visit_panel

        def press() -> None:
            if panel.page_is_made and getattr(panel, button).isEnabled():
                getattr(panel, button).click()

        action = self._add(menu, name, text, key, press)
        self._mirrors.append((action, button))

    @staticmethod
    def _names_only(*buttons: QPushButton) -> None:
        """ "Reports…  (Ctrl+Shift+P)" becomes "Reports…", with the key in its tooltip."""
        for button in buttons:
            name, _gap, key = button.text().partition("  (")
            if key:
                button.setText(name)
                button.setToolTip(f"{name} ({key}" if not button.toolTip() else button.toolTip())

    @Slot()
    def follow_the_panel(self) -> None:
        """Make each visit item available exactly when its button in the visit panel is."""
        panel = self._window.visit_panel
        for action, button in self._mirrors:  # (no page yet: no visit was shown, and every button is off)
            action.setEnabled(panel.page_is_made and getattr(panel, button).isEnabled())
        self._advice_given.setEnabled(
            panel.detail is not None
            and panel.advice.given_box.isVisibleTo(self._window)
            and panel.advice.given_box.isEnabled()
            and not panel.advice.given_box.isChecked()
        )

    def key_of(self, name: str) -> str:
        """The key shown for the item ``name`` ("" when it has none)."""
        self.fill()
        return self._keys[name]

    # --- help -----------------------------------------------------------------------------------

    def keys_text(self) -> str:
        """Every key the menus show, one per line: "F9  Sync now"."""
        lines = []
        for name, action in self.actions.items():
            if self._keys[name]:
                lines.append(f"{key_text(self._keys[name])}  —  {action.text().split(chr(9))[0]}")
        return "\n".join(lines)

    @Slot()
    def show_keys(self) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox  # (its many types load when first wanted, after the first paint)

        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Keys for the desk"),
            self.keys_text(),
            QMessageBox.StandardButton.Close,
            self._window,
        )
        box.setObjectName("deskKeys")
        box.open()  # not modal for the desk: it carries on behind
        return box

    @Slot()
    def show_about(self) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("About {app}").format(app=APP_NAME),
            _("{app} {version}: the desk of a prison visitor centre.").format(app=APP_NAME, version=__version__),
            QMessageBox.StandardButton.Close,
            self._window,
        )
        box.setObjectName("deskAbout")
        box.open()
        return box


def _connect_later(window):
    """Centre > Connect to the central server… (ui/connect_later.py: a desk set up on its own at first run)."""
    from visitorcentre.ui.sync.connect_later import open_dialog

    return open_dialog(window)
