"""The visiting rules editor: a manager adds, edits, retires and reorders rules with a live leaflet preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.conftest import build_world
from tests.ui import advice_helpers as rules
from tests.ui.helpers import settle
from visitorcentre.core.staff import Actor
from visitorcentre.desk import open_desk
from visitorcentre.ui.advice.advice_editor import VisitingRulesEditor
from visitorcentre.ui.runtime.app import build_main_window


def open_editor(qtbot, window) -> VisitingRulesEditor:
    editor = window.open_visiting_rules()
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.preview.page_count() > 0 and not window.tasks.busy)
    return editor


def texts(editor) -> list[str]:
    return [rule.text for rule in editor.model.current()]


def choose(qtbot, window, editor, text: str) -> None:
    row = next(i for i, rule in enumerate(editor.model.rows()) if rule.text == text)
    editor.view.selectRow(row)
    qtbot.waitUntil(lambda: editor.editing is not None and editor.editing.text == text)
    settle(qtbot, window)


def test_the_list_shows_the_prisons_rules_in_order(qtbot, window, world):
    rules.add_rules(world.desk)
    editor = open_editor(qtbot, window)
    assert texts(editor) == [r.text for r in world.desk.advice.rules()]
    model = editor.model
    first = model.index(0, model.COL_SEVERITY)
    assert model.data(first) == "Must" and model.data(model.index(0, model.COL_STATE)) == "In force"
    assert model.data(model.index(0, model.COL_CATEGORY)) == "Arriving"


def test_an_empty_text_is_refused_next_to_the_text_field(qtbot, window, world):
    editor = open_editor(qtbot, window)
    assert editor.editing is None  # a new rule
    qtbot.keyClicks(editor.form.easy_read, "No hoodies.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.form.messages["text"].text() != "")
    assert editor.form.messages["text"].isVisible()
    assert world.desk.advice.rules() == []


def test_a_manager_adds_a_rule_and_the_preview_follows_the_typing(qtbot, window, world):
    rules.add_rules(world.desk)
    editor = open_editor(qtbot, window)
    before = editor.preview.printout
    editor.form.category.setCurrentIndex(editor.form.category.findData("children"))
    editor.form.pictogram.setCurrentIndex(editor.form.pictogram.findData("baby-bottle"))
    qtbot.keyClicks(editor.form.text, "Bring milk in a plastic bottle.")
    assert editor.preview.text() == "Updating the preview…"
    qtbot.waitUntil(lambda: editor.preview.printout is not before and not window.tasks.busy)
    assert b"plastic bottle" in _pdf_text(editor.preview.printout.pdf)  # not saved yet, already previewed
    assert "as it will print" in editor.preview.text()
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Bring milk in a plastic bottle." in texts(editor))
    assert world.desk.advice.rules()[-1].text == "Bring milk in a plastic bottle."
    assert world.desk.advice.rules()[-1].category == "children"


def test_a_manager_edits_a_rule(qtbot, window, world):
    rules.add_rules(world.desk)
    editor = open_editor(qtbot, window)
    choose(qtbot, window, editor, rules.HOODIE)
    assert editor.form.text.toPlainText() == rules.HOODIE
    editor.form.text.setPlainText("Hooded tops, coats and hats go in the locker.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Hooded tops, coats and hats go in the locker." in texts(editor))
    assert rules.HOODIE not in [r.text for r in world.desk.advice.rules()]
    assert "Saved" in editor.form_message.text()


def test_a_manager_retires_a_rule_with_a_reason(qtbot, window, world, answers):
    rules.add_rules(world.desk)
    editor = open_editor(qtbot, window)
    choose(qtbot, window, editor, rules.PHONES)
    answers.reason = "The prison no longer has this rule"
    qtbot.mouseClick(editor.retire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rules.PHONES not in texts(editor))
    assert answers.asked[-1]["title"] == "Retire this rule"
    assert rules.PHONES not in [r.text for r in world.desk.advice.rules()]
    editor.show_old.setChecked(True)
    qtbot.waitUntil(lambda: any(r.text == rules.PHONES for r in editor.model.rows()))
    row = next(i for i, r in enumerate(editor.model.rows()) if r.text == rules.PHONES)
    assert editor.model.data(editor.model.index(row, editor.model.COL_STATE)) == "Retired"


def test_a_manager_moves_a_rule_up_and_down(qtbot, window, world):
    rules.add_rules(world.desk)
    editor = open_editor(qtbot, window)
    choose(qtbot, window, editor, rules.CASH)
    assert texts(editor)[2] == rules.CASH
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: texts(editor)[1] == rules.CASH)
    settle(qtbot, window)
    assert [r.text for r in world.desk.advice.rules()][1] == rules.CASH
    assert editor.chosen_rule().text == rules.CASH  # still chosen, so it can move again
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: texts(editor)[2] == rules.CASH)


def test_a_missing_translation_is_flagged_plainly(qtbot, window, world):
    rules.add_rules(world.desk)
    editor = open_editor(qtbot, window)
    editor.language.setCurrentIndex(editor.language.findData("pl"))
    qtbot.waitUntil(lambda: editor.model.rows() and editor.model.rows()[0].language == "pl")
    settle(qtbot, window)
    cash = next(i for i, r in enumerate(editor.model.rows()) if r.text == rules.CASH)
    assert "No Polish text yet: the English is printed instead." in editor.model.data(
        editor.model.index(cash, editor.model.COL_TEXT)
    )
    choose(qtbot, window, editor, rules.HOODIE_PL)
    assert editor.form.text.toPlainText() == rules.HOODIE_PL and editor.form.translation_flag.isHidden()
    choose(qtbot, window, editor, rules.CASH)
    assert editor.form.text.toPlainText() == ""
    assert "No Polish text yet" in editor.form.translation_flag.text()


@pytest.fixture
def desk_window(qtbot, tmp_path, answers):
    """The main window for a desk worker (not a manager)."""
    path = tmp_path / "desk-role.sqlite3"
    world = build_world(path)
    rules.add_rules(world.desk)  # by the manager
    world.desk.close()
    world.desk = open_desk(path, actor=Actor("Desk Worker", "desk"), clock=world.clock, establishment="BAR")
    main = build_main_window(world.desk)
    main.scanner.enabled = False
    qtbot.addWidget(main)
    main.resize(1600, 900)
    main.show()
    qtbot.waitUntil(lambda: main.board.model.rowCount() > 0 and not main.tasks.busy)
    yield main, world
    main.close()
    world.desk.close()


def test_a_desk_worker_can_read_the_rules_but_not_change_them(qtbot, desk_window):
    window, world = desk_window
    editor = open_editor(qtbot, window)
    assert editor.model.rowCount() > 0
    assert "Only a manager can change the visiting rules" in editor.read_only_note.text()
    for button in (editor.new_button, editor.up_button, editor.down_button, editor.retire_button, editor.save_button):
        assert not button.isEnabled()
    assert editor.form.text.isReadOnly()
    before = len(world.desk.advice.rules())
    editor.save()
    assert "Only a manager" in editor.form_message.text()
    assert len(world.desk.advice.rules()) == before


def _pdf_text(pdf: bytes) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document))).encode()
    finally:
        document.close()
