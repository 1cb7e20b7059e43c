"""Sessions as tables: the Today board and the booking dialog's session picker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from visitorcentre.core.kinds import SESSION_KIND_LABELS
from visitorcentre.ui.runtime.qt_names import DISPLAY_ROLE, USER_ROLE, Qt
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _
from visitorcentre.ui.shared.table_model import Index as _Index
from visitorcentre.ui.shared.table_model import RecordTable

if TYPE_CHECKING:
    from visitorcentre.core.views import SessionSummary

#: The SessionSummary of a row.
SESSION_ROLE = USER_ROLE + 1
#: (booked, capacity) for the capacity bar.
CAPACITY_ROLE = USER_ROLE + 2
#: The Today board's facts one by one: "14:00–16:00", the kind's label, the room, and the three counts.
TIME_ROLE = USER_ROLE + 3
KIND_ROLE = USER_ROLE + 4
ROOM_ROLE = USER_ROLE + 5
EXPECTED_ROLE = USER_ROLE + 6
ARRIVED_ROLE = USER_ROLE + 7
IN_HALL_ROLE = USER_ROLE + 8
#: "Blocked — <reason>" for a session the prison has blocked (cancelled); "" otherwise.
BLOCKED_ROLE = USER_ROLE + 9


def kind_label(kind: str) -> str:
    return _(SESSION_KIND_LABELS.get(kind, kind.replace("_", " ").capitalize()))


def session_times(session: SessionSummary) -> str:
    return f"{session.starts_at:%H:%M}–{session.ends_at:%H:%M}"


def blocked_words(session: SessionSummary) -> str:
    """“Blocked — <the prison's reason>” for a session the prison has cancelled; "" otherwise."""
    if not session.blocked:
        return ""
    return _("Blocked — {reason}").format(reason=session.blocked_reason)


def places_words(session: SessionSummary) -> str:
    """“3 places left”, “1 place left” or “Full”, with the count booked; “Blocked” when the prison cancelled it."""
    if session.blocked:
        return _("Blocked")
    left = session.places_left
    if left <= 0:
        return _("Full ({booked} of {capacity})").format(booked=session.booked, capacity=session.capacity)
    if left == 1:
        return _("1 place left")
    return _("{left} places left").format(left=left)


def places_sign(session: SessionSummary) -> status_signs.Sign:
    if session.blocked or session.places_left <= 0:
        return status_signs.STOP
    if session.places_left <= max(1, session.capacity // 5):
        return status_signs.WARNING
    return status_signs.OK


class _SessionTable(RecordTable):
    def set_sessions(self, sessions: list[SessionSummary]) -> None:
        self.set_rows(sessions)

    def session_at(self, row: int) -> SessionSummary | None:
        return self.row_at(row)

    def row_of(self, session_id: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == session_id), -1)


class TodayModel(_SessionTable):
    """Today's sessions: when and where, the places, and how many families are expected, arrived and in the hall.

    Three columns keep the board narrow enough to sit beside the search and the visit panel;
    each fact is also available on its own through the custom roles. Where even three columns
    do not fit (a 1280-wide screen, large print) the board folds to one (``compact``): each
    session a card of lines in the Session column, with its places' sign beside it.
    """

    COL_SESSION, COL_PLACES, COL_FAMILIES = range(3)
    HEADERS = (N_("Session"), N_("Places"), N_("Families"))

    def __init__(self, parent=None):
        super().__init__(parent)
        #: Every fact in the Session column, one line each (the board folds to it when three columns do not fit).
        self.compact = False

    def set_compact(self, compact: bool) -> None:
        """Show every fact in the Session column (``compact``), or each in its own column."""
        if compact != self.compact:
            self.compact = compact
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        session = self.session_at(index.row()) if index.isValid() else None
        if session is None:
            return None
        column = index.column()
        facts = {
            SESSION_ROLE: session,
            CAPACITY_ROLE: (session.booked, session.capacity),
            TIME_ROLE: session_times(session),
            KIND_ROLE: kind_label(session.kind),
            ROOM_ROLE: session.room,
            EXPECTED_ROLE: session.expected,
            ARRIVED_ROLE: session.arrived,
            IN_HALL_ROLE: session.in_hall,
            BLOCKED_ROLE: blocked_words(session),
        }
        if role in facts:
            return facts[role]
        if self.compact and column == self.COL_SESSION:
            return _card(session, role)
        blocked = blocked_words(session)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_SESSION:
                text = f"{session_times(session)}\n{kind_label(session.kind)}\n{session.room}"
                return f"{text}\n{blocked}" if blocked else text
            return places_words(session) if column == self.COL_PLACES else _families(session)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (_session_said, _places_said, _families_said)[column](session)
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_SESSION and blocked:
            return status_signs.icon(status_signs.STOP.icon)
        if role == Qt.ItemDataRole.ToolTipRole and blocked:
            return blocked
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_PLACES:
            return _booked(session)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


