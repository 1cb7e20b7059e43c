"""The central team's answer at the desk, driven by keyboard as a worker would: a request for information
shows on the Today board and on the family's visit; the worker opens the application, attaches what the
family brought and sends it back; the approval arrives, shows in plain words, and the letter is printed.

The central team's records arrive as a sync delivers them (tests.cost_decisions: the desk's own
sync intake); the whole round trip on a real server is tests/integration/cost_of_visits.
"""

from __future__ import annotations

from datetime import timedelta

import pypdfium2
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from tests.cost_decisions import application_asking_for, centre_decides
from tests.ui.helpers import settle
from tests.ui.printing_helpers import pass_calls, printing  # noqa: F401 (fixtures)
from visitorcentre.core.changes import Changes
from visitorcentre.ui.cost_of_visits import receipts_strip


def tiny_png(path) -> str:
    image = QImage(24, 16, QImage.Format.Format_RGB32)
    image.fill(QColor("#0060c0"))
    assert image.save(str(path))
    return str(path)


def text_of_pdf(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


def synced(window) -> None:
    """Tell the screens what a sync would: travel-costs records changed."""
    window.tasks.changed.emit(Changes.of("cost_application", "cost_application_event", "cost_decision"))


def press(qtbot, widget, key=Qt.Key.Key_Space) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key)


def test_a_request_for_information_from_the_board_to_resubmitted_then_approved_and_the_letter_printed(
    qtbot, window, world, answers, tmp_path, monkeypatch, printing
):
    application = application_asking_for(world, "a readable bus ticket")
    world.desk.ctx.clock.moment += timedelta(hours=1)  # the family comes back an hour later
    synced(window)
    board = window.board
    qtbot.waitUntil(lambda: board.information_button.isVisible())
    assert board.information_button.text() == "1 travel-costs application needs information"

    press(qtbot, board.information_button)
    requests = board.information_requests
    qtbot.waitUntil(lambda: requests.model.rowCount() == 1)
    ((reference, family, asked, due),) = [
        [requests.model.index(0, c).data() for c in range(4)] for _ in range(requests.model.rowCount())
    ]
    assert asked == "a readable bus ticket" and "Siobhán MacDonald" in family
    assert requests.view.hasFocus()
    qtbot.keyClick(requests.view, Qt.Key.Key_Return)  # Enter opens the chosen application
    qtbot.waitUntil(lambda: window.cost_application is not None)
    dialog = window.cost_application
    qtbot.waitUntil(lambda: dialog.view is not None and not dialog.work.busy)
    assert not requests.isVisible()
    assert dialog.steps.currentWidget() is dialog.receipts  # opened where the receipt goes
    assert "The central team asked for: a readable bus ticket" in dialog.notice.text()
    assert dialog.notice.text().startswith("Warning:")
    assert dialog.status.status_label.text() == "Warning: Needs information"

    # The bus ticket the family brought: chosen and attached from the keyboard.
    strip = dialog.receipts
    strip.expense_choice.setFocus()
    while strip.expense_choice.currentData() != 2:
        before = strip.expense_choice.currentIndex()
        qtbot.keyClick(strip.expense_choice, Qt.Key.Key_Down)
        assert strip.expense_choice.currentIndex() != before, "the bus is not in the list"
    monkeypatch.setattr(receipts_strip, "choose_file", lambda *_a: tiny_png(tmp_path / "bus-ticket.png"))
    press(qtbot, strip.receipt_button)
    qtbot.waitUntil(lambda: "receipt is attached" in dialog.notice.text() and not dialog.work.busy)
    assert [a.original_name for a in dialog.view.attachments] == ["bus-ticket.png"]

    # On to step 4 (Next) and send it back, asked first.
    press(qtbot, dialog.next_button)
    assert dialog.steps.currentWidget() is dialog.status
    status = dialog.status
    assert status.submit_button.isEnabled() and status.submit_button.text() == "Send it back to the central team…"
    assert status.letter_button.isEnabled()  # a request for information has its letter too
    press(qtbot, status.submit_button)
    assert "with what they asked for" in answers.asked[-1]["explanation"]
    qtbot.waitUntil(lambda: dialog.view.status == "submitted" and not dialog.work.busy)
    history = status.history.text()
    assert "The central team asked for: a readable bus ticket" in history
    assert "Sent again to the central team, with what they asked for, by Test Worker" in history
    assert not status.submit_button.isEnabled()
    qtbot.waitUntil(lambda: not board.information_button.isVisible())  # nothing waits for the family now
    assert world.desk.costs.information_requests() == []

    # The approval arrives through sync while the application is open: it shows at once, in words.
    view = world.desk.costs.application(application)
    lines = len(view.form.expenses) + 1  # and refreshments
    decisions = [{"index": i, "decision": "approved", "amount_pence": 0, "reason": ""} for i in range(lines)]
    for i in range(lines):
        decisions[i]["amount_pence"] = view.quote.items[i].amount_pence if i < lines - 1 else 0
    decisions[-1]["amount_pence"] = view.quote.refreshments_pence
    decisions[2] = {"index": 2, "decision": "rejected", "amount_pence": 0, "reason": "The ticket is for another day"}
    approved = sum(d["amount_pence"] for d in decisions)
    centre_decides(
        world.desk,
        application,
        "approved",
        at=world.desk.ctx.clock.now() + timedelta(hours=1),
        expenses=tuple(decisions),
        approved_pence=approved,
        note="The bus ticket is dated the day before the visit",
    )
    synced(window)
    qtbot.waitUntil(lambda: dialog.view.status == "approved" and not dialog.work.busy)
    assert status.status_label.text() == "OK: Approved"
    history = status.history.text()
    assert f"Approved £{approved / 100:.2f} of £{view.quote.total_pence / 100:.2f} by Casey Worker" in history
    assert "Bus — Glasgow to Barlinnie: not approved (The ticket is for another day)" in history
    assert status.letter_button.isEnabled() and not status.submit_button.isEnabled()

    # The letter for the family, through the desk's printing flow.
    press(qtbot, status.letter_button)
    qtbot.waitUntil(lambda: bool(printing.printed) and not dialog.work.busy, timeout=20_000)
    settle(qtbot, window)
    ((_printer, printed),) = printing.printed
    assert printed.read_bytes().startswith(b"%PDF")  # printed as page pictures: the words are read from the desk's PDF
    letter = text_of_pdf(world.desk.costs.letter_pdf(application))
    assert "Your claim has been approved" in letter and "The ticket is for another day" in letter
    assert "If you think this decision is wrong" in letter
    assert "is printed on" in dialog.notice.text()


