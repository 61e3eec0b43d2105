"""The preview widget shows the rendered paper."""

from __future__ import annotations

from printing.escpos import encode
from printing.preview import render_png
from printing.profiles import get_profile
from printing.samples import sample
from ui.printing.preview import PrintPreview


def test_shows_the_rendered_paper(qtbot):
    widget = PrintPreview()
    qtbot.addWidget(widget)
    profile = get_profile("58mm-cn")
    png = render_png(encode(sample("intake_slip"), profile), profile.dots)
    assert widget.show_png(png, "T2611200007")
    assert widget.image.pixmap().width() > profile.dots
    assert not widget.show_png(b"not a png")
