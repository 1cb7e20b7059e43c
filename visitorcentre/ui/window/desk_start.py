"""What the desk's main window starts once it has been painted: the records, the board, the rest.

The desk app's own desk (``DeskOnDemand`` with ``can_read_first``) opens its plain sqlite3 reader
first and fills the Today board through it, so the board is filled and search is live before
SQLAlchemy has loaded. The full opening (the engine, the ORM, an upgrade if one is due) follows
on the care lane, so a search typed meanwhile never queues behind it; what needs it — the board's
counts, the desk's settings, the status bar, the records check, the sync — starts once it is done,
and then the visit panel makes the page that shows a visit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.runtime.tasks import CARE
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.table_model import show_own_model

if TYPE_CHECKING:
    from visitorcentre.ui.window.main_window import MainWindow

OPENING = _("Opening the desk's records…")


def load(window: MainWindow) -> None:
    """Arm the scanner and the search's keys, and load the records, the board and the status bar in the background."""
    window.scanner.install()
    window.search.watch_keys()
    desk, tasks = window.desk, window.tasks
    if getattr(desk, "can_read_first", False) is True:
        tasks.run(desk.open_reads)
        window.board.load_sessions()
        # Queued once those reads (and any search typed before them) are answered: loading
        # SQLAlchemy holds the interpreter for a good while, and would slow them down.
        tasks.run(lambda: None, lambda _none: _open_in_full(window))
    else:
        opened = getattr(desk, "opened", None)
        if opened is not None:  # a DeskOnDemand: open the records first; everything else queues behind
            tasks.run(opened, lambda opened_desk: records_opened(window, opened_desk), label=OPENING)
        start_the_rest(window)
    # The tables show their own models (a stand-in until the first paint). Once the first reads are
    # on their way: this makes Qt's namespace (ui/runtime/qt_names.py) while the records are read.
    for panel in (window.board, window.search):
        show_own_model(panel.view, panel.model)


def _open_in_full(window: MainWindow) -> None:
    """After the first reads: open the Desk in full on the care lane, unless they opened it already.

    They did when the records needed an upgrade (the reader waits for it): then it is said at once,
    before the records lane goes quiet, and the rest starts. Records work still queued (searches
    typed meanwhile) is answered first.
    """
    desk, tasks = window.desk, window.tasks
    if desk.is_open:
        _opened_in_full(window, desk.opened())
        return
    if tasks.busy:  # a search typed as the window showed is answered first: loading SQLAlchemy holds the interpreter

        def when_idle() -> None:
            tasks.idle.disconnect(when_idle)
            _open_in_full(window)

        tasks.idle.connect(when_idle)
        return
    # Once what the reads changed is laid out and painted: the board paints through Python, and would
    # wait for the interpreter at every step while SQLAlchemy loads.
    QTimer.singleShot(0, lambda: _open_now(window))


def _open_now(window: MainWindow) -> None:
    desk = window.desk
    if window.tasks.closed:
        return
    if desk.is_open:
        _opened_in_full(window, desk.opened())
        return
    done = lambda outcome: _opened_in_full(window, outcome)  # noqa: E731
    # Records work all the same: the desk is busy (and says so, if it takes long) until it is done.
    window.tasks.run(desk.opened, done, done, label=OPENING, lane=CARE, as_records=True)


def _opened_in_full(window: MainWindow, outcome) -> None:
    """The records are open in full (or could not be opened): the rest of the desk's work starts."""
    if isinstance(outcome, VisitorCentreError):
        window.notice.say(outcome.message, status_signs.WARNING)
    else:
        records_opened(window, outcome)
    if window.isVisible() and not window.tasks.closed:
        start_the_rest(window)


def start_the_rest(window: MainWindow) -> None:
    """The desk's settings, the board (with its counts), the status bar, the records check and the sync."""
    window.menu.fill()  # the menus' items (if no menu was opened before now)
    window.menu.text_size.apply_saved()  # large print, if this desk is set to it
    window.menu.language.apply_saved()  # its own language, if this desk is set to one
    window.board.start()
    window.status.start(window.tasks)
    from visitorcentre.ui.records.damaged_records import watch_records

    window.records_check = watch_records(window)  # quick check and daily backup, on their own lane
    window.sync.start()
    # The page that shows a visit, made when there is time (kept off the first paint and the first reads).
    QTimer.singleShot(0, window.visit_panel.make_page)


def records_opened(window: MainWindow, desk) -> None:
    """After an upgrade, say so once, and where the copy of the old records is kept."""
    if desk.ctx.backup_before_migration is not None:
        window.notice.say(
            _(
                "This desk's records were brought up to date for this version of Visitor Centre. "
                "A copy of them as they were is kept at {path}."
            ).format(path=desk.ctx.backup_before_migration),
            status_signs.OK,
        )
