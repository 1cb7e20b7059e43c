"""How the booking form is laid out: the three numbered steps, the options, and the Tab order.

Who they are visiting and who is coming on the left, the session and the options on the right,
the message and the buttons underneath; Tab goes through them in the order the steps are numbered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from visitorcentre.ui.shared.field_message import form_buttons
from visitorcentre.ui.shared.i18n import _

if TYPE_CHECKING:
    from visitorcentre.ui.check_in.booking_dialog import BookingDialog


def _step(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "subheading")
    return label


def lay_out_booking(
    dialog: BookingDialog, heading: QLabel, intro: QLabel, party_hint: QLabel, close: QPushButton
) -> None:
    """Put the booking form's widgets in their places and set the Tab order through them."""
    left = QVBoxLayout()
    left.addWidget(_step(_("1. Who are they visiting?"), dialog))
    left.addWidget(dialog.prisoner_box)
    left.addWidget(dialog.prisoner_message)
    left.addWidget(dialog.prisoner_view, 1)
    left.addWidget(_step(_("2. Who is coming?"), dialog))
    left.addWidget(party_hint)
    left.addWidget(dialog.party_view, 2)
    lead = QHBoxLayout()
    lead.addWidget(dialog.lead_label)
    lead.addWidget(dialog.lead_choice, 1)
    left.addLayout(lead)
    left.addWidget(dialog.party_message)
    left.addWidget(dialog.new_visitor_button, 0, Qt.AlignmentFlag.AlignLeft)
    left.addWidget(dialog.party_results)
    right = QVBoxLayout()
    right.addWidget(_step(_("3. Which session?"), dialog))
    right.addWidget(dialog.session_view, 1)
    right.addWidget(dialog.session_message)
    right.addWidget(dialog.overbook)
    options = QGridLayout()
    options.addWidget(dialog.source_label, 0, 0)
    options.addWidget(dialog.source, 0, 1)
    options.addWidget(dialog.notes_label, 1, 0)
    options.addWidget(dialog.notes, 1, 1)
    options.setColumnStretch(1, 1)
    right.addLayout(options)
    right.addWidget(dialog.support_needs)
    columns = QGridLayout()
    columns.setHorizontalSpacing(24)
    columns.addLayout(left, 0, 0)
    columns.addLayout(right, 0, 1)
    columns.setColumnStretch(0, 1)
    columns.setColumnStretch(1, 1)
    buttons = form_buttons(dialog.form_message, close, dialog.book_button)
    layout = QVBoxLayout(dialog)
    layout.setSpacing(10)
    layout.addWidget(heading)
    layout.addWidget(intro)
    layout.addLayout(columns, 1)
    layout.addLayout(buttons)
    for first, second in (
        (dialog.prisoner_box, dialog.prisoner_view),
        (dialog.prisoner_view, dialog.party_view),
        (dialog.party_view, dialog.lead_choice),
        (dialog.lead_choice, dialog.new_visitor_button),
        (dialog.new_visitor_button, dialog.session_view),
        (dialog.session_view, dialog.overbook_reason),
        (dialog.overbook_reason, dialog.source),
        (dialog.source, dialog.notes),
        *zip(
            [dialog.notes, *dialog.support_needs.widgets()],
            [*dialog.support_needs.widgets(), dialog.book_button],
            strict=True,
        ),
        (dialog.book_button, close),
    ):
        QWidget.setTabOrder(first, second)
