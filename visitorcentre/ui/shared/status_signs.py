"""Status signs: the icon, the word and the colour that always go together (never colour alone).

Icons are the SVG files in ``resources/icons``; if one cannot be loaded a plain painted
shape stands in, so a missing file never leaves a status without its sign.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QIcon

from visitorcentre.config import paths
from visitorcentre.core.kinds import PERSON_OUTCOME_LABELS, VISIT_STATUS_LABELS, PersonOutcome, VisitStatus
from visitorcentre.core.severity import Severity
from visitorcentre.ui.shared.i18n import N_, _, say

if TYPE_CHECKING:
    from visitorcentre.core.checks import CheckResult


class Sign(NamedTuple):
    icon: str  # file name in resources/icons, without .svg
    word: str
    colour: str  # text colour on a light background (high contrast)


OK = Sign("ok", N_("OK"), "#155724")
NOTE = Sign("info", N_("Note"), "#174a8b")
WARNING = Sign("warning", N_("Warning"), "#7a4a00")
STOP = Sign("stop", N_("Stop"), "#a11a1a")

SEVERITY_SIGNS = {Severity.OK: OK, Severity.INFO: NOTE, Severity.WARNING: WARNING, Severity.STOP: STOP}
_ORDER = [Severity.OK, Severity.INFO, Severity.WARNING, Severity.STOP]

#: A visiting rule's severity: what the family must do, or advice that helps.
MUST = Sign("warning", N_("Must"), "#7a4a00")
ADVICE = Sign("info", N_("Advice"), "#174a8b")
RULE_SIGNS = {"must": MUST, "advice": ADVICE}

_VISIT_SIGNS = {
    VisitStatus.BOOKED: NOTE,
    VisitStatus.ARRIVED: NOTE,
    VisitStatus.CHECKED_IN: OK,
    VisitStatus.IN_HALL: OK,
    VisitStatus.COMPLETED: OK,
    VisitStatus.NO_SHOW: WARNING,
    VisitStatus.CANCELLED: WARNING,
    VisitStatus.REFUSED: STOP,
}
_OUTCOME_SIGNS = {
    PersonOutcome.EXPECTED: NOTE,
    PersonOutcome.CHECKED_IN: OK,
    PersonOutcome.REFUSED: STOP,
    PersonOutcome.NO_SHOW: WARNING,
    PersonOutcome.CANCELLED: WARNING,
}
_FALLBACK_COLOURS = {
    "ok": "#1e7b34",
    "info": "#1f5fad",
    "warning": "#f0a800",
    "stop": "#c62828",
    "offline": "#4a5561",
    "first_visit": "#5b2a86",
    "visitorcentre": "#1d5c63",
}


@cache
def icon(name: str) -> QIcon:
    """The named icon from resources/icons (a painted stand-in if the file is missing)."""
    path = paths.resources_dir() / "icons" / f"{name}.svg"
    found = QIcon(str(path)) if path.exists() else QIcon()
    if not found.isNull() and not found.pixmap(24, 24).isNull():
        return found
    return _painted(_FALLBACK_COLOURS.get(name, "#4a5561"))


def _painted(colour: str) -> QIcon:
    from PySide6.QtCore import QRectF, Qt  # (Qt's painter classes: not wanted before the first paint)
    from PySide6.QtGui import QColor, QPainter, QPixmap

    pixmap = QPixmap(48, 48)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(4, 4, 40, 40))
    painter.end()
    return QIcon(pixmap)


@cache
def pictogram(name: str) -> QIcon:
    """A visiting rule's pictogram from resources/pictograms (the info sign if there is no such picture)."""
    path = paths.resources_dir() / "pictograms" / f"{name}.svg"
    found = QIcon(str(path)) if path.exists() else QIcon()
    if not found.isNull() and not found.pixmap(24, 24).isNull():
        return found
    return icon("info")


def rule_sign(severity: str) -> Sign:
    """The sign for a rule's severity ("must" or "advice")."""
    return RULE_SIGNS.get(severity, ADVICE)


def severity_sign(severity: Severity | str) -> Sign:
    return SEVERITY_SIGNS[Severity(severity)]


def worst(results: Iterable[CheckResult]) -> Severity:
    """The most serious severity among ``results`` (OK when there are none)."""
    found = [Severity(r.severity) for r in results]
    return max(found, key=_ORDER.index) if found else Severity.OK


def visit_sign(status: str) -> Sign:
    return _VISIT_SIGNS.get(status, NOTE)


def visit_status_words(status: str) -> str:
    return _(VISIT_STATUS_LABELS.get(status, status.replace("_", " ").capitalize()))


def outcome_sign(outcome: str) -> Sign:
    return _OUTCOME_SIGNS.get(outcome, NOTE)


def outcome_words(outcome: str) -> str:
    return _(PERSON_OUTCOME_LABELS.get(outcome, outcome.replace("_", " ").capitalize()))


def result_text(result: CheckResult) -> str:
    """A check result as the worker reads it: the sign's word, what is wrong, and what to do next."""
    sign = severity_sign(result.severity)
    text = f"{_(sign.word)}: {say(result.message)}"
    if result.next_step:
        text += " " + _("What to do: {next_step}").format(next_step=say(result.next_step))
    return text
