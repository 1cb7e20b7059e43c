"""The status bar: which establishment, which staff member, the connection, and any work in progress.

Its words shorten with "…" (ElidedLabel, the whole text in the tooltip) rather than widening
the window: a long name or message never pushes the desk off a small screen.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QStatusBar, QWidget

from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.elided_label import ElidedLabel
from visitorcentre.ui.shared.i18n import _


class DeskStatusBar(QStatusBar):
    """Always shows where and who; shows “Working…” only when work takes a while."""

    def __init__(self, desk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deskStatus")
        self.setSizeGripEnabled(False)
        self._desk = desk
        # Where, who and the connection sit together in one widget, given to the bar once: the bar
        # lays itself out again for each widget it is given.
        self.where = QWidget(self)
        self.where.setObjectName("whereAndWho")
        where = QHBoxLayout(self.where)
        where.setContentsMargins(0, 0, 0, 0)
        self.establishment = ElidedLabel(desk.ctx.establishment, self.where)
        self.establishment.setObjectName("establishment")
        self.establishment.setAccessibleName(_("Establishment"))
        role = desk.ctx.actor.role
        self.staff = ElidedLabel(
            _("Staff: {name}").format(name=desk.ctx.actor.name) + (f" ({_(role)})" if role and role != "desk" else ""),
            self.where,
        )
        self.staff.setObjectName("staff")
        self.staff.setAccessibleName(_("Staff member"))
        # The link to the central server: the sync indicator (ui/sync_indicator.py) goes in here.
        self.connection = QWidget(self.where)
        self.connection.setObjectName("connection")
        row = QHBoxLayout(self.connection)
        row.setContentsMargins(0, 0, 0, 0)
        for part in (self.establishment, self._divider(), self.staff, self._divider(), self.connection):
            where.addWidget(part)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(_("Working"))
        self.busy_text = ElidedLabel("", self)
        self.busy_bar.hide()
        self.busy_text.hide()
        self.addWidget(self.busy_bar)
        self.addWidget(self.busy_text)
        self.addPermanentWidget(self.where)

    def _divider(self) -> QLabel:
        divider = QLabel("|", self.where)
        divider.setProperty("role", "subtle")
        return divider

    def start(self, tasks: DeskTasks) -> None:
        """Look up the establishment's full name in the background."""
        tasks.run(self._desk.settings.establishment_name, self.establishment.setText, key="establishment-name")

    @Slot(bool, str)
    def show_busy(self, busy: bool, what: str) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_text.setVisible(busy)
        self.busy_text.setText(what)
