"""Who is at the desk: sign-in at start-up, the idle lock, "Lock now" (F12) and signing out.

The desk app starts locked: the sign-in screen (ui/sign_in.py) covers everything, and every
window of the app gets a plain cover too, so nothing personal shows even around its edges.
After ``IDLE_LOCK_SECONDS`` with no key or mouse activity the desk locks itself; the work
underneath (an open visit, a half-filled form) is kept for whoever signs in next. Signing out
locks the desk and leaves nobody signed in.

``attach(window)`` is called on the start-up path (ui/app.run), not by MainWindow itself, so
tests that build a main window with a Desk whose staff member is already set need no sign-in.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from visitorcentre.core.roles import ROLE_NAMES
from visitorcentre.core.staff import NOBODY, Actor
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.staff.sign_in import SignInScreen

LOCK_KEY = "F12"
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatch(QObject):
    """Says ``idle`` once when no key or mouse activity has reached the app for ``seconds``.

    Activity only notes the time (the filter sees every event, so it does as little as it can);
    a timer looks at that note a few times in each idle period. ``now`` can be replaced in tests.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None, seconds: float = 300, now: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.now = now
        self.seconds = seconds
        self.paused = True
        self._last = now()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)

    def install(self) -> None:
        QApplication.instance().installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def set_seconds(self, seconds: float) -> None:
        self.seconds = max(float(seconds), 1.0)
        self._timer.setInterval(int(min(5.0, self.seconds / 4) * 1000))

    def resume(self) -> None:
        """Count idle time from now."""
        self._last = self.now()
        self.paused = False
        self.set_seconds(self.seconds)
        self._timer.start()

    def pause(self) -> None:
        self.paused = True
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last = self.now()
        return False

    @Slot()
    def check(self) -> None:
        if not self.paused and self.now() - self._last >= self.seconds:
            self.pause()
            self.idle.emit()


