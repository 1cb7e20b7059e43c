"""Printouts: the Qt side of the one printing flow (``print_flow.py``) — rendering, the preview, the printer.

The PDFs are made by Qt-free code (``visitorcentre.printing``) and reach the window as bytes.
``render`` turns their pages into images with pypdfium2 (it runs on the runner's records lane,
with the desk call that made the PDF); ``paint`` lays those images onto any QPrinter, page for
page, at the PDF's own paper size.

``PrintPreview`` is the one preview the desk shows: the pages, the printer to use (the one last
used for this kind of printout is chosen already), and big Print / Save as PDF buttons. A desk
with no printer set up (or the offscreen test machine) is told so and offered "Save as PDF".
The flow calls the module functions ``ask_how_to_print``, ``open_printer``, ``available_printers``
and ``ask_save_path``; tests replace them so that nothing waits for a click or needs a real printer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewWidget
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.screen_fit import fit_to_screen

#: Rendering resolution: enough for a QR code and small print; big pages are capped by PIXEL_BUDGET.
PRINT_DPI = 300
PIXEL_BUDGET = 2_600_000  # ~200 dpi for an A4 page, so a long day list stays light in memory


@dataclass
class Printout:
    """A PDF ready to print: its bytes, its pages as images, and what it is called on the desk."""

    title: str  # e.g. "Visit pass ABC123" — the preview's heading and the print job's name
    file_name: str  # suggested when it is saved as a PDF
    pdf: bytes
    pages: list[QImage] = field(default_factory=list)
    page_size_pt: tuple[float, float] = (595.0, 842.0)  # the PDF's first page, in points


@dataclass(frozen=True)
class PrintChoice:
    """What the worker chose in the preview: print on a printer, or save the PDF to a file."""

    how: Literal["print", "save", "switch"]  # "switch": the other layout instead (a pass: card or roll)
    printer: str = ""
    path: str = ""


def render(title: str, file_name: str, pdf: bytes, dpi: int = PRINT_DPI) -> Printout:
    """The PDF's pages as images (runs on the background worker: pypdfium2 is used one call at a time)."""
    import pypdfium2 as pdfium  # loaded with the first printout, not at start-up

    document = pdfium.PdfDocument(pdf)
    try:
        pages: list[QImage] = []
        size = (595.0, 842.0)
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            if index == 0:
                size = (width, height)
            scale = min(dpi / 72, (PIXEL_BUDGET / max(width * height, 1.0)) ** 0.5)
            bitmap = page.render(scale=scale, rev_byteorder=True, fill_color=(255, 255, 255, 255))
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBX8888,
            )
            image = image.copy()  # own the pixels: the bitmap's buffer goes with the document
            image.setDotsPerMeterX(round(scale * 72 / 0.0254))
            image.setDotsPerMeterY(round(scale * 72 / 0.0254))
            pages.append(image)
            bitmap.close()
            page.close()
    finally:
        document.close()
    return Printout(title, file_name, pdf, pages, size)