def test_the_familys_visit_says_their_application_needs_something_and_opens_it(qtbot, window, world):
    application_asking_for(world, "the stamped visit confirmation")
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    window.open_visit(world.desk.visits.visit_for_scan(reference))
    notice = window.visit_panel.claim_request
    qtbot.waitUntil(lambda: notice.isVisible(), timeout=30_000)
    words = notice.text.text()
    assert words.startswith("Warning: Siobhán MacDonald's travel-costs application")
    assert "needs: the stamped visit confirmation (by " in words
    press(qtbot, notice.open_button)
    qtbot.waitUntil(lambda: window.cost_application is not None)
    dialog = window.cost_application
    qtbot.waitUntil(lambda: dialog.view is not None and not dialog.work.busy)
    assert dialog.view.status == "needs_information" and dialog.steps.currentWidget() is dialog.receipts
    dialog.close()


def test_a_visit_of_a_family_with_nothing_asked_shows_no_request(qtbot, window, world):
    application_asking_for(world, "a bus ticket", visitor_id=world.gran)
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    window.open_visit(world.desk.visits.visit_for_scan(reference))
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None and not window.tasks.busy, timeout=30_000)
    settle(qtbot, window)
    assert not window.visit_panel.claim_request.isVisible()
    assert window.visit_panel.claim_request.requests == []


def test_no_letter_before_a_decision_and_an_empty_list_says_so(qtbot, window, world):
    requests = window.board.open_information_requests()
    qtbot.waitUntil(lambda: requests.message.text() == "No application is waiting for information.")
    assert not requests.open_button.isEnabled() and requests.open_chosen() is None
    requests.reject()
    application = application_asking_for(world, "a bus ticket")
    dialog = window.open_travel_costs(visitor_id=world.gran)  # Margaret has nothing decided: a new application
    qtbot.waitUntil(lambda: dialog.form is not None and not dialog.work.busy)
    assert not dialog.status.letter_button.isEnabled()
    dialog.print_letter()  # a stray call makes nothing
    assert not dialog.work.busy
    dialog.close()
    assert world.desk.costs.application(application).status == "needs_information"