class _Cover(QWidget):
    """A plain panel over one window while the desk is locked."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        text = QLabel(_("This desk is locked. Sign in to carry on."), self)
        text.setProperty("role", "heading")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(text)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parent():
            self.setGeometry(self.parent().rect())
            self.raise_()
        return False


def staff_label(actor: Actor) -> str:
    """What the status bar says about who is signed in."""
    if not actor.role:
        return _("Nobody signed in")
    role = f" ({_(ROLE_NAMES.get(actor.role, actor.role))})" if actor.role != "desk" else ""
    return _("Staff: {name}").format(name=actor.name) + role


class DeskLock(QObject):
    """Locks and unlocks the main window's desk; owns the sign-in screen and the idle watch."""

    #: True when the desk locks, False when someone signs in.
    locked_changed = Signal(bool)

    def __init__(self, window, now: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self.window = window
        self.desk = window.desk
        self.tasks = window.tasks
        self.locked = False
        self.screen = SignInScreen(self.desk, self.tasks, window)
        self.screen.signed_in.connect(self._signed_in)
        self.idle = IdleWatch(self, now=now)
        self.idle.idle.connect(self.lock)
        self._covers: list[_Cover] = []
        self._focus: QWidget | None = None
        self._scanner_was = True
        self._demo_staff: list = []
        self._first_admin_needed = False
        self._locked_from: Actor = NOBODY  # who was signed in when the desk last locked
        bar = window.statusBar()
        # The status bar is crowded: "Lock" is here, "Sign out" on the lock screen itself.
        self.lock_button = QPushButton(_("Lock  (F12)"), bar)
        self.lock_button.setObjectName("statusButton")
        self.lock_button.setAccessibleName(_("Lock the desk now: the sign-in screen covers it; sign out from there"))
        bar.addPermanentWidget(self.lock_button)
        self.lock_button.clicked.connect(self.lock)
        self.screen.sign_out_requested.connect(self.sign_out)
        self.shortcut = QShortcut(QKeySequence(LOCK_KEY), window)
        self.shortcut.activated.connect(self.lock)
        window.destroyed.connect(lambda *_a: self.idle.uninstall())

    def start(self, name_hint: str = "") -> None:
        """Lock at once, then ask the records whether there are staff yet (and the idle time)."""
        self._name_hint = name_hint
        self._act_as(NOBODY)
        self.lock()
        self.screen.show_opening()
        self.idle.install()
        # Asked a turn later, as the main window loads its records: opening them (SQLAlchemy, on the
        # worker) must not hold up the first paint.
        QTimer.singleShot(
            0, lambda: self.tasks.run(self._facts, self._got_facts, label=_("Opening the desk's records…"))
        )

    def carry_on(self) -> None:
        """The desk reopened (in another language) with someone signed in: they stay signed in, idle lock on."""
        self._name_hint = ""
        self._act_as(self.desk.ctx.actor)
        self.idle.install()
        self.tasks.run(self._facts, self._got_facts)

    def _facts(self) -> tuple[bool, bool, int]:
        return self.desk.staff.has_staff(), self.desk.staff.is_demo(), self.desk.staff.idle_lock_seconds()

    def _got_facts(self, facts: tuple[bool, bool, int]) -> None:
        has_staff, is_demo, seconds = facts
        self.idle.set_seconds(seconds)
        if is_demo:
            from visitorcentre.demo.staff import DEMO_STAFF

            self._demo_staff = list(DEMO_STAFF)
        self._first_admin_needed = not has_staff
        if not self.locked:
            return
        if has_staff:
            self.screen.show_sign_in(name=self._name_hint, demo_staff=self._demo_staff)
        else:
            self.screen.show_first_admin()

    # --- locking --------------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        """Cover the desk with the sign-in screen; the work underneath stays as it is."""
        if self.locked:
            return
        self.locked = True
        self.idle.pause()
        self._focus = QApplication.focusWidget()
        self._scanner_was = self.window.scanner.enabled
        self.window.scanner.enabled = False
        self._cover_windows()
        actor = self._locked_from = self.desk.ctx.actor
        if actor.role:
            self.screen.show_sign_in(locked_from=actor.name, name=actor.name, demo_staff=self._demo_staff)
        self.screen.showFullScreen()
        self.screen.raise_()
        self.screen.activateWindow()
        self.locked_changed.emit(True)

    @Slot()
    def sign_out(self) -> None:
        """Lock the desk with nobody signed in."""
        self.tasks.run(self.desk.staff.sign_out)
        self._act_as(NOBODY)
        self._locked_from = NOBODY  # signed out: nobody's work is left open
        self.lock()
        self.screen.show_sign_in(demo_staff=self._demo_staff)

    def _cover_windows(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                widget is self.screen
                or not widget.isVisible()
                or widget.windowType() not in (Qt.WindowType.Window, Qt.WindowType.Dialog)
            ):
                continue
            self._covers.append(_Cover(widget))

    def _signed_in(self, actor: Actor) -> None:
        before = self._locked_from
        self._act_as(actor)
        self.unlock()
        if before.role and before.name != actor.name:
            self.window.notice.say(
                _("{name} signed in: the work {before} left open is as they left it.").format(
                    name=actor.name, before=before.name
                ),
                status_signs.NOTE,
            )

    def unlock(self) -> None:
        for cover in self._covers:
            try:
                cover.parent().removeEventFilter(cover)
                cover.hide()
                cover.deleteLater()
            except RuntimeError:  # its window has gone meanwhile
                pass
        self._covers.clear()
        self.screen.release()
        self.window.scanner.enabled = self._scanner_was
        self.locked = False
        self.idle.resume()
        self.window.activateWindow()
        focus = self._focus
        if focus is not None:
            try:
                focus.activateWindow()
                focus.setFocus()
            except RuntimeError:
                pass
        self.locked_changed.emit(False)

    def _act_as(self, actor: Actor) -> None:
        """From now on the desk (and the status bar) is for ``actor``: the desk's context holds who it is."""
        self.desk.ctx.actor = actor
        self.window.status.staff.setText(staff_label(actor))


def attach(window, name_hint: str = "", signed_in: bool = False) -> DeskLock:
    """Put the sign-in and idle lock on ``window`` (already shown) and lock it until someone signs in.

    ``signed_in``: the window replaces one whose worker is signed in (the desk's language changed),
    so it stays unlocked for them.
    """
    lock = DeskLock(window)
    window.desk_lock = lock
    if signed_in:
        lock.carry_on()
    else:
        lock.start(name_hint)
    return lock
