"""Search as you type (a slow old search never wins) and the barcode scanner anywhere in the window."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import settle


def test_typing_a_name_finds_the_family_and_enter_opens_their_visit(qtbot, window, world):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    search = window.search
    assert QApplication.focusWidget() is search.box  # focused on start: a scan or a typed name lands here
    qtbot.keyClicks(search.box, "zoe mac")
    qtbot.waitUntil(lambda: [h.name for h in search.model.hits()] == ["Zoë MacDonald"])
    assert search.status_label.text() == "1 person found."
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    assert window.visit_panel.detail.reference == reference


def test_nobody_found_says_what_to_do(qtbot, window):
    qtbot.keyClicks(window.search.box, "Nobodyhere")
    qtbot.waitUntil(lambda: "Nobody found" in window.search.status_label.text())
    assert "Ctrl+N" in window.search.status_label.text()


def test_a_visitor_with_no_visit_coming_is_told_so(qtbot, window, world):
    qtbot.keyClicks(window.search.box, "Wilson")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "no visit today or coming up" in window.notice.text())
    assert window.visit_panel.detail is None


def test_a_typed_reference_opens_that_visit(qtbot, window, world):
    reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran])
    qtbot.keyClicks(window.search.box, reference.lower())
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    assert window.visit_panel.detail.reference == reference


def test_a_slow_old_search_does_not_replace_a_newer_one(qtbot, window, world, monkeypatch):
    search, real_search = window.search, world.desk.visits.search
    old_search_started, let_old_search_finish = threading.Event(), threading.Event()

    def slow_for_mac(text, limit=20):
        if text == "mac":
            old_search_started.set()
            let_old_search_finish.wait(10)
        return real_search(text, limit)

    monkeypatch.setattr(world.desk.visits, "search", slow_for_mac)
    shown: list[list[str]] = []
    real_set_hits = search.model.set_hits
    monkeypatch.setattr(
        search.model,
        "set_hits",
        lambda hits, *more: (shown.append([h.name for h in hits]), real_set_hits(hits, *more)),
    )

    search.box.setText("mac")
    search.search_now()
    qtbot.waitUntil(old_search_started.is_set)
    search.box.setText("siobhan")
    search.search_now()
    let_old_search_finish.set()
    settle(qtbot, window)

    assert shown == [["Siobhán MacDonald"]]
    assert [h.name for h in search.model.hits()] == ["Siobhán MacDonald"]


def test_a_fast_burst_and_enter_opens_the_visit_by_reference_wherever_the_focus_is(qtbot, window, world):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    scanner = window.scanner
    scanner.enabled = True
    scanner.max_gap_ms = 500  # generous, so a busy test machine still counts qtbot's keys as one burst
    board = window.board.view
    board.setFocus()
    qtbot.keyClicks(board, reference)
    qtbot.keyClick(board, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    assert window.visit_panel.detail.reference == reference
    assert window.search.box.text() == reference
    assert not scanner.holding


def test_ordinary_typing_still_reaches_the_field(qtbot, window):
    scanner = window.scanner
    scanner.enabled = True
    scanner.max_gap_ms = 5
    box = window.search.box
    qtbot.keyClicks(box, "Kyle", delay=20)  # far slower between keys than any scanner
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.text() == "Kyle")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)


def test_a_short_fast_burst_is_typing_not_a_scan(qtbot, window):
    scanner = window.scanner
    scanner.enabled = True
    scanner.max_gap_ms = 500
    received: list[str] = []
    scanner.scanned.connect(received.append)
    box = window.search.box
    qtbot.keyClicks(box, "ab")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # too short for a code: the keys are replayed as typed
    assert box.text() == "ab"
    assert received == []
