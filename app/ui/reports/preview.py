"""A PDF shown inside the app (pages drawn by PDFium), printed, saved or opened."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.forms import named

PREVIEW_DPI = 96
PRINT_DPI = 200


def page_images(pdf: Path, dpi: int) -> list[QImage]:
    """Every page of ``pdf`` as an image."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    images = []
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            images.append(image.copy())
    finally:
        document.close()
    return images


class PreviewDialog(QDialog):
    """Shows the report's pages; Print, Save a copy, Open in the PDF viewer."""

    def __init__(self, parent: QWidget | None, pdf: Path, title: str) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(f"Preview — {title}")
        layout = QVBoxLayout(self)
        pages = QWidget()
        column = QVBoxLayout(pages)
        self.images = page_images(pdf, PREVIEW_DPI)
        for number, image in enumerate(self.images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Page {number} of {len(self.images)}")
            column.addWidget(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setAccessibleName("Report pages")
        layout.addWidget(scroll)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = named(QPushButton("&Print…"), "Print")
        self.save_button = named(QPushButton("&Save a copy…"), "Save a copy")
        self.open_button = named(QPushButton("&Open in PDF viewer"), "Open in PDF viewer")
        for button in (self.print_button, self.save_button, self.open_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.open_button.clicked.connect(lambda: open_in_viewer(self.pdf))
        layout.addWidget(buttons)
        self.resize(880, 900)

    def _on_print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        print_pdf(self.pdf, printer)

    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the report", self.pdf.name, "PDF files (*.pdf)"
        )
        if path:
            shutil.copyfile(self.pdf, path)


def print_pdf(pdf: Path, printer: QPrinter) -> None:
    """Send every page of ``pdf`` to ``printer``, scaled to the printable area."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for number, image in enumerate(page_images(pdf, PRINT_DPI)):
            if number:
                printer.newPage()
            area = painter.viewport()
            fitted = image.scaled(
                area.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawImage(0, 0, fitted)
    finally:
        painter.end()


def open_in_viewer(pdf: Path) -> None:
    """Open a copy of ``pdf`` in the computer's own PDF viewer."""
    copy = Path(tempfile.mkdtemp(prefix="mutualdesk-")) / pdf.name
    shutil.copyfile(pdf, copy)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
