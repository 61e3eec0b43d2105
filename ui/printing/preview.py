"""Shows what the paper looks like: the PNG the file/preview printer renders (printing/preview.py).

`PrintPreview.show_png(png_bytes)` from the GUI thread; render the PNG on a worker
(`ctx.runner.io(printing.preview.render_png, data, dots, done=...)`), never on the GUI thread.

The paper is shown to fit the pane's width at first (a receipt is much taller than wide: it
scrolls down, never sideways); the slider, Ctrl+plus / Ctrl+minus zoom, Ctrl+0 fits again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSlider, QVBoxLayout, QWidget

from ui.widgets.naming import named

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 25, 200, 25  # percent of the paper's own size


class PrintPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.pixmap = QPixmap()
        self.fit = True  # follow the pane's width until the person zooms
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroller = QScrollArea(widgetResizable=True)  # not `scroll`: QWidget's method
        self.scroller.setWidget(self.image)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # Always there: a vertical bar coming and going would change the width the paper is
        # fitted to, which changes its height, which brings or removes the bar, and so on.
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.fitted_width = -1  # the pane width the paper was last fitted to
        self.scroller.viewport().installEventFilter(self)
        self.caption = named(QLabel(), "printPreviewCaption")
        self.zoom_label = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(ZOOM_MIN, ZOOM_MAX)
        self.slider.setSingleStep(ZOOM_STEP // 5)
        self.slider.setPageStep(ZOOM_STEP)
        self.slider.valueChanged.connect(self._slid)
        zoom = QHBoxLayout()
        zoom.addWidget(self.caption, 1)
        zoom.addWidget(self.zoom_label)
        zoom.addWidget(self.slider)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(zoom)
        layout.addWidget(self.scroller, 1)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, step in (("Ctrl++", 1), ("Ctrl+=", 1), ("Ctrl+-", -1)):
            QShortcut(QKeySequence(keys), self, lambda s=step: self.zoom_by(s), context=context)
        QShortcut(QKeySequence("Ctrl+0"), self, self.fit_width, context=context)
        self.clear()

    # --- what is shown --------------------------------------------------------------------------
    def clear(self) -> None:
        self.pixmap = QPixmap()
        self.image.setPixmap(QPixmap())
        self.image.setText(self.tr("Nothing printed yet"))
        self.caption.clear()
        self.slider.setEnabled(False)
        self.zoom_label.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.pixmap.isNull():
            self.image.setText(self.tr("Nothing printed yet"))
        super().changeEvent(event)

    def show_png(self, png: bytes, caption: str = "") -> bool:
        pixmap = QPixmap()
        if not pixmap.loadFromData(png, "PNG"):
            self.image.setText(self.tr("The preview could not be shown"))
            return False
        self.pixmap = pixmap
        self.caption.setText(caption)
        self.slider.setEnabled(True)
        self._draw()
        return True

    # --- zoom -----------------------------------------------------------------------------------
    def zoom(self) -> int:
        """The scale shown, in percent of the paper's own size."""
        return self.slider.value()

    def zoom_by(self, steps: int) -> None:
        if not self.pixmap.isNull():
            self.fit = False
            self.slider.setValue(self.zoom() + steps * ZOOM_STEP)

    def fit_width(self) -> None:
        self.fit = True
        self._draw()

    def _slid(self, _value: int) -> None:
        if self.slider.isSliderDown() or self.slider.hasFocus():
            self.fit = False  # the person moved it
        self._draw()

    def _fitting_zoom(self) -> int:
        room = self.scroller.viewport().width() - 8
        percent = room * 100 // max(self.pixmap.width(), 1)
        return max(ZOOM_MIN, min(100, percent))  # never blown up past the paper's own size

    def _draw(self) -> None:
        if self.pixmap.isNull():
            return
        if self.fit:
            self.fitted_width = self.scroller.viewport().width()
            self.slider.blockSignals(True)
            self.slider.setValue(self._fitting_zoom())
            self.slider.blockSignals(False)
        percent = self.zoom()
        width = max(1, self.pixmap.width() * percent // 100)
        self.image.setPixmap(self.pixmap.scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation))
        self.zoom_label.setText(f"{percent}%")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and self.fit
                and self.scroller.viewport().width() != self.fitted_width):
            self._draw()  # the pane changed width: fit again
        return super().eventFilter(watched, event)
