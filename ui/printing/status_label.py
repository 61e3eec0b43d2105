"""The printer's section of the status bar: what the printer says and how many jobs wait.

Plain and passive: whoever watches the printer (the print queue worker, on its own thread) reports
with `set_state(code, waiting=N, detail="")` from the GUI thread (e.g. through a queued signal).
`sig_clicked` lets the app open the print history.

Codes: ready, printing, paper_near_end, paper_out, cover_open, offline, not_answering,
port_missing, error, not_configured (the worker's status words; unknown codes show as they are).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

# code -> (severity, English source text); severity picks the colour.
OK, WARN, BAD = "ok", "warn", "bad"
SEVERITY = {
    "ready": OK, "printing": OK, "not_configured": WARN, "paper_near_end": WARN,
    "paper_out": BAD, "cover_open": BAD, "offline": BAD, "not_answering": BAD,
    "port_missing": BAD, "error": BAD,
}
# Light tones for the dark status bar (#243b53): each at least 4.5:1 contrast there
# (tests/printing/test_printer_status_widget.py computes it), and a mark that tells the state
# without the colour.
STATUS_BAR = "#243b53"
COLOURS = {OK: "#7ee787", WARN: "#f2cc60", BAD: "#ffa198"}
MARKS = {OK: "●", WARN: "▲", BAD: "✖"}


class PrinterStatusLabel(QLabel):
    sig_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPrinter")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.code = "not_configured"
        self.waiting = 0
        self.detail = ""
        self.retranslate()

    def set_state(self, code: str, waiting: int = 0, detail: str = "") -> None:
        self.code, self.waiting, self.detail = code, max(0, waiting), detail
        self.retranslate()

    def words(self, code: str) -> str:
        texts = {
            "ready": self.tr("Printer ready"),
            "printing": self.tr("Printing…"),
            "paper_near_end": self.tr("Printer: paper running low"),
            "paper_out": self.tr("Printer: out of paper"),
            "cover_open": self.tr("Printer: cover open"),
            "offline": self.tr("Printer offline"),
            "not_answering": self.tr("Printer not answering"),
            "port_missing": self.tr("Printer port not found"),
            "error": self.tr("Printer error"),
            "not_configured": self.tr("Printer: not configured"),
        }
        return texts.get(code, code)

    def retranslate(self) -> None:
        severity = SEVERITY.get(self.code, WARN)
        text = f"{MARKS[severity]} {self.words(self.code)}"
        if self.waiting:
            waiting = self.waiting  # a plain name: lupdate 6.11 misses a %n given as an attribute
            text += " · " + self.tr("%n job(s) waiting", "", waiting)
        self.setText(text)
        self.setStyleSheet(f"color: {COLOURS[severity]};")
        tip = self.detail or text
        if severity == BAD and self.waiting:
            tip += "\n" + self.tr("Jobs are kept and print when the printer is ready again.")
        self.setToolTip(tip)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.sig_clicked.emit()
        super().mouseReleaseEvent(event)