def fit_printer(printer: QPrinter, printout: Printout) -> None:
    """Set the paper to the PDF's own size (A6 card, receipt roll, A4), edge to edge."""
    width, height = printout.page_size_pt
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    size = QPageSize(
        QSizeF(min(width, height), max(width, height)),
        QPageSize.Unit.Point,
        printout.title,
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    printer.setDocName(printout.title)


def paint(printer: QPrinter, printout: Printout) -> int:
    """Draw every page of ``printout`` on ``printer``; returns the number of pages drawn."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for number, image in enumerate(printout.pages):
            if number:
                printer.newPage()
            area = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            scaled = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.topLeft(), scaled)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(printout.pages)


def available_printers() -> list[str]:
    """The printers this computer knows about (none on a desk without one, or in tests)."""
    return QPrinterInfo.availablePrinterNames()


def open_printer(name: str) -> QPrinter:
    """A QPrinter for the printer called ``name``."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    return printer


def print_on(name: str, printout: Printout) -> int:
    """Print ``printout`` on the printer ``name``; returns the number of pages sent."""
    printer = open_printer(name)
    fit_printer(printer, printout)
    return paint(printer, printout)


class PrintPreview(QDialog):
    """The pages as they will come out, the printer to use, and Print / Save as PDF / Go back."""

    def __init__(
        self,
        parent: QWidget | None,
        printout: Printout,
        printers: list[str],
        remembered: str = "",
        switch_label: str = "",
    ):
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(printout.title)
        self.printout = printout
        self.choice: PrintChoice | None = None
        heading = QLabel(printout.title, self)
        heading.setProperty("role", "heading")
        self._printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        fit_printer(self._printer, printout)
        self.preview = QPrintPreviewWidget(self._printer, self)
        self.preview.setAccessibleName(_("Preview of {title}").format(title=printout.title))
        self.preview.paintRequested.connect(lambda printer: paint(printer, printout))
        self.preview.setViewMode(QPrintPreviewWidget.ViewMode.SinglePageView)
        self.preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitInView)
        self.preview.updatePreview()  # lay the pages out now, not when first painted
        self.printer_box = QComboBox(self)
        self.printer_box.addItems(printers)
        self.printer_box.setAccessibleName(_("Printer"))
        if remembered in printers:
            self.printer_box.setCurrentText(remembered)
        elif QPrinterInfo.defaultPrinterName() in printers:
            self.printer_box.setCurrentText(QPrinterInfo.defaultPrinterName())
        printer_label = QLabel(_("Printer"), self)
        printer_label.setBuddy(self.printer_box)
        self.settings_button = QPushButton(_("Printer settings…"), self)
        self.settings_button.setAccessibleName(_("Choose the printer and its settings"))
        self.settings_button.clicked.connect(self._printer_settings)
        self.print_button = QPushButton(_("Print"), self)
        self.print_button.setAccessibleName(_("Print on the printer chosen"))
        self.save_button = QPushButton(_("Save as PDF…"), self)
        self.save_button.setAccessibleName(_("Save as a PDF file instead of printing"))
        back = QPushButton(_("Go back"), self)
        back.setAccessibleName(_("Go back without printing"))
        self.print_button.clicked.connect(lambda: self._choose(PrintChoice("print", self.printer_box.currentText())))
        self.save_button.clicked.connect(self._save)
        back.clicked.connect(self.reject)
        self.switch_button = QPushButton(switch_label, self)
        self.switch_button.setAccessibleName(switch_label)
        self.switch_button.setVisible(bool(switch_label))
        self.switch_button.clicked.connect(lambda: self._choose(PrintChoice("switch")))
        self.no_printer = QLabel(
            _(
                "No printer is set up on this desk: save the printout as a PDF instead, "
                "and print it from another computer."
            ),
            self,
        )
        self.no_printer.setObjectName("noPrinter")
        self.no_printer.setWordWrap(True)
        self.no_printer.setVisible(not printers)
        for widget in (printer_label, self.printer_box, self.settings_button, self.print_button):
            widget.setVisible(bool(printers))
        main_button = self.print_button if printers else self.save_button
        main_button.setProperty("role", "primary")
        main_button.style().unpolish(main_button)  # the role arrived after the button was styled
        main_button.style().polish(main_button)
        main_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(printer_label)
        buttons.addWidget(self.printer_box, 1)
        buttons.addWidget(self.settings_button)
        buttons.addStretch(0 if printers else 1)
        buttons.addWidget(self.switch_button)
        for button in (self.print_button, self.save_button, back):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.no_printer)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 900, 800)
        main_button.setFocus()

    def page_count(self) -> int:
        return self.preview.pageCount()

    def _choose(self, choice: PrintChoice) -> None:
        self.choice = choice
        self.accept()

    def _printer_settings(self) -> None:
        """Qt's own print dialog, for a printer not in the list or its paper and copies."""
        printer = open_printer(self.printer_box.currentText())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and printer.printerName():
            if self.printer_box.findText(printer.printerName()) < 0:
                self.printer_box.addItem(printer.printerName())
            self.printer_box.setCurrentText(printer.printerName())

    def _save(self) -> None:
        path = ask_save_path(self, self.printout.file_name)
        if path:
            self._choose(PrintChoice("save", path=path))


def ask_how_to_print(
    parent: QWidget | None, printout: Printout, remembered: str = "", switch_label: str = ""
) -> PrintChoice | None:
    """Show the preview; the worker's choice, or None if they went back."""
    dialog = PrintPreview(parent, printout, available_printers(), remembered, switch_label)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_save_path(parent: QWidget | None, file_name: str) -> str:
    """Where to save a PDF ("" if the worker went back); ".pdf" is added when left off."""
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save as PDF"), file_name, _("PDF files (*.pdf)"))
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def save_pdf(path: str, pdf: bytes) -> None:
    """Write the PDF to ``path`` (on the records lane: it is file work)."""
    with open(path, "wb") as file:
        file.write(pdf)
