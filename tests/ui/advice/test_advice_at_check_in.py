"""The advice read out at check-in: the prison's rules as a checklist, the first-visit guide, "Advice given"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui import advice_helpers as rules
from tests.ui.helpers import settle


def open_visit(qtbot, window, world, session=None, party=None) -> str:
    reference = world.desk.visits.book_visit(session or world.session_today, world.prisoner, party or [world.mum])
    visit_id = world.desk.visits.visit_for_scan(reference)
    window.open_visit(visit_id)
    advice = window.visit_panel.advice
    qtbot.waitUntil(lambda: advice.checklist is not None and advice.checklist.visit_id == visit_id)
    settle(qtbot, window)
    return visit_id


def test_the_checklist_is_the_prisons_rules_under_their_topics(qtbot, window, world):
    rules.add_rules(world.desk)
    visit_id = open_visit(qtbot, window, world)
    advice = window.visit_panel.advice
    assert advice.isVisible() and advice.body.isVisible()
    expected = world.desk.advice.checklist(visit_id)
    shown = advice.texts()[-len(expected.items) :]
    assert shown == ["• " + "\n• ".join(item.lines) for item in expected.items]
    joined = "\n".join(shown)
    for text in (rules.HOODIE, rules.CASH, rules.LOCKER, rules.PRISONER_MONEY, rules.PHONES):
        assert text in joined
    assert rules.ARRIVE not in joined  # arriving is in the first-visit guide, not the short list
    headings = [
        label.text() for label in advice.findChildren(type(advice.given_words), "adviceHeading") if label.isVisible()
    ]
    assert "What to wear" in headings and "Money for the prisoner" in headings
    # every line carries a sign and a word, never colour alone
    words = [
        label.text() for label in advice.findChildren(type(advice.given_words), "adviceSeverity") if label.isVisible()
    ]
    assert set(words) == {"Must", "Advice"}
    assert "Not given yet" in advice.given_words.text()


def test_a_first_visit_gets_the_whole_guide_highlighted(qtbot, window, world):
    rules.add_rules(world.desk)
    open_visit(qtbot, window, world, party=[world.mum, world.child])
    advice = window.visit_panel.advice
    assert advice.first_visit_guide.isVisible()
    assert "First visit" in advice.toggle.text()
    assert "Siobhán MacDonald" in advice.first_timers.text()
    guide = [label.text() for label in advice.first_visit_guide.findChildren(type(advice.given_words), "adviceLines")]
    assert any(rules.ARRIVE in text for text in guide)  # step by step, from arriving


def test_a_family_who_has_visited_before_gets_only_the_short_list(qtbot, window, world):
    rules.add_rules(world.desk)
    earlier = world.desk.visits.visit_for_scan(
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    )
    world.desk.visits.check_in(earlier)
    world.desk.visits.check_out(earlier)
    open_visit(qtbot, window, world, session=world.session_tomorrow)
    advice = window.visit_panel.advice
    assert not advice.checklist.first_visit
    assert advice.first_visit_guide.isHidden()
    assert "First visit" not in advice.toggle.text()
    assert any(rules.HOODIE in text for text in advice.texts())


def test_ticking_advice_given_records_who_and_when(qtbot, window, world):
    rules.add_rules(world.desk)
    visit_id = open_visit(qtbot, window, world)
    advice = window.visit_panel.advice
    qtbot.mouseClick(advice.given_box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: advice.checklist.advice_given)
    settle(qtbot, window)
    recorded = world.desk.advice.checklist(visit_id)
    assert recorded.advice_given and recorded.given_by == "Test Worker"
    assert advice.given_words.text() == "Given by Test Worker at 13:00."
    assert advice.given_box.isChecked() and not advice.given_box.isEnabled()
    assert "Advice given" in window.notice.text()
    assert not advice.body.isVisible()  # folded away once given; the header still says so
    assert advice.toggle.text().endswith(", given") and advice.toggle.property("kind") == "ok"


def test_ctrl_g_gives_the_advice_from_the_keyboard(qtbot, window, world):
    rules.add_rules(world.desk)
    visit_id = open_visit(qtbot, window, world)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.visit_panel.advice.checklist.advice_given)
    assert world.desk.advice.checklist(visit_id).advice_given


def test_the_checklist_in_polish_falls_back_to_english_for_rules_without_polish(qtbot, window, world):
    rules.add_rules(world.desk)
    open_visit(qtbot, window, world)
    advice = window.visit_panel.advice
    advice.language.setFocus()
    qtbot.keyClick(advice.language, Qt.Key.Key_Down)  # English → Polski, as the worker chooses it
    assert advice.language.currentData() == "pl"
    qtbot.waitUntil(lambda: advice.checklist.language == "pl")
    settle(qtbot, window)
    joined = "\n".join(advice.texts())
    assert rules.HOODIE_PL in joined and rules.CASH in joined
    # the badges beside the lines are in the family's language too
    words = {label.text() for label in advice.findChildren(type(advice.given_words), "adviceSeverity")}
    assert words <= {"Obowiązkowe", "Porada"} and words


def test_no_rules_yet_says_a_manager_can_add_them(qtbot, window, world):
    open_visit(qtbot, window, world)
    advice = window.visit_panel.advice
    assert advice.empty.isVisible() and "Visiting rules" in advice.empty.text()
