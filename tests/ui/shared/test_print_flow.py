"""The one printing flow: rendered off the GUI thread, previewed, the printer remembered per layout, or saved."""

from __future__ import annotations

import threading

from tests.ui.helpers import settle
from tests.ui.printing_helpers import page_count, pass_calls, printing  # noqa: F401 (fixtures)
from visitorcentre.ui.shared import print_flow, printouts

A4_PRINTER, CARD_PRINTER = "Office A4 printer", "Desk card printer"


def day_list(world, layout: str) -> print_flow.Document:
    return print_flow.Document(
        f"Day list ({layout})", "day-list.pdf", layout, lambda: world.desk.passes.day_list_pdf(world.clock.today())
    )


def print_it(qtbot, window, document, outcomes: list) -> None:
    print_flow.print_document(
        window, window.tasks, window.desk, document, outcomes.append, lambda message: outcomes.append(message)
    )
    qtbot.waitUntil(lambda: bool(outcomes))
    settle(qtbot, window)


def test_the_printer_is_remembered_for_each_layout_on_its_own(qtbot, window, world, printing):
    printing.printers = [CARD_PRINTER, "Receipt printer", A4_PRINTER]
    outcomes: list = []
    printing.printer = A4_PRINTER
    print_it(qtbot, window, day_list(world, print_flow.A4), outcomes)
    printing.printer = CARD_PRINTER
    print_it(qtbot, window, day_list(world, print_flow.CARD), outcomes)
    assert [choice.printer for choice in outcomes] == [A4_PRINTER, CARD_PRINTER]
    assert world.desk.settings.printer_for(print_flow.A4) == A4_PRINTER
    assert world.desk.settings.printer_for(print_flow.CARD) == CARD_PRINTER
    assert world.desk.settings.printer_for(print_flow.RECEIPT) == ""

    # Next time each layout's printer is chosen already in the preview.
    printing.printer = ""
    for layout, expected in ((print_flow.A4, A4_PRINTER), (print_flow.CARD, CARD_PRINTER)):
        print_it(qtbot, window, day_list(world, layout), outcomes)
        assert printing.previews[-1].printer_box.currentText() == expected
        assert outcomes[-1].printer == expected
    assert [name for name, _path in printing.printed] == [A4_PRINTER, CARD_PRINTER, A4_PRINTER, CARD_PRINTER]


def test_the_pages_are_rendered_off_the_gui_thread(qtbot, window, world, printing, monkeypatch):
    gui = threading.get_ident()
    rendered_on: list[int] = []
    real_render = printouts.render

    def render(*args, **kwargs):
        rendered_on.append(threading.get_ident())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(printouts, "render", render)
    outcomes: list = []
    print_it(qtbot, window, day_list(world, print_flow.A4), outcomes)
    assert rendered_on and gui not in rendered_on
    preview = printing.previews[0]
    assert len(preview.printout.pages) == preview.page_count() >= 1
    ((_printer, path),) = printing.printed
    assert page_count(path) == len(preview.printout.pages)


def test_a_document_printed_only_when_chosen_is_made_again_for_the_printer(qtbot, window, world, printing):
    made: list[str] = []

    def final() -> bytes:
        made.append("final")
        return world.desk.passes.day_list_pdf(world.clock.today())

    document = print_flow.Document(
        "Pass",
        "pass.pdf",
        print_flow.CARD,
        lambda: world.desk.passes.day_list_pdf(world.clock.today()),
        make_final=final,
    )
    printing.answer = None  # the worker goes back from the preview
    outcomes: list = []
    print_flow.print_document(window, window.tasks, window.desk, document, outcomes.append, outcomes.append)
    qtbot.waitUntil(lambda: len(printing.previews) == 1)
    settle(qtbot, window)
    assert made == [] and outcomes == [] and printing.printed == []
    printing.answer = "print"
    print_it(qtbot, window, document, outcomes)
    assert made == ["final"] and len(printing.printed) == 1


def test_save_as_pdf_without_a_preview(qtbot, window, world, printing, tmp_path):
    printing.save_as = str(tmp_path / "day-list")
    outcomes: list = []
    print_flow.save_document(window, window.tasks, day_list(world, print_flow.A4), outcomes.append, outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes))
    assert outcomes[0].how == "save" and outcomes[0].path == str(tmp_path / "day-list.pdf")
    assert (tmp_path / "day-list.pdf").read_bytes().startswith(b"%PDF")
    assert printing.previews == [] and printing.printed == []
    assert print_flow.done_words("Day list", outcomes[0]) == f"“Day list” is saved as {tmp_path / 'day-list.pdf'}."
