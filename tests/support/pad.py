"""Drawing on the signature pad with a mouse, as a customer would."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication


def mouse(pad, kind, pos, buttons=Qt.MouseButton.LeftButton):
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(*pos), pad.mapToGlobal(QPointF(*pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pad, event)


def wave(x0=60, y0=110, n=40, width=300, amp=35):
    return [(x0 + width * i / n, y0 + amp * math.sin(i / 3)) for i in range(n + 1)]


def draw_with_mouse(pad, points):
    mouse(pad, QEvent.Type.MouseButtonPress, points[0])
    for p in points[1:]:
        mouse(pad, QEvent.Type.MouseMove, p)
    mouse(pad, QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)
