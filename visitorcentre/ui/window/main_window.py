"""The desk's one main window: the Today board, the search, and the visit panel side by side.

The window holds the desk's one background runner (``self.tasks``). Each screen subscribes to
the runner's ``changed`` signal and refreshes itself after a write, so nothing here refreshes
a screen by hand; closing the window shuts the runner down, and everything stops with it.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QTimer, Slot
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QPushButton, QSplitter, QVBoxLayout, QWidget

from visitorcentre import APP_NAME
from visitorcentre.ui.check_in.search_panel import SearchPanel
from visitorcentre.ui.check_in.today_board import TodayBoard
from visitorcentre.ui.check_in.visit_panel import VisitPanel
from visitorcentre.ui.engagement.family_engagement import FamilyEngagement
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.key_hints import COMPACT_WIDTH, show_keys
from visitorcentre.ui.shared.notice import NoticeBar
from visitorcentre.ui.shared.scanner import ScannerListener
from visitorcentre.ui.staff.staff_tools import StaffTools
from visitorcentre.ui.sync.desk_sync import DeskSync
from visitorcentre.ui.window.desk_layout import tab_order, top_bar
from visitorcentre.ui.window.desk_menu import DeskMenu
from visitorcentre.ui.window.desk_status import DeskStatusBar

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QResizeEvent, QShortcut, QShowEvent

    from visitorcentre.core.views import VisitorHit
    from visitorcentre.ui.advice.leaflets import LeafletPrinting
    from visitorcentre.ui.check_in.day_list import DayListPrinting
    from visitorcentre.ui.check_in.evacuation import EvacuationOpener
    from visitorcentre.ui.check_in.visit_actions import VisitActions
    from visitorcentre.ui.check_in.visit_page import VisitPage
    from visitorcentre.ui.passes.day_passes import DayPassesPrinting
    from visitorcentre.ui.passes.hall_door import HallDoor
    from visitorcentre.ui.passes.pass_printing import PassPrinting


class MainWindow(QMainWindow):
    """Everything the desk does in one window; dialogs only for reasons, confirmations and forms."""

    def __init__(self, desk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.tasks = DeskTasks(self)
        self.scanner = ScannerListener(self)
        # Each widget is made inside its final parent: moving a built one re-resolves the stylesheet
        # for everything in it, which cost a noticeable part of the start-up.
        central = QWidget(self)
        self.notice = NoticeBar(central)
        # Side by side, a splitter's own way (by keyword: else PySide makes Qt's namespace to choose, see qt_names).
        self.splitter = QSplitter(parent=central)
        self.splitter.setObjectName("desk")
        self.splitter.setChildrenCollapsible(False)
        self.board = TodayBoard(desk, self.tasks, self.splitter)
        self.search = SearchPanel(desk, self.tasks, self.splitter)
        self.visit_panel = VisitPanel(desk, self.tasks, self.splitter)
        self.rules_editor = None  # the visiting rules, when open
        self.hall_door: HallDoor | None = None
        # (Made in the splitter, each pane is in it already, in this order: adding it again would
        # only measure the three again.)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 7)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.setSpacing(6)
        self.top_bar = top_bar(self, central)
        layout.addLayout(self.top_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.status = DeskStatusBar(desk, self)
        self.setStatusBar(self.status)
        # The prison's rules and the centre's screens open from the end of the top bar, by their names.
        self.rules_button = QPushButton(_("Visiting rules…  (Ctrl+Shift+R)"), central)
        self.rules_button.setObjectName("statusButton")
        self.rules_button.setAccessibleName(_("The prison's visiting rules and leaflets: a manager can change them"))
        self.top_bar.addWidget(self.rules_button)
        # Made in the top bar's widget and put straight in the top bar: each widget a status bar takes or
        # gives up lays the whole bar out again (the status bar keeps only where, who, the sync and Lock).
        self.engagement = FamilyEngagement(desk, self.tasks, self.notice, self, self.visit_panel, central)
        for button in self.engagement.buttons():
            self.top_bar.addWidget(button)
        self.staff_tools = StaffTools(desk, self.tasks, self.notice, self)  # the audit log (managers)
        self.sync = DeskSync(desk, self.tasks, self.notice, self)
        self._wire()
        self.shortcuts: list[QShortcut] = []  # made just after the first paint (no key reaches the window before it)
        self.menu = DeskMenu(self)
        tab_order(self)
        self.visit_panel.when_page_made(self._visit_page_made)
        self._started = False
        self.cost_application = None  # the open travel-costs application, if any

    def _wire(self) -> None:
        self.tasks.problem.connect(lambda message: self.notice.say(message, status_signs.WARNING))
        self.tasks.busy_changed.connect(self.status.show_busy)
        self.search.visit_found.connect(self.open_visit)
        self.search.visitor_chosen.connect(self.open_visitor)
        self.day_list_button.clicked.connect(lambda: self.day_list.print_day_list())
        self.hall_door_button.clicked.connect(self.open_hall_door)
        self.rules_button.clicked.connect(self.open_visiting_rules)
        self.board.timer.timeout.connect(self.visit_panel.update_actions)  # e.g. the cut-off passing
        self.scanner.scanned.connect(self.take_scan)
        self.board.session_chosen.connect(lambda session_id: self.open_booking(walk_in=True, session_id=session_id))
        self.book_button.clicked.connect(lambda: self.open_booking(walk_in=False))
        self.walk_in_button.clicked.connect(lambda: self.open_booking(walk_in=True))
        self.new_visitor_button.clicked.connect(lambda: self.open_visitor_form())
        self.edit_visitor_button.clicked.connect(self.edit_selected_visitor)
        self.search.view.setProperty("contextMenuPolicy", "CustomContextMenu")  # (by name: see qt_names)
        self.search.view.customContextMenuRequested.connect(self._search_menu)

    def _shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        keys = {
            (QKeySequence.StandardKey.Find, "F2"): self.search.focus_search,
            ("Ctrl+I", "F5"): lambda: self.actions_.check_in(),
            ("Ctrl+R",): lambda: self.actions_.refuse(),
            ("Ctrl+B",): lambda: self.open_booking(walk_in=False),
            ("Ctrl+W",): lambda: self.open_booking(walk_in=True),
            ("Ctrl+N",): lambda: self.open_visitor_form(),
            ("Ctrl+E",): self.edit_selected_visitor,
            ("Ctrl+P",): lambda: self.passes.print_pass(),
            ("Ctrl+L",): lambda: self.day_list.print_day_list(),
            ("Ctrl+Shift+D",): lambda: self.day_passes.print_day_passes(),
            ("Ctrl+Shift+L",): lambda: self.leaflets.print_leaflet(),
            ("Ctrl+G",): lambda: self.visit_panel.advice.give(),
            ("Ctrl+Shift+R",): self.open_visiting_rules,
            ("F11",): self.open_hall_door,
            ("Ctrl+Shift+E",): lambda: self.evacuation.open(),
            ("Ctrl+T",): self.open_travel_costs,
            **self.engagement.shortcuts(),
            **self.staff_tools.shortcuts(),
            **self.sync.shortcuts(),
        }
        for sequences, slot in keys.items():
            for sequence in sequences:
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.activated.connect(slot)
                self.shortcuts.append(shortcut)

    def _visit_page_made(self, page: VisitPage) -> None:
        """The visit page is made: its buttons do the desk's actions, and it joins the Tab order and notices."""
        self.actions_, self.passes  # noqa: B018 - made here if not before: they wire the page's buttons
        page.advice.leaflet_button.clicked.connect(lambda: self.leaflets.print_leaflet())
        page.advice.given.connect(
            lambda _visit_id: self.notice.say(_("Advice given: it is recorded with the visit."), status_signs.OK)
        )
        # Its widgets go where the page's were in the focus chain (after the search), then in the desk's order.
        QWidget.setTabOrder(self.search.view, page)
        tab_order(self)
        show_keys(page.action_buttons(), self.width())

    @property
    def leaflets_button(self) -> QPushButton:
        """The visit panel's "Print a leaflet" (leaflets are printed from the advice, and Ctrl+Shift+L anywhere)."""
        return self.visit_panel.advice.leaflet_button

    # --- what is made when first used (its screens are not loaded before the first paint) -------

    @cached_property
    def actions_(self) -> VisitActions:
        from visitorcentre.ui.check_in.visit_actions import VisitActions

        return VisitActions(self.desk, self.tasks, self.visit_panel, self.notice, self)

    @cached_property
    def passes(self) -> PassPrinting:
        from visitorcentre.ui.passes.pass_printing import PassPrinting

        return PassPrinting(self.desk, self.tasks, self.visit_panel, self.notice, self)

    @cached_property
    def day_list(self) -> DayListPrinting:
        from visitorcentre.ui.check_in.day_list import DayListPrinting

        return DayListPrinting(self.desk, self.tasks, self.notice, self)

    @cached_property
    def evacuation(self) -> EvacuationOpener:
        from visitorcentre.ui.check_in.evacuation import EvacuationOpener

        return EvacuationOpener(self.desk, self.tasks, self)

    @cached_property
    def day_passes(self) -> DayPassesPrinting:
        from visitorcentre.ui.passes.day_passes import DayPassesPrinting

        return DayPassesPrinting(self.desk, self.tasks, self.notice, self)

    @cached_property
    def leaflets(self) -> LeafletPrinting:
        from visitorcentre.ui.advice.leaflets import LeafletPrinting

        return LeafletPrinting(self.desk, self.tasks, self.notice, self, self.visit_panel)

    # --- start-up and close ---------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            QTimer.singleShot(0, self.start)

    @Slot()
    def start(self) -> None:
        """Size the panes and put the cursor in the search box; the loading follows the first paint."""
        self._started = True
        width = self.splitter.width()
        # On a narrow screen the visit (and its buttons) gets the larger share.
        shares = (0.29, 0.31) if width >= 1500 else (0.25, 0.23) if width >= 1200 else (0.33, 0.2)
        board, search = int(width * shares[0]), int(width * shares[1])
        self.splitter.setSizes([board, search, width - board - search])
        self.search.focus_search(as_the_desk_opens=True)
        # Qt queued the window's first paint when it was shown, so this runs just after it. Neither
        # the loading (the worker holds the interpreter for a good while as it loads SQLAlchemy) nor
        # the scanner (an application-wide filter: every event becomes a call into Python) should
        # slow that paint; no key can reach the window before it is painted.
        QTimer.singleShot(0, self._load)

    @Slot()
    def _load(self) -> None:
        """Arm the scanner, load the records, the board and the status bar in the background; then the keys."""
        from visitorcentre.ui.window import desk_start

        if self.isVisible():  # not closed before it got going
            desk_start.load(self)
        # After the first paint and once the first reads are on their way: nothing shows the icon at
        # first sight (it is the title bar's and the taskbar's), and no key can reach the window
        # before it is painted.
        if not self.shortcuts:  # (the menus' items follow once the records are open: desk_start)
            self._shortcuts()
            self.setWindowIcon(status_signs.icon("visitorcentre"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a narrow screen the buttons show their names only (the keys are in the menus)."""
        super().resizeEvent(event)
        show_keys([self.top_bar.itemAt(i).widget() for i in range(1, self.top_bar.count())], self.width())
        self.top_bar.itemAt(0).widget().setVisible(self.width() >= COMPACT_WIDTH)  # the name is in the title bar
        if self.visit_panel.page_is_made:  # (else they are fitted when it is made)
            show_keys(self.visit_panel.action_buttons(), self.width())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.hall_door is not None:
            self.hall_door.close_with_desk()
        if self.engagement.feedback_mode is not None:
            self.engagement.feedback_mode.close_with_desk()
        self.scanner.uninstall()
        self.board.timer.stop()
        self.tasks.shutdown()  # the one way the work stops: the sync and the records check stop with it
        super().closeEvent(event)

    # --- what the window does -------------------------------------------------------------------

    @Slot(str)
    def open_visit(self, visit_id: str) -> None:
        self.visit_panel.load(visit_id)

    @Slot(object)
    def open_visitor(self, hit: VisitorHit) -> None:
        """Open the visitor's visit today, or their next one."""

        def opened(visit_id: str | None) -> None:
            if visit_id:
                self.open_visit(visit_id)
                self.visit_panel.party_view.setFocus()
            else:
                self.notice.say(
                    _(
                        "{name} has no visit today or coming up. To book one press Ctrl+B, or Ctrl+W "
                        "for a walk-in today."
                    ).format(name=hit.name),
                    status_signs.NOTE,
                )

        self.tasks.run(
            lambda: self.desk.visits.visit_for_visitor(hit.visitor_id), opened, label=_("Opening the visit…")
        )

    @Slot(str)
    def take_scan(self, text: str) -> None:
        """A pass or a card was scanned: at the hall door, check it; at the desk, open its visit."""
        if self.hall_door is not None and self.hall_door.isVisible():
            self.hall_door.take_scan(text)
            return
        self.activateWindow()
        self.search.take_scan(text)

    @Slot()
    def show_who_is_at_the_desk(self) -> None:
        """The status bar names whoever typed their PIN to leave door or feedback mode."""
        from visitorcentre.ui.staff.desk_lock import staff_label

        self.status.staff.setText(staff_label(self.desk.ctx.actor))

    @Slot()
    def open_hall_door(self) -> HallDoor:
        """Hall door mode: a full-screen view that checks each pass scanned at the door of the visit hall."""
        if self.hall_door is None:
            from visitorcentre.ui.passes.hall_door import HallDoor

            self.hall_door = HallDoor(self.desk, self.tasks, self)
            self.hall_door.left.connect(self.search.focus_search)
            self.hall_door.left.connect(self.show_who_is_at_the_desk)
        self.hall_door.open()
        return self.hall_door

    def open_booking(self, walk_in: bool, session_id: str | None = None) -> str | None:
        """The booking (or walk-in) dialog; a booked visit opens in the visit panel."""
        from visitorcentre.ui.check_in.booking_dialog import BookingDialog

        hit = self.search.selected_hit()
        dialog = BookingDialog(
            self.desk, self.tasks, walk_in, self, visitor_id=hit.visitor_id if hit else None, session_id=session_id
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.reference:
            return None
        reference = dialog.reference
        self.notice.say(
            (
                _("Walk-in booked: visit {reference}. Check the family in when they are ready.")
                if walk_in
                else _("Booked: visit {reference}.")
            ).format(reference=reference),
            status_signs.OK,
        )
        self.tasks.run(lambda: self.desk.visits.visit_for_scan(reference), lambda vid: vid and self.open_visit(vid))
        return reference

    def open_visitor_form(self, visitor_id: str | None = None) -> str | None:
        """Register a new visitor, or change the details of ``visitor_id``."""
        from visitorcentre.ui.check_in.visitor_form import VisitorForm

        form = VisitorForm(self.desk, self.tasks, visitor_id=visitor_id, parent=self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return None
        self.notice.say(_("The visitor's details are saved."), status_signs.OK)
        return form.visitor_id

    @Slot()
    def edit_selected_visitor(self) -> None:
        hit = self.search.selected_hit()
        if hit is None:
            self.notice.say(
                _("Search for the visitor first, then press Ctrl+E to open their details."), status_signs.NOTE
            )
            return
        self.open_visitor_form(hit.visitor_id)

    @Slot()
    def open_travel_costs(self, visitor_id: str | None = None):
        """Help with travel costs: for the open visit, else for the visitor chosen in the search."""
        from visitorcentre.ui.cost_of_visits.application_dialog import open_cost_application

        if visitor_id is None and self.visit_panel.detail is not None:
            return self.actions_.travel_costs()
        hit = self.search.selected_hit() if visitor_id is None else None
        visitor_id = visitor_id or (hit.visitor_id if hit else None)
        if visitor_id is None:
            self.notice.say(
                _("Open the family's visit, or search for the visitor, then press Ctrl+T for help with travel costs."),
                status_signs.NOTE,
            )
            return None
        return open_cost_application(self.desk, self.tasks, self, visitor_id=visitor_id)

    @Slot()
    def open_visiting_rules(self):
        """The visiting rules: a manager changes them here, with the leaflet previewed; others can read them."""
        from visitorcentre.ui.advice.advice_editor import open_rules_editor

        if self.rules_editor is not None:
            self.rules_editor.raise_()
            self.rules_editor.activateWindow()
            return self.rules_editor
        self.rules_editor = open_rules_editor(self.desk, self.tasks, self)
        self.rules_editor.destroyed.connect(lambda *_a: setattr(self, "rules_editor", None))
        return self.rules_editor

    def _search_menu(self, at: QPoint) -> None:
        """A search result's menu: the visitor's details, or help with their travel costs."""
        index = self.search.view.indexAt(at)
        hit = self.search.model.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return
        menu = QMenu(self)
        menu.addAction(_("Help with travel costs…"), lambda: self.open_travel_costs(hit.visitor_id))
        menu.addAction(_("Visitor's details…"), lambda: self.open_visitor_form(hit.visitor_id))
        menu.popup(self.search.view.viewport().mapToGlobal(at))
