"""The signature pad: mouse, pen with pressure, touch; undo/clear; refuses scribbles; the PNG
prints as a GS v 0 image."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import (
    QEventPoint,
    QInputDevice,
    QPointingDevice,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QApplication

from printing.decode import decode
from printing.escpos import encode
from printing.model import Document, Sign, Text
from printing.profiles import get_profile
from tests.support.pad import draw_with_mouse, wave
from ui.signatures.pad import SignatureDialog, SignaturePad, SignatureRefused


@pytest.fixture
def pad(qtbot):
    widget = SignaturePad()
    widget.resize(600, 240)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_empty_and_near_empty_scribbles_are_refused(pad):
    with pytest.raises(SignatureRefused, match="Nothing was signed"):
        pad.result()
    draw_with_mouse(pad, [(100, 100), (103, 101), (105, 104)])  # a dot and a slip
    with pytest.raises(SignatureRefused, match="too small"):
        pad.result()


def test_mouse_strokes_give_strokes_and_a_png(pad):
    draw_with_mouse(pad, wave())
    draw_with_mouse(pad, wave(y0=80, amp=10, n=20, width=120))
    sig = pad.result()
    assert len(sig.strokes) == 2
    assert all(len(p) == 4 and p[3] == 1000 for s in sig.strokes for p in s)  # mouse: full
    png = PILImage.open(io.BytesIO(sig.png))
    assert png.format == "PNG" and png.size == (sig.width, sig.height)
    assert png.getchannel("A").getextrema() == (0, 255)  # ink on a transparent background
    # undo removes the last stroke; clear empties the pad
    pad.undo()
    assert len(pad.strokes) == 1
    pad.clear()
    assert pad.is_empty()


def test_pen_pressure_is_recorded(pad):
    device = QPointingDevice.primaryPointingDevice()
    points = wave()

    def tablet(kind, pos, pressure):
        event = QTabletEvent(kind, device, QPointF(*pos), pad.mapToGlobal(QPointF(*pos)),
                             pressure, 0.0, 0.0, 0.0, 0.0, 0.0, Qt.KeyboardModifier.NoModifier,
                             Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
        QApplication.sendEvent(pad, event)

    tablet(QEvent.Type.TabletPress, points[0], 0.2)
    for i, p in enumerate(points[1:], start=1):
        tablet(QEvent.Type.TabletMove, p, 0.2 + 0.7 * i / len(points))
    tablet(QEvent.Type.TabletRelease, points[-1], 0.0)
    sig = pad.result()
    pressures = [p[3] for p in sig.strokes[0]]
    assert pressures[0] == 200 and max(pressures) > 800


TOUCH = QPointingDevice("test touch screen", 42, QInputDevice.DeviceType.TouchScreen,
                       QPointingDevice.PointerType.Finger,
                       QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                       1, 0)


def test_touch_draws_too(pad):
    points = wave()

    def touch(kind, state, pos):
        point = QEventPoint(0, state, QPointF(*pos), pad.mapToGlobal(QPointF(*pos)))
        QApplication.sendEvent(pad, QTouchEvent(kind, TOUCH, Qt.KeyboardModifier.NoModifier,
                                                [point]))

    touch(QEvent.Type.TouchBegin, QEventPoint.State.Pressed, points[0])
    for p in points[1:]:
        touch(QEvent.Type.TouchUpdate, QEventPoint.State.Updated, p)
    touch(QEvent.Type.TouchEnd, QEventPoint.State.Released, points[-1])
    assert sum(len(s) for s in pad.strokes) >= 20
    pad.result()


def test_the_pad_png_prints_as_the_signature(pad):
    draw_with_mouse(pad, wave())
    sig = pad.result()
    doc = Document("quote", "T2611200007", (Text("报价"), Sign("顾客签名"))).with_signature(sig.png)
    for name in ("58mm-cn", "80mm-cn-qr-cut"):
        profile = get_profile(name)
        paper = decode(encode(doc, profile))
        (raster,) = paper.rasters
        assert 8 < raster.image.width <= profile.dots
        assert raster.image.convert("L").getextrema() == (0, 255)
        assert "顾客签名" in paper.texts


def test_the_dialog_refuses_then_accepts(qtbot):
    dialog = SignatureDialog("报价单 T2611200007 合计 ￥0.00")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.confirm()
    assert "Nothing was signed" in dialog.message.text()
    assert dialog.signature is None
    pad = dialog.pad
    draw_with_mouse(pad, wave(y0=pad.baseline_y() - 40))
    with qtbot.waitSignal(dialog.sig_signed):
        dialog.confirm()
    assert dialog.signature is not None and dialog.result() == SignatureDialog.DialogCode.Accepted
    # one screen only (offscreen): the dialog stays where it is
    assert dialog.move_to_customer_screen() is (len(QApplication.screens()) > 1)
