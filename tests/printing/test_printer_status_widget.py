"""The status-bar printer label tells the states apart and says jobs are kept."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from desk.platform.paths import resources_dir
from ui.printing.status_label import COLOURS, MARKS, STATUS_BAR, PrinterStatusLabel


def test_states_are_told_apart(qtbot):
    label = PrinterStatusLabel()
    qtbot.addWidget(label)
    seen = set()
    for code in ("ready", "paper_near_end", "paper_out", "cover_open", "offline",
                 "not_answering", "port_missing"):
        label.set_state(code)
        seen.add(label.text())
    assert len(seen) == 7
    label.set_state("paper_out", waiting=2)
    assert "2" in label.text()
    assert "kept" in label.toolTip()
    label.set_state("something_new")
    assert label.text().endswith("something_new")


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_every_state_is_readable_on_the_status_bar_and_marked_without_colour():
    """WCAG contrast >= 4.5:1 on the status bar's background, and a mark per severity."""
    back = luminance(STATUS_BAR)
    for severity, colour in COLOURS.items():
        fore = luminance(colour)
        assert (max(fore, back) + 0.05) / (min(fore, back) + 0.05) >= 4.5, severity
    assert len(set(MARKS.values())) == len(MARKS)
    sheet = (resources_dir() / "style" / "app.qss").read_text(encoding="utf-8")
    assert f"QStatusBar {{ background: {STATUS_BAR};" in sheet


def test_click_asks_for_the_history(qtbot):
    label = PrinterStatusLabel()
    qtbot.addWidget(label)
    label.show()
    with qtbot.waitSignal(label.sig_clicked):
        QTest.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
