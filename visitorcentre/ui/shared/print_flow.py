"""The one printing flow for every document the desk prints: passes, day lists, leaflets, summaries, reports.

A ``Document`` says what it is called, which paper layout it goes on ("a6" card, "receipt"
roll or "a4") and how its PDF is made (Qt-free code in ``visitorcentre.printing``). Every
document then goes the same way:

1. on the runner's records lane: the PDF is made, its pages are rendered with pypdfium2
   (``printouts.render``), and the printer remembered for its layout is read — never on the
   GUI thread;
2. the preview (``printouts.ask_how_to_print``): the pages, that printer chosen already, and
   Print / Save as PDF / Go back (and, for a pass, the other layout instead);
3. printed through Qt's print system on the printer chosen — which is then remembered for the
   layout (settings ``printing.printer.<layout>``) — or saved as a PDF on the records lane.

A document whose printing is itself a record (a pass: issued when printed, not when previewed)
gives ``make_final``; what is printed or saved is made then. ``save_document`` skips the
preview for a "Save as PDF" button. Qt's print support is loaded with the first printout, not at
start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _

if TYPE_CHECKING:
    from visitorcentre.ui.shared.printouts import PrintChoice, Printout

#: The paper layouts, each with its own remembered printer (config/settings.py PRINTERS).
A4, CARD, RECEIPT = "a4", "a6", "receipt"

Say = Callable[[str, status_signs.Sign], None]
Done = Callable[["PrintChoice"], None]
Failed = Callable[[str], None]

NOT_SAVED = _("The PDF could not be saved there. Choose another folder, such as Documents, and try again.")


@dataclass(frozen=True)
class Document:
    """A document to print: its name on the desk, its paper layout, and how its PDF is made (on the records lane)."""

    title: str  # e.g. "Day list for today" — the preview's heading and the print job's name
    file_name: str  # suggested when it is saved as a PDF
    layout: str  # A4, CARD or RECEIPT: the printer is remembered per layout
    make_pdf: Callable[[], bytes]
    #: What is printed or saved, made once the worker has chosen (None: the previewed PDF itself).
    make_final: Callable[[], bytes] | None = None
    #: A button in the preview for the other layout (a pass: card or roll); choosing it answers "switch".
    switch_label: str = ""
    #: What the status bar says while it is made (after a moment), e.g. "Making the day list…".
    label: str = ""


def _printouts():
    """Qt's print support and the PDF renderer, loaded with the first printout (not at start-up)."""
    from visitorcentre.ui.shared import printouts

    return printouts


def render(document: Document, pdf: bytes) -> Printout:
    """The PDF's pages as images, at the printer's resolution (call it on a lane, never the GUI thread)."""
    return _printouts().render(document.title, document.file_name, pdf)


def print_document(
    window: QWidget, tasks: DeskTasks, desk, document: Document, on_done: Done, on_failed: Failed
) -> None:
    """Make and render ``document`` on the records lane, preview it, then print it or save it as the worker chooses."""

    def make() -> tuple[Printout, str]:
        return render(document, document.make_pdf()), desk.settings.printer_for(document.layout)

    def made(found: tuple[Printout, str]) -> None:
        printout, remembered = found
        _deliver(window, tasks, desk, document, printout, remembered, on_done, on_failed)

    tasks.run(make, made, lambda error: on_failed(error.message), label=document.label or _("Making the printout…"))


def _deliver(
    window: QWidget,
    tasks: DeskTasks,
    desk,
    document: Document,
    printout: Printout,
    remembered: str,
    on_done: Done,
    on_failed: Failed,
) -> None:
    printouts = _printouts()
    choice = printouts.ask_how_to_print(window, printout, remembered, document.switch_label)
    if choice is None:
        return
    if choice.how == "switch":
        on_done(choice)
        return

    def hand_out(final: Printout) -> None:
        if choice.how == "save":
            _save(tasks, choice, final.pdf, on_done, on_failed)
            return
        if not printouts.print_on(choice.printer, final):
            on_failed(
                _(
                    "The printer {printer} did not take the printout. Check that it is switched on and has "
                    "paper, or save the printout as a PDF."
                ).format(printer=choice.printer)
            )
            return
        if choice.printer != remembered:
            tasks.run(lambda: desk.settings.remember_printer(document.layout, choice.printer), label=_("Saving…"))
        on_done(choice)

    if document.make_final is None:
        hand_out(printout)
        return
    make_final = document.make_final
    tasks.run(
        lambda: render(document, make_final()), hand_out, lambda error: on_failed(error.message), label=_("Printing…")
    )


def save_document(window: QWidget, tasks: DeskTasks, document: Document, on_done: Done, on_failed: Failed) -> None:
    """ "Save as PDF" with no preview: ask where, then make the PDF and save it on the records lane."""
    printouts = _printouts()
    path = printouts.ask_save_path(window, document.file_name)
    if not path:
        return
    make = document.make_final or document.make_pdf
    choice = printouts.PrintChoice("save", path=path)
    tasks.run(
        make,
        lambda pdf: _save(tasks, choice, pdf, on_done, on_failed),
        lambda error: on_failed(error.message),
        label=_("Making the printout…"),
    )


def _save(tasks: DeskTasks, choice: PrintChoice, pdf: bytes, on_done: Done, on_failed: Failed) -> None:
    tasks.run(
        lambda: _printouts().save_pdf(choice.path, pdf),
        lambda _result: on_done(choice),
        lambda _error: on_failed(NOT_SAVED),
        label=_("Saving the PDF…"),
    )


def done_words(title: str, choice: PrintChoice) -> str:
    """What the notice says once ``title`` is printed or saved."""
    if choice.how == "save":
        return _("“{title}” is saved as {path}.").format(title=title, path=choice.path)
    return _("“{title}” is printed on {printer}.").format(title=title, printer=choice.printer)


def print_a4(
    window: QWidget, tasks: DeskTasks, desk, title: str, file_name: str, make_pdf: Callable[[], bytes], say: Say
) -> None:
    """An A4 document (poster, support directory, report) through the flow, with the outcome said by ``say``."""
    print_document(
        window,
        tasks,
        desk,
        Document(title, file_name, A4, make_pdf),
        lambda choice: say(done_words(title, choice), status_signs.OK),
        lambda message: say(message, status_signs.WARNING),
    )
