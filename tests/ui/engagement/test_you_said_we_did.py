"""You said, we did: a manager answers families' feedback and prints the poster."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import settle
from tests.ui.printing_helpers import page_count, pass_calls, printing  # noqa: F401 (fixtures)


def open_screen(qtbot, window, world):
    world.desk.engagement.leave_feedback(2, "Nothing for the children to do in the hall", by_child=False)
    world.desk.engagement.leave_feedback(5, "I liked the toys", by_child=True)
    screen = window.engagement.open_you_said_we_did()
    qtbot.waitUntil(lambda: screen.feedback_model.rowCount() == 2 and not window.tasks.busy)
    return screen


def test_the_feedback_is_listed_anonymously(qtbot, window, world):
    screen = open_screen(qtbot, window, world)
    model = screen.feedback_model
    said = {
        model.index(row, model.COL_COMMENT).data(): model.index(row, model.COL_FROM).data()
        for row in range(model.rowCount())
    }
    assert said["I liked the toys"].startswith("A child (anonymous)")
    assert model.index(0, model.COL_ANSWERED).data() == "Not yet"


def test_an_empty_field_is_refused_next_to_it(qtbot, window, world):
    screen = open_screen(qtbot, window, world)
    qtbot.keyClicks(screen.theme, "Toys in the hall")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert "what families said" in screen.messages["you_said"].text()
    assert "what the centre did" in screen.messages["we_did"].text()
    assert not screen.messages["theme"].text()
    settle(qtbot, window)
    assert world.desk.engagement.you_said_we_did() == []


def test_a_manager_adds_a_response_and_prints_the_poster(qtbot, window, world, printing):
    screen = open_screen(qtbot, window, world)
    row = next(
        r
        for r in range(screen.feedback_model.rowCount())
        if screen.feedback_model.row_at(r).comment.startswith("Nothing for the children")
    )
    screen.feedback_view.selectRow(row)
    assert "1 piece" in screen.linked.text()
    qtbot.keyClicks(screen.theme, "Toys in the hall")
    qtbot.keyClicks(screen.you_said, "There was nothing for the children to do.")
    qtbot.keyClicks(screen.we_did, "We put a box of toys and books in the hall.")
    qtbot.keyClick(screen.we_did, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.responses_model.rowCount() == 1 and not window.tasks.busy)
    [response] = world.desk.engagement.you_said_we_did()
    assert (response.theme, response.we_did) == ("Toys in the hall", "We put a box of toys and books in the hall.")
    assert len(response.feedback_ids) == 1
    assert "is on the poster" in screen.message.text()
    answered = [
        screen.feedback_model.index(r, screen.feedback_model.COL_ANSWERED).data()
        for r in range(screen.feedback_model.rowCount())
    ]
    assert sorted(answered) == ["Not yet", "✓ Yes"]
    qtbot.mouseClick(screen.poster_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(printing.printed) and not window.tasks.busy)
    name, path = printing.printed[0]
    assert path.exists() and page_count(path) >= 1
    assert "printed on" in screen.message.text()
