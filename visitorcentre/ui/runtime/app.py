"""Starting the desk app: the QApplication, the stylesheet, and the main window.

``run(desk)`` is what ``visitorcentre`` calls; ``build_main_window(desk)`` gives tests and the
start-up benchmark the same window without entering the event loop. Nothing slow happens
before the window shows: the Today board loads through the background helper afterwards.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from visitorcentre import APP_NAME, __version__
from visitorcentre.ui.runtime.style import apply_style
from visitorcentre.ui.runtime.tasks import GENERIC_PROBLEM
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _, set_language
from visitorcentre.ui.shared.screen_fit import fit_to_screen
from visitorcentre.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)
#: The desk's main window (kept here too, so one made again in another language lives on).
_WINDOWS: list[MainWindow] = []


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created (with the desk's stylesheet) if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        app.setOrganizationName(APP_NAME)
    if not app.property("visitorcentre_styled"):
        # Once per application: setting a stylesheet restyles every widget there is, which is
        # wasted work the second time (and tests build many windows in one application).
        apply_style(app)
        app.setProperty("visitorcentre_styled", True)
    return app


def build_main_window(desk) -> MainWindow:
    """The desk's main window for ``desk`` (a QApplication must exist; its data and scanner start once shown)."""
    return MainWindow(desk)


def _install_calm_excepthook(window: MainWindow) -> None:
    """A bug in a slot is logged and shown as a calm message, never as a traceback."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        log.error("Unexpected problem in the desk app", exc_info=(kind, error, trace))
        try:
            window.notice.say(GENERIC_PROBLEM)
        except RuntimeError:  # the window has gone
            pass

    sys.excepthook = hook


def run(desk, argv: list[str] | None = None) -> int:
    """Open the desk app on ``desk`` and run it until the window closes; returns the exit code."""
    app = application(argv)
    if getattr(desk, "set_up_first", False) is True:  # no database yet: the first-run screen comes first
        from visitorcentre.ui.window import first_run

        opened: list[MainWindow] = []
        screen = first_run.start(desk, lambda note: opened.append(open_desk_window(desk, note)))  # noqa: F841
        return app.exec()
    window = open_desk_window(desk)  # noqa: F841 - kept until the app ends
    return app.exec()


def open_desk_window(desk, note: str = "") -> MainWindow:
    """Show the desk's main window with the sign-in screen over it (``note``: a message for the worker)."""
    window = build_main_window(desk)
    _WINDOWS.append(window)
    _install_calm_excepthook(window)
    # Quitting (the last window closed, or the session ending) stops the work the same way closing does.
    QApplication.instance().aboutToQuit.connect(window.tasks.shutdown)
    fit_to_screen(window, 1600, 900)  # the size it goes back to from maximised: never beyond the screen
    window.showMaximized()
    # Sign-in and the idle lock: on the start-up path, not in MainWindow. Put on just after the window's
    # first paint (nothing personal can show before it: the records open after that paint too).
    QTimer.singleShot(0, lambda: _lock_until_signed_in(window, desk))
    if note:
        window.notice.say(note)
    return window


def reopen_desk_window(old: MainWindow, language: str, name: str = "") -> MainWindow:
    """The desk's main window made again in ``language`` (Desk > Language), in place of ``old``.

    Every screen writes its words as it is made, so a new window is the one sure way that none is
    left in the old language. The visit that was open opens again, and whoever was signed in stays
    signed in (a locked desk stays locked). ``name``: the language's name, said once it is open.
    """
    set_language(language)
    desk = old.desk
    visit = old.visit_panel.detail
    lock = getattr(old, "desk_lock", None)
    window = build_main_window(desk)
    _install_calm_excepthook(window)
    QApplication.instance().aboutToQuit.connect(window.tasks.shutdown)
    fit_to_screen(window, 1600, 900)  # as the desk opens: never beyond the screen
    if old.isMaximized() or not old.isVisible():
        window.showMaximized()
    else:
        window.show()
    if lock is not None:
        from visitorcentre.ui.staff import desk_lock

        desk_lock.attach(window, getattr(desk, "staff_name_hint", ""), signed_in=not lock.locked)
    _WINDOWS.append(window)
    old.close()
    if old in _WINDOWS:
        _WINDOWS.remove(old)
    old.deleteLater()
    if visit is not None:
        QTimer.singleShot(0, lambda: window.open_visit(visit.id))
    if name:
        window.notice.say(_("The desk's screens are now in {language}.").format(language=name), status_signs.OK)
    return window


def _lock_until_signed_in(window: MainWindow, desk) -> None:
    from visitorcentre.ui.staff import desk_lock

    desk_lock.attach(window, getattr(desk, "staff_name_hint", ""))
