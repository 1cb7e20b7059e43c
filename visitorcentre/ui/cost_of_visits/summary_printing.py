"""Printing the family's summary (the PDF the desk makes) through Qt's print system, or saving it as a PDF.

With a printer: a print preview, its pages painted from the PDF (rendered with pypdfium2 at the
printer's resolution). With no printer on the desk, or nothing to render PDFs with, the worker is
offered "Save as PDF" instead, and the bytes are saved exactly as made — nothing is lost.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.printouts import render

log = logging.getLogger(__name__)

#: What happened, for the dialog to say: printed (or previewed), saved, or nothing (the worker cancelled).
PRINTED, SAVED, CANCELLED = "printed", "saved", "cancelled"
PDF_FILTER = "PDF (*.pdf)"


def printers_available() -> bool:
    """True when the desk has a printer set up (CI and many kiosks have none)."""
    return bool(QPrinterInfo.availablePrinters())


def can_render_pdf() -> bool:
    """True when the PDF's pages can be painted for the printer (pypdfium2 is installed)."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def paint_pages(printer: QPrinter, pdf: bytes) -> int:
    """Paint ``pdf``'s pages onto ``printer``, each fitted to the printable page; returns the pages painted."""
    images = render("", "", pdf, min(max(printer.resolution(), 96), 300)).pages
    painter = QPainter()
    if not painter.begin(printer):
        log.warning("The printer would not start a page")
        return 0
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = QRectF(painter.viewport())
            size = image.size().toSizeF().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.x(), area.y(), size.width(), size.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(images)


def print_summary(parent: QWidget, pdf: bytes, suggested_name: str) -> str:
    """Preview and print ``pdf``; without a printer (or a renderer), offer to save it as a PDF instead."""
    if not (printers_available() and can_render_pdf()):
        return save_summary(parent, pdf, suggested_name)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(suggested_name)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(_("Print the family's summary"))
    preview.resize(1200, 820)
    preview.paintRequested.connect(lambda target: paint_pages(target, pdf))
    return PRINTED if preview.exec() else CANCELLED


def save_summary(parent: QWidget, pdf: bytes, suggested_name: str) -> str:
    """Ask where to save ``pdf`` and save it exactly as made."""
    start = Path.home() / f"{suggested_name}.pdf"
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save the family's summary as PDF"), str(start),
                                                _(PDF_FILTER))
    if not path:
        return CANCELLED
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    target.write_bytes(pdf)
    save_summary.last_path = target  # type: ignore[attr-defined]
    return SAVED
