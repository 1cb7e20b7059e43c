"""How the visiting rules screen is laid out: the rules table, its buttons, the form and the leaflet.

The rules and the chosen rule's form on the left, the leaflet preview on the right, wide enough
to read; Tab goes from the language to the rules, their buttons, the form, and the leaflet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.ui.advice.advice_rules_model import AdviceRulesModel
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.screen_fit import scroll_body

if TYPE_CHECKING:
    from visitorcentre.ui.advice.advice_editor import VisitingRulesEditor


def rule_button(text: str, accessible: str, parent: QWidget) -> QPushButton:
    """A button with the name a screen reader says."""
    button = QPushButton(text, parent)
    button.setAccessibleName(accessible)
    return button


def rules_table(parent: QWidget, model: AdviceRulesModel) -> QTableView:
    """The rules, one row each, in the order the leaflets print them; rows grow to show the whole text."""
    view = QTableView(parent)
    view.setObjectName("rulesTable")
    view.setModel(model)
    view.setAccessibleName(_("The rules, in the order the leaflets print them"))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(AdviceRulesModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
    header.sectionResized.connect(lambda *_a: view.resizeRowsToContents())
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def lay_out_rules_editor(editor: VisitingRulesEditor, top, list_buttons, form_buttons, kind_label) -> None:
    """Put the screen's parts in their places (``editor.splitter`` between the two sides) and set the Tab order."""
    left = QWidget(editor)
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(editor.view, 1)
    left_layout.addLayout(list_buttons)
    left_layout.addWidget(editor.form_heading)
    left_layout.addWidget(editor.form)
    left_layout.addLayout(form_buttons)
    scroll_body(left_layout, keep_last=1)  # on a small screen the list and the form scroll; Save and Close stay
    right = QFrame(editor)
    right.setObjectName("leafletSide")
    right_layout = QVBoxLayout(right)
    right_layout.setContentsMargins(0, 0, 0, 0)
    kind_row = QHBoxLayout()
    kind_row.addWidget(kind_label)
    kind_row.addWidget(editor.kind, 1)
    right_layout.addLayout(kind_row)
    right_layout.addWidget(editor.preview, 1)
    editor.splitter = QSplitter(Qt.Orientation.Horizontal, editor)
    editor.splitter.setChildrenCollapsible(False)
    editor.splitter.addWidget(left)
    editor.splitter.addWidget(right)
    editor.splitter.setStretchFactor(0, 3)
    editor.splitter.setStretchFactor(1, 2)
    editor.splitter.setSizes([900, 600])  # the leaflet wide enough to read
    layout = QVBoxLayout(editor)
    layout.setSpacing(8)
    layout.addLayout(top)
    layout.addWidget(editor.read_only_note)
    layout.addWidget(editor.splitter, 1)
    for first, second in (
        (editor.language, editor.show_old),
        (editor.show_old, editor.view),
        (editor.view, editor.new_button),
        (editor.new_button, editor.up_button),
        (editor.up_button, editor.down_button),
        (editor.down_button, editor.retire_button),
        (editor.retire_button, editor.form.category),
        (editor.form.category, editor.form.severity),
        (editor.form.severity, editor.form.pictogram),
        (editor.form.pictogram, editor.form.text),
        (editor.form.text, editor.form.easy_read),
        (editor.form.easy_read, editor.form.effective_from),
        (editor.form.effective_from, editor.discard_button),
        (editor.discard_button, editor.save_button),
        (editor.save_button, editor.kind),
        (editor.kind, editor.preview.scroll),
    ):
        QWidget.setTabOrder(first, second)