def _families(session: SessionSummary) -> str:
    return _("Expected {expected}\nArrived {arrived}\nIn hall {in_hall}").format(
        expected=session.expected, arrived=session.arrived, in_hall=session.in_hall
    )


def _booked(session: SessionSummary) -> str:
    return _("{booked} of {capacity} places booked").format(booked=session.booked, capacity=session.capacity)


def _session_said(session: SessionSummary) -> str:
    words = _("{time}, {kind}, in {room}").format(
        time=session_times(session), kind=kind_label(session.kind), room=session.room
    )
    return f"{words}. {blocked_words(session)}" if session.blocked else words


def _places_said(session: SessionSummary) -> str:
    return _("{words}: {booked} of {capacity} places booked").format(
        words=places_words(session), booked=session.booked, capacity=session.capacity
    )


def _families_said(session: SessionSummary) -> str:
    return _("{expected} families expected, {arrived} arrived, {in_hall} in the hall").format(
        expected=session.expected, arrived=session.arrived, in_hall=session.in_hall
    )


def _card(session: SessionSummary, role: int) -> Any:
    """The compact board's one cell: the time on a line of its own, where, the places (and their sign), families."""
    if role == Qt.ItemDataRole.DisplayRole:
        lines = [
            session_times(session),
            f"{kind_label(session.kind)} · {session.room}",
            places_words(session),
            # The Families column's words on one line, each count kept whole ("In hall 0" never split).
            " · ".join(count.replace(" ", "\u00a0") for count in _families(session).splitlines()),
        ]
        return "\n".join([*lines, blocked_words(session)] if session.blocked else lines)
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return ". ".join((_session_said(session), _places_said(session), _families_said(session)))
    if role == Qt.ItemDataRole.DecorationRole:
        return status_signs.icon(places_sign(session).icon)
    if role == Qt.ItemDataRole.ToolTipRole:
        return blocked_words(session) or _booked(session)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return None


class SessionPickerModel(_SessionTable):
    """Sessions a visit can be booked into, with the places left in each."""

    COL_DAY, COL_TIME, COL_KIND, COL_ROOM, COL_PLACES = range(5)
    WIDE = (COL_KIND, COL_ROOM)
    HEADERS = (N_("Day"), N_("Time"), N_("Session"), N_("Room"), N_("Places left"))

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        session = self.session_at(index.row()) if index.isValid() else None
        if session is None:
            return None
        column = index.column()
        if role == SESSION_ROLE:
            return session
        if role == CAPACITY_ROLE:
            return (session.booked, session.capacity)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                self.COL_DAY: f"{session.date:%a %d %b}",
                self.COL_TIME: session_times(session),
                self.COL_KIND: kind_label(session.kind),
                self.COL_ROOM: session.room,
                self.COL_PLACES: places_words(session),
            }[column]
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_PLACES:
            return status_signs.icon(places_sign(session).icon)
        return None
