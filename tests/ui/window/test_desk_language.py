"""Desk > Language: a worker switches the desk's own screens to Polish or Gaelic while it runs, and back.

Driven by the keys a worker would press (Alt+D, L, the arrows, Enter). The desk opens its main
window again in the new language, with the same visit open and the same worker signed in;
the choice is kept in the desk's settings and the desk opens in it next time.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from visitorcentre import i18n
from visitorcentre.ui.runtime import app as desk_app
from visitorcentre.ui.runtime.app import application, build_main_window


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")
    desk_app._WINDOWS.clear()


@pytest.fixture
def window(qtbot, world, answers):
    """The main window at kiosk size, board loaded; it is closed at the end only if no switch replaced it."""
    application()
    main = build_main_window(world.desk)
    main.scanner.enabled = False
    main.resize(1280, 720)
    main.show()
    qtbot.waitUntil(lambda: main.board.model.rowCount() > 0 and not main.tasks.busy)
    yield main
    for each in [main, *_main_windows()]:
        if shiboken6.isValid(each):
            each.close()


def _main_windows() -> list:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()]


def _key(words: str) -> str:
    """The letter after "&" in the menu's words, as the desk's language writes them ("&Desk": "D")."""
    text = i18n._(words)
    return text[text.index("&") + 1].upper()


def _choose_by_keys(qtbot, window, downs: int) -> None:
    """Alt and the Desk menu's letter, then its Language submenu's letter; ``downs`` arrow presses, then Enter.

    The letters are those the current language underlines (Alt+D in English, the Polish menu's own).
    """
    qtbot.keyClicks(window, _key("&Desk"), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClicks(QApplication.activePopupWidget(), _key("&Language"))
    language = window.menu.language.menu
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is language)
    for _ in range(downs):
        qtbot.keyClick(language, Qt.Key.Key_Down)
    qtbot.keyClick(language, Qt.Key.Key_Return)


def _reopened(qtbot, old, language: str):
    qtbot.waitUntil(lambda: i18n.current_language() == language and any(w is not old for w in _main_windows()))
    (new,) = [w for w in _main_windows() if w is not old]
    qtbot.waitUntil(lambda: not new.tasks.busy)
    return new


def _desk_menu_title(window) -> str:
    return window.menu.bar.actions()[0].text()


def test_a_worker_switches_the_desk_to_polish_and_back_by_the_keyboard(qtbot, window, world):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    visit = world.desk.visits.visit_for_scan(reference)
    window.open_visit(visit)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None and not window.tasks.busy)
    assert window.menu.language.actions["en"].isChecked()

    _choose_by_keys(qtbot, window, downs=1)  # English, then Polski
    polish = _reopened(qtbot, window, "pl")
    assert _desk_menu_title(polish) == i18n.translator("pl")("&Desk") != "&Desk"
    assert polish.menu.language.actions["pl"].isChecked()
    assert [a.text() for a in polish.menu.language.actions.values()] == ["English", "Polski", "Gàidhlig"]
    assert polish.notice.text() == "W porządku: Ekrany stanowiska są teraz w języku: Polski."  # OK: …
    qtbot.waitUntil(lambda: polish.visit_panel.detail is not None and polish.visit_panel.detail.id == visit)
    assert not shiboken6.isValid(window) or not window.isVisible()  # the English window has gone
    assert world.desk.settings.language() == "pl"

    _choose_by_keys(qtbot, polish, downs=2)  # Polski, then Gàidhlig
    gaelic = _reopened(qtbot, polish, "gd")
    assert _desk_menu_title(gaelic) == i18n.translator("gd")("&Desk")
    assert world.desk.settings.language() == "gd"

    _choose_by_keys(qtbot, gaelic, downs=0)  # English, the first
    english = _reopened(qtbot, gaelic, "en")
    assert _desk_menu_title(english) == "&Desk" and english.menu.language.actions["en"].isChecked()
    assert world.desk.settings.language() == "en"
    english.close()


def test_choosing_the_language_the_desk_is_in_changes_nothing(qtbot, window, world):
    window.menu.language.actions["en"].trigger()
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert _main_windows() == [window] and world.desk.settings.language() == ""


def test_the_hall_door_open_keeps_the_language_until_it_is_closed(qtbot, window, world):
    door = window.open_hall_door()
    qtbot.waitUntil(door.isVisible)
    window.menu.language.actions["gd"].trigger()
    assert window.notice.text().startswith("Warning: Close the hall door first, then choose the language again")
    assert i18n.current_language() == "en" and window.menu.language.actions["en"].isChecked()
    assert world.desk.settings.language() == ""  # nothing saved: the worker chooses again once it is closed
    door.close()


def test_the_desk_opens_in_its_saved_language_unless_the_command_line_says_otherwise(qtbot, world, answers):
    world.desk.settings.use_language("pl")
    world.desk.language_given = True  # visitorcentre --language en
    given = build_main_window(world.desk)
    qtbot.addWidget(given)
    given.show()
    qtbot.waitUntil(lambda: given.board.model.rowCount() > 0 and not given.tasks.busy)
    assert i18n.current_language() == "en" and _main_windows() == [given]
    given.close()

    world.desk.language_given = False
    saved = build_main_window(world.desk)  # (not handed to qtbot: the Polish window takes its place)
    saved.show()
    polish = _reopened(qtbot, saved, "pl")
    assert _desk_menu_title(polish) == i18n.translator("pl")("&Desk")
    assert polish.notice.text() == ""  # opening in the saved language is no news to the worker
    polish.close()


def test_the_worker_signed_in_stays_signed_in_and_a_locked_desk_stays_locked(qtbot, window, world):
    from visitorcentre.ui.staff import desk_lock

    desk_lock.attach(window, signed_in=True)  # Test Worker, signed in
    qtbot.waitUntil(lambda: not window.tasks.busy)
    window.menu.language.actions["gd"].trigger()
    gaelic = _reopened(qtbot, window, "gd")
    assert not gaelic.desk_lock.locked and world.desk.ctx.actor.name == "Test Worker"
    assert "Test Worker" in gaelic.status.staff.text()

    gaelic.desk_lock.lock()  # F12, then (as the desk starts up) the saved language arrives
    qtbot.waitUntil(lambda: not gaelic.tasks.busy)
    gaelic.menu.language._saved("pl")
    polish = _reopened(qtbot, gaelic, "pl")
    assert polish.desk_lock.locked and polish.desk_lock.screen.isVisible()
    polish.desk_lock.screen.close()


def test_a_check_reads_out_whole_in_the_desks_language():
    """What the visit panel shows beside a person: the sign, what is wrong and what to do, none of it English."""
    from datetime import date

    from visitorcentre.core.checks import Ban, Person, Prisoner, check_person
    from visitorcentre.core.kinds import BanScope, ListStatus, PrisonerStatus
    from visitorcentre.ui.shared.status_signs import result_text

    ban = Ban(BanScope.ALL, "passing contraband", date(2026, 1, 1))
    craig = Person("v-1", "Craig Wilson", date(1985, 1, 20), ListStatus.APPROVED, (ban,))
    john = Prisoner("pr-1", "S1", "John MacDonald", "BAR", PrisonerStatus.CONVICTED)
    [result] = check_person(craig, john, "BAR", date(2026, 12, 3))
    assert result_text(result) == (
        "Stop: Craig Wilson is banned from visiting (passing contraband). "
        "What to do: Refuse Craig with that reason; the rest of the family can still go in."
    )
    i18n.set_language("gd")
    assert result_text(result) == (
        "Stad: Tha casg air Craig Wilson bho bhith a' tadhal (passing contraband). "
        "Dè a nì thu: Diùlt Craig leis an adhbhar sin; faodaidh càch san teaghlach a dhol a-steach fhathast."
    )
