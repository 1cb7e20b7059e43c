"""The search box and its results: find a family by name, visit reference or prison number as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from visitorcentre.core.changes import FAMILIES, VISITS, Changes
from visitorcentre.ui.check_in.search_results_model import SearchResultsModel
from visitorcentre.ui.runtime.qt_names import Qt
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.table_model import shown_once_painted

if TYPE_CHECKING:
    from visitorcentre.core.views import VisitorHit

DEBOUNCE_MS = 150


def in_shown_order(hits: list[VisitorHit], shown: list[str]) -> list[VisitorHit]:
    """``hits`` with the people already ``shown`` (visitor ids) in their places, newcomers after them."""
    place = {visitor_id: i for i, visitor_id in enumerate(shown)}
    return sorted(hits, key=lambda hit: place.get(hit.visitor_id, len(place)))


class SearchPanel(QWidget):
    """Searches as the worker types; Enter opens the family's visit, a visit reference opens it directly."""

    #: A visit to open in the visit panel (its id).
    visit_found = Signal(str)
    #: A visitor was chosen: open their visit today or next (the hit).
    visitor_chosen = Signal(object)

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._desk = desk
        self._tasks = tasks
        tasks.changed.connect(self._records_changed)
        self._shown_query: str | None = None  # the query whose results are on screen
        self._open_when_found = False
        self._refreshing = False
        self._searching = False
        heading = QLabel(_("Find a family"), self)
        heading.setProperty("role", "heading")
        self.box = QLineEdit(self)
        self.box.setObjectName("searchBox")
        self.box.setPlaceholderText(_("Name, visit reference or prison number"))
        self.box.setAccessibleName(_("Search"))
        self.box.setAccessibleDescription(_("Type a name, a visit reference or a prison number, or scan a pass"))
        heading.setBuddy(self.box)
        hint = QLabel(_("Type or scan, then press Enter to open the visit."), self)
        hint.setProperty("role", "subtle")
        hint.setWordWrap(True)
        self.model = SearchResultsModel(desk.ctx.clock.today(), self)
        self.model.wants_visits.connect(self._load_visits)
        self.view = QTableView(self)
        self.view.setObjectName("searchResults")
        shown_once_painted(self.view, self.model)  # (its own headers would make Qt's namespace: see there)
        self.view.setAccessibleName(_("Search results"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SearchResultsModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.view.setProperty("horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # (by name: see qt_names)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        self.status_label = QLabel("", self)
        self.status_label.setObjectName("searchStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("Search status"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(heading)
        layout.addWidget(self.box)
        layout.addWidget(hint)
        layout.addWidget(self.status_label)
        layout.addWidget(self.view, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.box.textEdited.connect(self._typed)
        self.box.textChanged.connect(self._cleared_if_empty)
        self.view.doubleClicked.connect(lambda index: self._choose(index.row()))

    # --- what the window asks of it -------------------------------------------------------------

    def watch_keys(self) -> None:
        """Enter, Down and Escape in the box, Enter in the results (see ``eventFilter``): from the first paint on.

        Not before it: no key can reach the window until it is painted, and a filter watching the
        window's first events (show, polish, paint) would cost its first paint a good few milliseconds.
        The box's clear button comes with them (it shows only once something is typed, and loading
        its icon is another part of a millisecond).
        """
        self.box.installEventFilter(self)
        self.view.installEventFilter(self)
        self.box.setClearButtonEnabled(True)

    def focus_search(self, as_the_desk_opens: bool = False) -> None:
        """The cursor in the search box, its text chosen (typing replaces it)."""
        if as_the_desk_opens:  # (the box is empty; no Qt namespace before the first paint: see qt_names)
            self.box.setFocus()
        else:
            self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def take_scan(self, text: str) -> None:
        """Text from the barcode scanner: search for it and open the visit if it is a reference."""
        self.box.setText(text.strip())
        self.search_now(open_when_found=True)

    def selected_hit(self) -> VisitorHit | None:
        """The highlighted visitor, or the only one found."""
        rows = self.view.selectionModel().selectedRows()
        hit = self.model.hit_at(rows[0].row()) if rows else None
        if hit is None and self.model.rowCount() == 1:
            hit = self.model.hit_at(0)
        return hit

    @Slot(object)
    def _records_changed(self, changes: Changes) -> None:
        """A desk action (or a sync) changed visits or families: search again."""
        if changes.touches(VISITS, FAMILIES):
            self.refresh()

    def refresh(self) -> None:
        """Search again for what is in the box (after an action changed the visits)."""
        if self.box.text().strip():
            self.search_now(refreshing=True)

    # --- searching ------------------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._open_when_found = False
        self._debounce.start()

    def _cleared_if_empty(self, text: str) -> None:
        if not text.strip():
            self._debounce.stop()
            self._tasks.run(lambda: None, key="search")  # makes any search still on its way out of date
            self._searching = False
            self._show(("", [], None))

    def search_now(self, open_when_found: bool = False, refreshing: bool = False) -> None:
        """Search for the box's text straight away (a refresh never reopens a visit by itself)."""
        self._debounce.stop()
        self._open_when_found = open_when_found
        self._refreshing = refreshing
        text = self.box.text().strip()
        if not text:
            return
        desk = self._desk

        def search(text=text):
            from visitorcentre.core import references  # (not wanted before the first paint)

            visit_id = desk.visits.visit_for_scan(text) if references.normalise(text) else None
            return text, desk.visits.search(text), visit_id

        self._searching = True
        self._tasks.run(search, self._show, key="search", label=_("Searching…"))

    def _show(self, found: tuple[str, list[VisitorHit], str | None]) -> None:
        text, hits, visit_id = found
        self._searching = False
        kept: str | None = None
        if self._refreshing and text == self._shown_query:
            # The same search after an action: the rows stay where they were and the cursor stays on
            # the same person, so Enter never opens another family who moved under it.
            rows = self.view.selectionModel().selectedRows()
            chosen = self.model.hit_at(rows[0].row()) if rows else None
            kept = chosen.visitor_id if chosen else None
            hits = in_shown_order(hits, [hit.visitor_id for hit in self.model.hits()])
        self._shown_query = text
        self.model.set_hits(hits, self._desk.ctx.clock.today(), self._desk.ctx.establishment)
        if hits:
            ids = [hit.visitor_id for hit in hits]
            self.view.selectRow(ids.index(kept) if kept in ids else 0)
            count = len(hits)
            self.status_label.setText(
                _("1 person found.") if count == 1 else _("{count} people found.").format(count=count)
            )
        elif text:
            self.status_label.setText(
                _("Nobody found for “{text}”. Check the spelling, or register a new visitor (Ctrl+N).").format(
                    text=text
                )
            )
        else:
            self.status_label.setText("")
        opening, self._open_when_found = self._open_when_found, False
        if self._refreshing:
            self._refreshing = False
        elif visit_id:
            self.visit_found.emit(visit_id)
        elif opening and hits:
            self._choose(0)

    def _choose(self, row: int) -> None:
        hit = self.model.hit_at(row)
        if hit is not None:
            self.visitor_chosen.emit(hit)

    def _enter(self) -> None:
        text = self.box.text().strip()
        if not text:
            return
        if self._debounce.isActive() or self._shown_query != text or self._searching:
            self.search_now(open_when_found=True)
            return
        hit = self.selected_hit()
        self._choose(self.model.hits().index(hit) if hit else 0)

    def _load_visits(self, visitor_id: str) -> None:
        """A row's tool tip: the visitor's nearest few visits, read when first wanted."""
        model = self.model
        self._tasks.run(
            lambda: self._desk.visits.nearest_visits(visitor_id),
            lambda visits: model.set_visits(visitor_id, visits),
            key=f"nearest-visits-{visitor_id}",
        )

    # --- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.box:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self._enter()
                    return True
                if key == Qt.Key.Key_Down and self.model.rowCount():
                    self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                    self.view.selectRow(max(self.view.currentIndex().row(), 0))
                    return True
                if key == Qt.Key.Key_Escape and self.box.text():
                    self.box.clear()
                    return True
            elif watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                hit = self.selected_hit()
                if hit is not None:
                    self.visitor_chosen.emit(hit)
                return True
        return super().eventFilter(watched, event)
