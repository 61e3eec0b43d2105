"""The status-bar printer label tells the states apart and says jobs are kept."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from ui.printing.status_label import PrinterStatusLabel


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
    assert label.text() == "something_new"


def test_click_asks_for_the_history(qtbot):
    label = PrinterStatusLabel()
    qtbot.addWidget(label)
    label.show()
    with qtbot.waitSignal(label.sig_clicked):
        QTest.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
