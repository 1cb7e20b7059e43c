"""Visits that need review on the desk's screens: the Today board's count opens the list, and a
flag is settled as going ahead by keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.review_data import ban
from tests.ui.check_in.test_centre_data_on_screen import synced
from tests.unit.ledger import visit_id


def test_the_board_counts_the_visits_that_need_review_and_they_are_settled_by_keys(qtbot, window, world, tmp_path):
    board = window.board
    assert not board.review_button.isVisible()
    booked = visit_id(
        world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.gran])
    )
    ban(world, world.gran)
    synced(qtbot, window)
    qtbot.waitUntil(lambda: board.review_button.isVisible())
    assert board.review_button.text() == "1 visit needs review"
    qtbot.keyClick(board.review_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: getattr(board, "reviews", None) is not None and board.reviews.flags.count() == 1)
    dialog = board.reviews
    assert "Margaret McDonald was banned on 22 November" in dialog.flags.item(0).text()
    assert dialog.grab().save(str(tmp_path / "needs-review.png"))
    dialog.told.setFocus()
    qtbot.keyClick(dialog.told, Qt.Key.Key_Down)  # phoned
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # &Checked, goes ahead
    qtbot.waitUntil(lambda: dialog.flags.count() == 0)
    (settled,) = world.desk.visits.reviews_of_visit(booked)
    assert (settled.resolution, settled.family_told, settled.resolved_by) == ("goes_ahead", "phoned", "Test Worker")
    dialog.reject()
    qtbot.waitUntil(lambda: not board.review_button.isVisible())
