"""Signature pad: mouse, touch and pen (with pressure), smooth strokes, clear and undo, a visible
"sign here" line; refuses empty and near-empty scribbles; gives strokes and a PNG.

- `SignaturePad` is the drawing surface. `result()` returns a `Signature` (strokes + PNG) or
  raises `SignatureRefused` with a message for the person signing.
- `SignatureDialog` shows what is being signed, the pad and Clear / Undo / Cancel / Confirm; it
  can open on a second screen, facing the customer (`customer_screen=True`).
- `ask_signature(parent, summary, done)` opens the dialog and calls `done(Signature | None)`.

Strokes are `[[x, y, t_ms, pressure_0_1000], ...]` per stroke, in pad pixels (what the
CaptureSignature command takes); a mouse gives pressure 1000.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.naming import named

Point = list[int]  # [x, y, t_ms, pressure 0..1000]
Stroke = list[Point]

# What makes a signature rather than a dot or a slip (pad pixels): the core checks again.
MIN_POINTS = 12
MIN_INK = 120.0
MIN_EXTENT = 60.0
PEN_WIDTH = 3.2  # at full pressure; a pen's light touch draws thinner
INK = QColor(16, 28, 84)


class SignatureRefused(ValueError):
    """The scribble is empty or too small; `str(error)` is the message to show."""


@dataclass(frozen=True)
class Signature:
    strokes: list[Stroke]
    png: bytes
    width: int
    height: int


def ink_length(strokes: list[Stroke]) -> float:
    return sum(math.dist(a[:2], b[:2]) for s in strokes for a, b in itertools.pairwise(s))


def stroke_path(stroke: Stroke) -> QPainterPath:
    """A smooth curve through the points: quadratic segments between midpoints."""
    path = QPainterPath()
    if not stroke:
        return path
    pts = [QPointF(p[0], p[1]) for p in stroke]
    path.moveTo(pts[0])
    if len(pts) == 1:
        path.lineTo(pts[0] + QPointF(0.1, 0.1))
        return path
    for a, b in itertools.pairwise(pts[1:]):
        path.quadTo(a, (a + b) / 2)
    path.lineTo(pts[-1])
    return path


def paint_strokes(painter: QPainter, strokes: list[Stroke], offset: QPointF | None = None) -> None:
    offset = offset if offset is not None else QPointF()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for stroke in strokes:
        if len(stroke) < 3:
            pen = QPen(INK, PEN_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                       Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(stroke_path(stroke).translated(offset))
            continue
        # Pressure varies along the stroke: draw short smooth pieces with their own width.
        for i in range(1, len(stroke) - 1):
            a, b, c = stroke[i - 1], stroke[i], stroke[i + 1]
            pressure = max(0.25, b[3] / 1000)
            pen = QPen(INK, PEN_WIDTH * (0.45 + 0.75 * pressure), Qt.PenStyle.SolidLine,
                       Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            start = QPointF((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) + offset
            end = QPointF((b[0] + c[0]) / 2, (b[1] + c[1]) / 2) + offset
            piece = QPainterPath(start if i > 1 else QPointF(a[0], a[1]) + offset)
            piece.quadTo(QPointF(b[0], b[1]) + offset, end)
            if i == len(stroke) - 2:
                piece.lineTo(QPointF(c[0], c[1]) + offset)
            painter.drawPath(piece)


class SignaturePad(QWidget):
    sig_changed = Signal()  # a stroke was added, undone or cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setMinimumSize(420, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self._t0 = time.monotonic()
        self._tablet_down = False
        self.hint = self.tr("Sign here")

    # --- input ---------------------------------------------------------------------------------
    def _now(self) -> int:
        return int((time.monotonic() - self._t0) * 1000)

    def _add(self, pos: QPointF, pressure: float, begin: bool = False) -> None:
        x = round(min(max(pos.x(), 0), self.width() - 1))
        y = round(min(max(pos.y(), 0), self.height() - 1))
        point = [x, y, self._now(), round(min(1.0, max(0.0, pressure)) * 1000)]
        if begin or self._current is None:
            self._current = [point]
            self.strokes.append(self._current)
        elif self._current[-1][:2] != point[:2]:
            self._current.append(point)
        self.update()

    def _end(self) -> None:
        if self._current is not None:
            self._current = None
            self.sig_changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._tablet_down:
            self._add(event.position(), 1.0, begin=True)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._current is not None:
            self._add(event.position(), 1.0)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._tablet_down = True
            self._add(event.position(), event.pressure(), begin=True)
        elif kind == QEvent.Type.TabletMove and self._tablet_down:
            self._add(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletRelease:
            self._tablet_down = False
            self._end()
        event.accept()  # no synthesised mouse events on top of the pen's

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                p = points[0]
                pressure = p.pressure() if p.pressure() > 0 else 1.0
                pos = self.mapFromGlobal(p.globalPosition())
                if kind == QEvent.Type.TouchBegin:
                    self._add(pos, pressure, begin=True)
                elif kind == QEvent.Type.TouchUpdate:
                    self._add(pos, pressure)
                else:
                    self._end()
            event.accept()
            return True
        return super().event(event)

    # --- editing -------------------------------------------------------------------------------
    def clear(self) -> None:
        self.strokes.clear()
        self._current = None
        self.update()
        self.sig_changed.emit()

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self._current = None
            self.update()
            self.sig_changed.emit()

    def is_empty(self) -> bool:
        return not self.strokes

    # --- drawing -------------------------------------------------------------------------------
    def baseline_y(self) -> int:
        return int(self.height() * 0.72)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(255, 255, 255))
        painter.setPen(QPen(QColor(200, 204, 212), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        y = self.baseline_y()
        margin = 36
        painter.setPen(QPen(QColor(120, 130, 150), 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(margin, y, self.width() - margin, y)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        painter.setFont(font)
        painter.setPen(QColor(150, 158, 175))
        painter.drawText(QRect(margin - 4, y - 56, 40, 48), Qt.AlignmentFlag.AlignBottom, "×")
        small = QFont(self.font())
        painter.setFont(small)
        painter.drawText(QRect(margin, y + 6, self.width() - 2 * margin, 28),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.hint)
        paint_strokes(painter, self.strokes)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update()

    # --- result --------------------------------------------------------------------------------
    def check(self) -> None:
        points = sum(len(s) for s in self.strokes)
        if points == 0:
            raise SignatureRefused(self.tr("Nothing was signed. Please sign on the line."))
        xs = [p[0] for s in self.strokes for p in s]
        ys = [p[1] for s in self.strokes for p in s]
        extent = max(max(xs) - min(xs), max(ys) - min(ys))
        if points < MIN_POINTS or ink_length(self.strokes) < MIN_INK or extent < MIN_EXTENT:
            raise SignatureRefused(self.tr(
                "That is too small to be a signature. Please clear and sign again on the line."))

    def to_png(self, margin: int = 12) -> tuple[bytes, int, int]:
        """The strokes alone (no line, no hint) on a transparent background, cropped."""
        xs = [p[0] for s in self.strokes for p in s]
        ys = [p[1] for s in self.strokes for p in s]
        box = QRectF(min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin,
                     max(ys) - min(ys) + 2 * margin)
        w, h = max(1, math.ceil(box.width())), max(1, math.ceil(box.height()))
        image = QImage(w, h, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        paint_strokes(painter, self.strokes, QPointF(-box.left(), -box.top()))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6's stub types `format` as bytes, but at run time save() refuses bytes and takes
        # only a str: the one stub false positive silenced in the code.
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        return bytes(data.data()), w, h

    def result(self) -> Signature:
        self.check()
        png, w, h = self.to_png()
        return Signature([[list(p) for p in s] for s in self.strokes], png, w, h)


class SignatureDialog(QDialog):
    sig_signed = Signal(object)  # Signature

    def __init__(self, summary: str, parent: QWidget | None = None, *,
                 customer_screen: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("signatureDialog")
        self.setWindowTitle(self.tr("Customer signature"))
        self.signature: Signature | None = None
        layout = QVBoxLayout(self)
        self.summary = named(QLabel(summary, wordWrap=True), "signatureSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.pad = SignaturePad(self)
        self.message = named(QLabel("", wordWrap=True), "signatureMessage")
        self.message.setStyleSheet("color: #b3261e;")
        buttons = QHBoxLayout()
        self.clear_button = named(QPushButton(self.tr("Clear")), "signatureClear")
        self.undo_button = named(QPushButton(self.tr("Undo")), "signatureUndo")
        self.cancel_button = named(QPushButton(self.tr("Cancel")), "signatureCancel")
        self.confirm_button = named(QPushButton(self.tr("Confirm signature")), "signatureConfirm")
        self.confirm_button.setDefault(True)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.confirm)
        self.pad.sig_changed.connect(self._changed)
        self._changed()
        self.resize(720, 420)
        if customer_screen:
            self.move_to_customer_screen()

    def _changed(self) -> None:
        self.undo_button.setEnabled(not self.pad.is_empty())
        self.clear_button.setEnabled(not self.pad.is_empty())
        self.message.clear()

    def confirm(self) -> None:
        try:
            self.signature = self.pad.result()
        except SignatureRefused as refusal:
            self.message.setText(str(refusal))
            return
        self.sig_signed.emit(self.signature)
        self.accept()

    def move_to_customer_screen(self) -> bool:
        """Open on the second screen (the one facing the customer) when there is one."""
        screens = QGuiApplication.screens()
        parent = self.parentWidget()
        here = parent.screen() if parent else QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not here]
        if not others:
            return False
        area = others[0].availableGeometry()
        self.setGeometry(area.adjusted(area.width() // 10, area.height() // 10,
                                       -area.width() // 10, -area.height() // 10))
        return True


def ask_signature(parent: QWidget | None, summary: str,
                  done: Callable[[Signature | None], None], *,
                  customer_screen: bool = True) -> SignatureDialog:
    """Open the dialog (window-modal, not blocking the event loop); `done` gets the signature or
    None when cancelled."""
    dialog = SignatureDialog(summary, parent, customer_screen=customer_screen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.finished.connect(lambda code: done(dialog.signature if code else None))
    dialog.open()
    return dialog
