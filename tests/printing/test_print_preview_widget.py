"""The preview widget shows the rendered paper: fitted to its pane, zoomed with the keyboard or
the slider."""

from __future__ import annotations

from PySide6.QtCore import Qt

from printing.escpos import encode
from printing.preview import render_png
from printing.profiles import get_profile
from printing.samples import sample
from ui.printing.preview import ZOOM_STEP, PrintPreview


def test_shows_the_rendered_paper_fitted_and_zoomed(qtbot):
    widget = PrintPreview()
    qtbot.addWidget(widget)
    widget.resize(300, 500)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)
    widget.scroller.setFocus()  # the shortcuts act while the focus is in the preview
    profile = get_profile("80mm-cn-qr-cut")
    png = render_png(encode(sample("intake_slip"), profile), profile.dots)
    assert widget.show_png(png, "T2611200007")
    room = widget.scroller.viewport().width()
    fitted = widget.image.pixmap().width()
    assert 0 < fitted <= room and widget.zoom() < 100  # the whole width of the paper shows
    assert widget.scroller.horizontalScrollBar().maximum() == 0
    qtbot.keyClick(widget.scroller, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert widget.image.pixmap().width() > fitted
    zoomed = widget.zoom()
    qtbot.keyClick(widget.scroller, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert widget.zoom() == zoomed - ZOOM_STEP
    widget.slider.setValue(200)
    assert widget.image.pixmap().width() > room  # bigger than the pane: it scrolls
    qtbot.keyClick(widget.scroller, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert widget.image.pixmap().width() == fitted
    widget.resize(600, 500)  # a wider pane: the fitted paper follows it
    qtbot.waitUntil(lambda: widget.image.pixmap().width() > fitted, timeout=2000)
    assert not widget.show_png(b"not a png")


def test_fitting_settles_instead_of_redrawing_for_ever(qtbot):
    """A fitted paper must not start a resize ping-pong with its scroll bar (it kept the GUI
    thread busy enough to stall the print worker)."""
    from PySide6.QtWidgets import QApplication

    widget = PrintPreview()
    qtbot.addWidget(widget)
    profile = get_profile("80mm-cn-qr-cut")
    png = render_png(encode(sample("return_receipt"), profile), profile.dots)
    draws = []
    for height in range(300, 1400, 50):  # around the paper's fitted height somewhere
        widget.resize(320, height)
        widget.show()
        assert widget.show_png(png)
        QApplication.processEvents()
        original = widget._draw
        draws.clear()
        widget._draw = lambda original=original: (draws.append(1), original())
        for _ in range(5):
            QApplication.processEvents()
        widget._draw = original
        assert len(draws) <= 1, height
