"""Printing an A4 PDF made by the desk (poster, support directory, report): preview, then print or save.

The PDF is made and its pages rendered on the background worker; the preview, the printer
remembered for A4 (the same as the day list and the leaflets) and "Save as PDF" are ``printouts``'s.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.runtime.tasks import DeskTasks

#: A4 printouts share the remembered printer of the day list and the leaflets.
A4 = "a4"

Say = Callable[[str, status_signs.Sign], None]


def print_a4(window: QWidget, tasks: DeskTasks, desk, title: str, file_name: str, make_pdf: Callable[[], bytes],
             say: Say) -> None:
    """Make the PDF with ``make_pdf`` (in the background), preview it, then print it or save it."""
    from visitorcentre.ui.shared import printouts  # Qt's print support, loaded with the first printout

    def make():
        return printouts.render(title, file_name, make_pdf()), desk.printer_for(A4)

    def done(choice) -> None:
        if choice.how == "save":
            say(_("“{title}” is saved as {path}.").format(title=title, path=choice.path), status_signs.OK)
        else:
            say(_("“{title}” is printed on {printer}.").format(title=title, printer=choice.printer), status_signs.OK)

    def preview(made) -> None:
        printout, remembered = made
        printouts.deliver(window, tasks, desk, printout, A4, remembered, done,
                          lambda message: say(message, status_signs.WARNING))

    def failed(error: VisitorCentreError) -> None:
        say(error.message, status_signs.WARNING)

    tasks.run(make, preview, failed, label=_("Making the printout…"))
