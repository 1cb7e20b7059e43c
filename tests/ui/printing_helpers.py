"""Printers and print dialogs for the UI tests: nothing waits for a click, and "printing" makes PDF files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from visitorcentre.ui.shared import printouts


@dataclass
class Printing:
    """What the patched preview answers ("print", "save", "switch" or None) and what it was shown."""

    folder: Path
    printers: list[str] = field(default_factory=lambda: ["Desk card printer", "Receipt printer"])
    answer: str | list[str] | None = "print"  # a list answers each preview in turn
    printer: str = ""  # the printer to pick; "" keeps the one the preview chose
    save_as: str = ""
    previews: list[printouts.PrintPreview] = field(default_factory=list)
    printed: list[tuple[str, Path]] = field(default_factory=list)

    def ask(self, parent, printout, remembered="", switch_label=""):
        """The real preview dialog, built and answered without waiting for a click."""
        dialog = printouts.PrintPreview(parent, printout, list(self.printers), remembered, switch_label)
        self.previews.append(dialog)
        answer = self.answer.pop(0) if isinstance(self.answer, list) else self.answer
        if answer == "print":
            if self.printer:
                dialog.printer_box.setCurrentText(self.printer)
            dialog.print_button.click()
        elif answer == "save":
            dialog.save_button.click()
        elif answer == "switch":
            dialog.switch_button.click()
        return dialog.choice

    def open_printer(self, name: str) -> QPrinter:
        """A printer that writes a PDF file named after the printer chosen."""
        path = self.folder / f"printed-{len(self.printed) + 1}.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        self.printed.append((name, path))
        return printer


def token_of(world, visit_id: str) -> str:
    """The text a scanner reads off the visit's printed pass."""
    with world.desk.ctx.engine.begin() as connection:
        return (
            connection.exec_driver_sql(
                "SELECT token FROM visit_pass WHERE visit_id = ? ORDER BY serial DESC", (visit_id,)
            )
            .scalars()
            .first()
        )


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return len(document)
    finally:
        document.close()


@pytest.fixture
def pass_calls(world, monkeypatch):
    """Every call to the desk's issue_pass (the real one behind it), in order."""
    calls: list[dict] = []
    real_issue = world.desk.passes.issue_pass

    def issue_pass(visit_id, layout="a6", reprint_reason=""):
        calls.append({"visit_id": visit_id, "layout": layout, "reprint_reason": reprint_reason})
        return real_issue(visit_id, layout=layout, reprint_reason=reprint_reason)

    monkeypatch.setattr(world.desk.passes, "issue_pass", issue_pass)
    return calls


@pytest.fixture
def printing(monkeypatch, tmp_path, pass_calls) -> Printing:
    """Two printers on the desk, the preview answered by the test, and prints going to PDF files."""
    given = Printing(tmp_path)
    monkeypatch.setattr(printouts, "available_printers", lambda: list(given.printers))
    monkeypatch.setattr(printouts, "ask_how_to_print", given.ask)
    monkeypatch.setattr(printouts, "open_printer", given.open_printer)
    monkeypatch.setattr(
        printouts.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args, **kwargs: (given.save_as, "PDF files (*.pdf)")),
    )
    return given
