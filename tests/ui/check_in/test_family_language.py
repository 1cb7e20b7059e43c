"""The family's language: chosen at the desk, remembered on their record, used for what they see and take home.

The worker picks the language in the visit panel (the advice's language box); it is saved on
the lead visitor's record, comes back when the visit is opened again, and the feedback screen,
the hall door and the printed pass then speak it, while the desk's own screens stay in the
desk's language.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt

from tests.ui.helpers import settle
from tests.ui.printing_helpers import pass_calls, printing, token_of  # noqa: F401 (fixtures)
from visitorcentre.ui.passes import hall_door


def open_visit(qtbot, window, world, checked_in: bool = False, party=None) -> str:
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, party or [world.mum, world.child])
    visit_id = world.desk.visits.visit_for_scan(reference)
    if checked_in:
        world.desk.visits.check_in(visit_id)
    window.open_visit(visit_id)
    advice = window.visit_panel.advice
    qtbot.waitUntil(lambda: advice.checklist is not None and advice.checklist.visit_id == visit_id)
    settle(qtbot, window)
    return visit_id


def choose_language(qtbot, window, world, presses: int) -> None:
    """Move the family-language box down ``presses`` times with the keyboard, as a worker would."""
    box = window.visit_panel.advice.language
    box.setFocus()
    for _press in range(presses):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    settle(qtbot, window)


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_the_language_chosen_is_remembered_on_the_family_record(qtbot, window, world):
    visit_id = open_visit(qtbot, window, world)
    box = window.visit_panel.advice.language
    assert box.currentData() == "en"
    choose_language(qtbot, window, world, 1)
    qtbot.waitUntil(lambda: world.desk.visits.visitor_record(world.mum).details.language == "pl")
    assert world.desk.visits.visit(visit_id).language == "pl"
    # Opened again later (another visit first), the box shows the family's language by itself.
    open_visit(qtbot, window, world, party=[world.gran])
    assert box.currentData() == "en"  # another family, another language
    window.open_visit(visit_id)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None and window.visit_panel.detail.id == visit_id)
    settle(qtbot, window)
    assert box.currentData() == "pl"
    assert window.visit_panel.check_in_button.text().startswith("Check in")  # the desk stays in English


def test_the_feedback_screen_speaks_the_family_language_and_staff_words_stay_english(qtbot, window, world):
    open_visit(qtbot, window, world)
    choose_language(qtbot, window, world, 2)  # Gàidhlig
    qtbot.waitUntil(lambda: world.desk.visits.visitor_record(world.mum).details.language == "gd")
    qtbot.keyClick(window, Qt.Key.Key_F8)
    mode = window.engagement.feedback_mode
    qtbot.waitUntil(mode.isVisible)
    assert mode.question.text() == "Ciamar a chaidh an tadhal an-diugh?"
    assert mode.send_button.text() == "Cuir"
    assert mode.faces.faces[4].text() == "Glè thoilichte"
    assert mode.leave_button.text() == "Staff: leave (Esc)"
    qtbot.keyClick(mode.faces.faces[2], Qt.Key.Key_5)
    qtbot.mouseClick(mode.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mode.pages.currentIndex() == 1)
    assert "Glè thoilichte" in mode.thanks_more.text() and mode.thanks.text() == "Mòran taing!"
    mode.close_with_desk()
    # With no visit open, the screen is in the desk's language again.
    window.visit_panel.show_visit(None)
    mode = window.engagement.open_feedback_mode()
    assert mode.question.text() == "How was your visit today?"
    mode.close_with_desk()


def test_the_hall_door_tells_the_family_in_their_language(qtbot, window, world):
    visit_id = open_visit(qtbot, window, world, checked_in=True)
    choose_language(qtbot, window, world, 1)  # Polski
    qtbot.waitUntil(lambda: world.desk.visits.visitor_record(world.mum).details.language == "pl")
    world.desk.passes.issue_pass(visit_id)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    door = window.hall_door
    assert "Scan the next pass" in door.texts()  # nobody scanned yet: the desk's words
    qtbot.keyClicks(door.scan_input, token_of(world, visit_id))
    qtbot.keyClick(door.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: door.kind != hall_door.IDLE)
    assert door.kind == hall_door.VALID and door.word.text() == "WAŻNA"
    assert "wpuść rodzinę" in door.texts()
    assert "Osoby (2): Siobhán MacDonald, Zoë MacDonald (dziecko, ur. 1 maj 2017)" in door.texts()
    qtbot.keyClicks(door.scan_input, token_of(world, visit_id))
    qtbot.keyClick(door.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: door.kind == hall_door.ALREADY)
    assert door.word.text() == "JUŻ NA SALI"
    door.close()


def test_the_printed_pass_is_in_the_family_language_with_its_own_dates(qtbot, window, world, printing, monkeypatch):
    visit_id = open_visit(qtbot, window, world, checked_in=True)
    choose_language(qtbot, window, world, 1)  # Polski
    qtbot.waitUntil(lambda: world.desk.visits.visitor_record(world.mum).details.language == "pl")
    made: list[bytes] = []
    issue = world.desk.passes.issue_pass
    monkeypatch.setattr(world.desk.passes, "issue_pass", lambda *a, **k: made.append(issue(*a, **k)) or made[-1])
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(printing.printed))
    settle(qtbot, window)
    text = pdf_text(made[-1])
    for words in ("Przepustka na wizytę", "Przyjdź do", "Odwiedzający (2)", "niedziela", "listopada 2026"):
        assert words in text, words
    assert "Visit pass" not in text and "Arrive by" not in text
    assert world.desk.passes.pass_status(visit_id).times_printed == 1
