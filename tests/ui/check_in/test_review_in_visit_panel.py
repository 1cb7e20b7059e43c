"""Needs review in the visit panel: the open visit says what changed since it was booked; the worker
settles it there by keys — moves a booking off a blocked session to the nearest session with
places, or checks it and lets it go ahead — through the one settling dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.centre_data import block
from tests.review_data import ban
from tests.ui.check_in.test_centre_data_on_screen import synced
from tests.ui.printing_helpers import pass_calls, printing  # noqa: F401 (fixtures)
from tests.unit.advice.test_advice import pdf_text
from tests.unit.ledger import visit_id
from tests.unit.visits.test_needs_review import _session


def _open(qtbot, window, visit: str) -> None:
    panel = window.visit_panel
    panel.load(visit)
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.id == visit)


def _settle_dialog(qtbot, window):
    box = window.visit_panel.review_box
    qtbot.waitUntil(lambda: box.isVisible() and len(box.settle_buttons) == 1)
    button = box.settle_buttons[0]
    assert button.isEnabled()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: box.dialog is not None and box.dialog.isVisible())
    box.dialog.activateWindow()
    qtbot.waitUntil(box.dialog.isActiveWindow)
    return box.dialog


def test_a_booking_on_a_blocked_session_is_moved_to_the_nearest_with_places_by_keys(qtbot, window, world, tmp_path):
    _session(world, "ses-later", days=2)
    today = visit_id(
        world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran, world.child])
    )
    block(world, world.session_today, "A lockdown")
    synced(qtbot, window)
    _open(qtbot, window, today)
    box = window.visit_panel.review_box
    qtbot.waitUntil(lambda: box.isVisible())
    assert "cancelled the 14:00 session on 22 November" in box.flags[0].words
    assert box.heading.text() == "Needs review: 1 change since booking"
    assert window.visit_panel.grab().save(str(tmp_path / "panel-needs-review.png"))
    dialog = _settle_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.sessions.count() == 1 and dialog.move_button.isEnabled())
    assert "Tuesday" in dialog.sessions.item(0).text() and "5 places left" in dialog.sessions.item(0).text()
    assert dialog.grab().save(str(tmp_path / "settle-blocked.png"))
    dialog.told.setFocus()
    qtbot.keyClick(dialog.told, Qt.Key.Key_Down)  # phoned
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # &Move the booking here
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: not box.isVisible())
    moved = world.desk.visits.visit(today)
    assert (moved.session.id, moved.status) == ("ses-later", "booked")
    (settled,) = world.desk.visits.reviews_of_visit(today)
    assert (settled.resolution, settled.family_told) == ("party_changed", "phoned")
    assert settled.note.startswith("Moved to 24 November 14:00")


def test_checked_goes_ahead_from_the_panel_with_who_checked_it(qtbot, window, world, tmp_path):
    tomorrow = visit_id(
        world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.gran])
    )
    ban(world, world.gran)
    synced(qtbot, window)
    _open(qtbot, window, tomorrow)
    dialog = _settle_dialog(qtbot, window)
    assert not dialog.sessions.isVisible()  # not a blocked session: nothing to move to
    assert "Margaret McDonald was banned on 22 November" in dialog.words.text()
    assert dialog.grab().save(str(tmp_path / "settle-ban.png"))
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Who &checked it
    qtbot.keyClicks(dialog.note, "Security manager: ban is for the other prison")
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Checked, &goes ahead
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (settled,) = world.desk.visits.reviews_of_visit(tomorrow)
    assert (settled.resolution, settled.resolved_by) == ("goes_ahead", "Test Worker")
    assert settled.note == "Security manager: ban is for the other prison"
    qtbot.waitUntil(lambda: not window.visit_panel.review_box.isVisible())


def test_cancelling_needs_a_reason_and_then_cancels_the_visit(qtbot, window, world):
    tomorrow = visit_id(
        world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.gran])
    )
    ban(world, world.gran)
    synced(qtbot, window)
    _open(qtbot, window, tomorrow)
    dialog = _settle_dialog(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Cancel the &visit, no reason yet
    qtbot.waitUntil(lambda: dialog.message.text() == "Please give a reason for cancelling the visit.")
    assert dialog.isVisible() and dialog.reason.hasFocus()
    qtbot.keyClicks(dialog.reason, "Gran is banned; mum will rebook")
    qtbot.keyClick(dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert world.desk.visits.visit(tomorrow).status == "cancelled"
    (settled,) = world.desk.visits.reviews_of_visit(tomorrow)
    assert settled.resolution == "cancelled"


def test_the_review_list_opens_the_same_settling_dialog(qtbot, window, world):
    _session(world, "ses-later", days=2)
    today = visit_id(
        world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran, world.child])
    )
    block(world, world.session_today, "A lockdown")
    synced(qtbot, window)
    board = window.board
    qtbot.waitUntil(lambda: board.review_button.isVisible())
    qtbot.keyClick(board.review_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: getattr(board, "reviews", None) is not None and board.reviews.flags.count() == 1)
    reviews = board.reviews
    qtbot.keyClick(reviews, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Settle, move or cancel…
    qtbot.waitUntil(lambda: reviews.settle_dialog is not None and reviews.settle_dialog.isVisible())
    dialog = reviews.settle_dialog
    qtbot.waitUntil(lambda: dialog.move_button.isEnabled())
    qtbot.keyClick(dialog.sessions, Qt.Key.Key_Return)  # Enter on the chosen session moves it
    qtbot.waitUntil(lambda: reviews.flags.count() == 0)
    assert world.desk.visits.visit(today).session.id == "ses-later"
    reviews.reject()


def test_the_party_changes_by_ticking_who_no_longer_comes(qtbot, window, world, tmp_path):
    tomorrow = visit_id(
        world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.gran])
    )
    ban(world, world.gran)
    synced(qtbot, window)
    _open(qtbot, window, tomorrow)
    dialog = _settle_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.party.count() == 2)
    assert dialog.grab().save(str(tmp_path / "settle-party.png"))
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # &Party changed, nobody ticked
    qtbot.waitUntil(lambda: dialog.message.text() == "Tick who no longer comes on this visit.")
    assert dialog.party.hasFocus()
    qtbot.keyClick(dialog.party, Qt.Key.Key_Down)  # Margaret McDonald
    qtbot.keyClick(dialog.party, Qt.Key.Key_Space)  # ticked
    assert dialog.taken_off() == [world.gran]
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    party = {m.visitor_id: m.outcome for m in world.desk.visits.visit(tomorrow).party}
    assert party == {world.mum: "expected", world.gran: "cancelled"}
    (settled,) = world.desk.visits.reviews_of_visit(tomorrow)
    assert (settled.resolution, settled.note) == ("party_changed", "Taken off the visit: Margaret McDonald")
    ban(world, world.gran, version=2, reason="again")  # a later change about her flags nothing more
    assert world.desk.visits.needing_review() == []


def test_a_letter_is_printed_for_the_family_and_then_the_family_was_told_by_letter(
    qtbot, window, world, printing, tmp_path
):
    world.desk.visits.set_family_language(
        tomorrow := visit_id(
            world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.gran])
        ),
        "pl",
    )
    ban(world, world.gran)
    synced(qtbot, window)
    _open(qtbot, window, tomorrow)
    dialog = _settle_dialog(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Print a &letter for the family…
    qtbot.waitUntil(lambda: len(printing.printed) == 1 and dialog.told.currentData() == "printed")
    assert dialog.message.text() == "The letter is ready. Now settle the visit."
    assert printing.previews[0].windowTitle().endswith(f"{world.desk.visits.visit(tomorrow).reference}")
    text = pdf_text(world.desk.visits.review_letter_pdf(dialog.flag.id))
    assert "Prosimy o telefon w sprawie wizyty" in text and "Margaret" not in text
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Checked, &goes ahead
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (settled,) = world.desk.visits.reviews_of_visit(tomorrow)
    assert settled.family_told == "printed"
