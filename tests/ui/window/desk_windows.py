"""Every top-level window and dialog of the desk, each opened as the desk opens it, for the fit tests.

``WINDOWS`` maps each window's class name to a function that opens it over the main window
(``opener(window, world)``) and returns it. ``PARTS`` names the QWidget subclasses of ``ui/``
that are pieces of a window, never a window of their own. ``window_classes()`` walks the ui
package, so a new window that is in neither list fails the fit test until it is added here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QScrollArea, QWidget

import visitorcentre.ui as ui_package
from visitorcentre.ui.shared import printouts

#: Pieces of a window (panels, steps, strips, indicators), never opened on their own.
PARTS = {
    "ActionBar",
    "ReviewBox",
    "LeadVisitorChoice",
    "AdviceToReadOut",
    "AnswerBox",
    "ClaimStatusStep",
    "DeskStatusBar",
    "ElidedLabel",
    "WrappingTick",
    "EligibilityStep",
    "ExpensesTable",
    "FaceButton",
    "FaceScale",
    "FieldMessage",
    "JourneyStep",
    "LeafletPreview",
    "NoticeBar",
    "ReceiptsStrip",
    "RequestNotice",
    "ResultsList",
    "RuleForm",
    "SearchPanel",
    "SignInScreen",  # over the main window while it is locked (checked with it: the fit test locks the desk)
    "StatusButton",
    "SupportNeedsPicker",
    "SupportNeedsSign",
    "SyncIndicator",
    "TodayBoard",
    "VisitPage",
    "VisitPanel",
    "_Cover",  # the plain panel over the desk while it is locked
}


def window_classes() -> dict[str, type]:
    """Every QDialog, QMainWindow and QWidget subclass defined in the ui package, by class name."""
    found: dict[str, type] = {}
    root = Path(ui_package.__file__).parent
    for info in pkgutil.walk_packages([str(root)], prefix="visitorcentre.ui."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and value.__module__ == module.__name__
                and issubclass(value, QWidget)
                and not issubclass(value, QMessageBox)
            ):
                found[name] = value
    return found


def _main(window, world):
    return window


def _booking(window, world):
    from visitorcentre.ui.check_in.booking_dialog import BookingDialog

    return BookingDialog(window.desk, window.tasks, False, window, visitor_id=world.mum)


def _visitor_form(window, world):
    from visitorcentre.ui.check_in.visitor_form import VisitorForm

    return VisitorForm(window.desk, window.tasks, visitor_id=world.mum, parent=window)


def _day_list(window, world):
    from visitorcentre.ui.check_in.day_list import DayListDialog

    return DayListDialog(window, world.clock.today())


def _evacuation(window, world):
    return window.evacuation.open()


def _review_list(window, world):
    from visitorcentre.ui.check_in.review_list import ReviewList

    return ReviewList(window.desk, window.tasks, window)


def _settle_review(window, world):
    from datetime import datetime, time

    from visitorcentre.core.views import ReviewFlag
    from visitorcentre.ui.check_in.settle_review import SettleReview

    flag = ReviewFlag(
        id="flag-1",
        visit_id="no-such-visit",
        reference="AB12CD",
        day=datetime(2026, 11, 23).date(),
        starts_at=time(14, 0),
        session_id=world.session_tomorrow,
        lead="Siobhán MacDonald",
        prisoner="John MacDonald",
        reason="session_blocked",
        words="The prison cancelled the 14:00 session on 23 November (learnt 22 November); this visit is booked "
        "on it. The session is cancelled: a lockdown. Please phone the family and offer another session.",
        raised_at=datetime(2026, 11, 22, 9, 0),
    )
    return SettleReview(window.desk, window.tasks, flag, window)


def _leaflet(window, world):
    from visitorcentre.ui.advice.leaflets import LeafletDialog

    return LeafletDialog(window)


def _rules(window, world):
    from visitorcentre.ui.advice.advice_editor import VisitingRulesEditor

    return VisitingRulesEditor(window.desk, window.tasks, window)


def _costs(window, world):
    from visitorcentre.ui.cost_of_visits.application_dialog import CostApplicationDialog

    return CostApplicationDialog(window.desk, window.tasks, window, visitor_id=world.mum)


def _information_requests(window, world):
    from tests.cost_decisions import application_asking_for

    application_asking_for(world, "the stamped visit confirmation and a readable bus ticket for the return journey")
    window.board.refresh_information()
    return window.board.open_information_requests()


def _reports(window, world):
    from visitorcentre.ui.engagement.reports_screen import ReportsScreen

    return ReportsScreen(window.desk, window.tasks, window)


def _support(window, world):
    from visitorcentre.ui.engagement.support_directory import SupportDirectory

    return SupportDirectory(window.desk, window.tasks, window)


def _you_said(window, world):
    from visitorcentre.ui.engagement.you_said_we_did import YouSaidWeDid

    return YouSaidWeDid(window.desk, window.tasks, window)


def _feedback(window, world):
    window.engagement.open_feedback_mode()
    return window.engagement.feedback_mode


def _hall_door(window, world):
    return window.open_hall_door()


def _damaged(window, world):
    from datetime import datetime

    from visitorcentre.db import backups
    from visitorcentre.ui.records.damaged_records import DamagedRecordsScreen

    backup = backups.Backup(Path("desk-daily-20261122-090000.sqlite3"), datetime(2026, 11, 22, 9))
    return DamagedRecordsScreen(window.desk, window.tasks, window.desk.ctx.db_path, "damaged", backup, window)


def _preview(window, world):
    day = world.clock.today()
    printout = printouts.render("Day list for today", "day-list.pdf", window.desk.passes.day_list_pdf(day))
    return printouts.PrintPreview(window, printout, ["Desk printer"], "", "")


def _reason(window, world):
    from visitorcentre.ui.shared.reason_dialog import ReasonDialog

    return ReasonDialog(
        window,
        "Refuse one person",
        "Say why this person cannot go into the visit. The family is told this reason.",
        "Reason",
        "Refuse this person",
        ["Under the influence", "No ID"],
    )


def _confirm(window, world):
    from visitorcentre.ui.shared.reason_dialog import ConfirmDialog

    return ConfirmDialog(
        window, "Leave hall door mode?", "The door will stop checking passes until it is opened again.", "Leave"
    )


def _audit(window, world):
    from visitorcentre.ui.staff.audit_viewer import AuditViewer

    return AuditViewer(window.desk, window.tasks, window)


def _sync_panel(window, world):
    from visitorcentre.ui.sync.sync_panel import SyncPanel

    return SyncPanel(window.desk, window.tasks, window.sync.runner, window)


def _connect_later(window, world):
    from visitorcentre.ui.sync.connect_later import ConnectLaterDialog

    return ConnectLaterDialog(window)


def _first_run(window, world):
    from visitorcentre.ui.window.first_run import FirstRunScreen

    return FirstRunScreen(window.desk.ctx.db_path.with_name("new-desk.sqlite3"), world.clock)


def _staff_pin(window, world):
    from visitorcentre.ui.shared.staff_pin import StaffPinDialog

    return StaffPinDialog(
        window.desk,
        window.tasks,
        window,
        "Leave family feedback",
        "A member of staff types their name and PIN to leave family feedback.",
        "Leave",
    )


def in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` sits inside a scrolling area of ``window`` (reached by scrolling)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def shown_buttons(window: QWidget) -> list[QAbstractButton]:
    """Every button a person can see and press in ``window`` (not Qt's own little ones inside a field)."""
    return [
        button
        for button in window.findChildren(QAbstractButton)
        if button.isVisibleTo(window)
        and not button.objectName().startswith("qt_")
        and type(button).__name__ not in ("QLineEditIconButton", "QToolBarExtension")
        and button.window() is window
    ]


def open_window(qtbot, name: str, desk) -> QWidget:
    """Open the window ``name`` over the desk and let its loading finish."""
    shown = WINDOWS[name](desk.window, desk.world)
    if shown is not desk.window:
        qtbot.addWidget(shown)
        if not shown.isVisible():
            shown.show()
    qtbot.waitUntil(lambda: not desk.window.tasks.busy, timeout=30_000)
    qtbot.wait(10)
    return shown


#: Each window by class name: how the desk opens it.
WINDOWS: dict[str, Callable] = {
    "MainWindow": _main,
    "BookingDialog": _booking,
    "VisitorForm": _visitor_form,
    "DayListDialog": _day_list,
    "EvacuationDialog": _evacuation,
    "LeafletDialog": _leaflet,
    "VisitingRulesEditor": _rules,
    "CostApplicationDialog": _costs,
    "ReportsScreen": _reports,
    "SupportDirectory": _support,
    "YouSaidWeDid": _you_said,
    "FeedbackMode": _feedback,
    "HallDoor": _hall_door,
    "DamagedRecordsScreen": _damaged,
    "PrintPreview": _preview,
    "ReasonDialog": _reason,
    "ConfirmDialog": _confirm,
    "AuditViewer": _audit,
    "SyncPanel": _sync_panel,
    "ConnectLaterDialog": _connect_later,
    "FirstRunScreen": _first_run,
    "StaffPinDialog": _staff_pin,
    "ReviewList": _review_list,
    "SettleReview": _settle_review,
    "InformationRequests": _information_requests,
}
