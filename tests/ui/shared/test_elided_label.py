"""Shortening words with "…" as Qt does, without naming Qt's elide mode (ui/shared/elided_label.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from visitorcentre.ui.shared.elided_label import ElidedLabel, elide_right

TEXTS = [
    "Staff: Nobody signed in",
    "Works on its own — not connected to a central server",
    "Pracownik: Nikt nie jest zalogowany",
    "Luchd-obrach: Chan eil duine air logadh a-steach",
    "Łukasz Wójcik-Ní Bhriain, HMP Barlinnie",
    "AV Wa To Ty fi ffl",
    "e\u0301te\u0301 cafe\u0301 (accents apart from their letters)",
    "ab",
    "",
]


@pytest.mark.parametrize(("points", "bold"), [(None, False), (13.5, False), (17, True)])
def test_it_cuts_where_qt_cuts_at_every_width(qapp, points, bold):
    font = QFont(QApplication.font())
    if points:
        font.setPointSizeF(points)
    font.setBold(bold)
    metrics = QFontMetrics(font)
    for text in TEXTS:
        for width in range(metrics.horizontalAdvance(text) + 4):
            assert elide_right(metrics, text, width) == metrics.elidedText(text, Qt.TextElideMode.ElideRight, width), (
                text,
                width,
            )


def test_a_label_too_narrow_shows_the_start_and_keeps_the_whole_text(qtbot):
    label = ElidedLabel("Staff: Nobody signed in")
    qtbot.addWidget(label)
    label.resize(90, 30)
    label.show()
    shown = QLabel.text(label)  # what shows (the label's own text() is the whole)
    assert shown.endswith("…") and "Staff: Nobody signed in".startswith(shown[:-1])
    assert label.text() == "Staff: Nobody signed in"
