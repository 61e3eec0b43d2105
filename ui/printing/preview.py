"""Shows what the paper looks like: the PNG the file/preview printer renders (printing/preview.py).

`PrintPreview.show_png(png_bytes)` from the GUI thread; render the PNG on a worker
(`ctx.runner.io(printing.preview.render_png, data, dots, done=...)`), never on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.widgets.naming import named


class PrintPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroller = QScrollArea(widgetResizable=True)  # not `scroll`: QWidget's method
        self.scroller.setWidget(self.image)
        self.caption = named(QLabel(), "printPreviewCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.scroller, 1)
        self.clear()

    def clear(self) -> None:
        self.image.setPixmap(QPixmap())
        self.image.setText(self.tr("Nothing printed yet"))
        self.caption.clear()

    def show_png(self, png: bytes, caption: str = "") -> bool:
        pixmap = QPixmap()
        if not pixmap.loadFromData(png, "PNG"):
            self.image.setText(self.tr("The preview could not be shown"))
            return False
        self.image.setPixmap(pixmap)
        self.caption.setText(caption)
        return True
