"""The blind cash count: pieces per denomination and the opening float. The expected amount is
not on this panel: the page shows it only after the count was entered."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from desk.closure.rules import DENOMINATIONS_FEN, MAX_PIECES
from desk.platform.errors import DeskError
from desk.platform.money import format_yuan, parse_yuan
from ui.widgets.naming import named


class CountPanel(QWidget):
    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        self.labels: dict[int, QLabel] = {}
        self.spins: dict[int, QSpinBox] = {}
        for i, fen in enumerate(DENOMINATIONS_FEN):
            label, spin = QLabel(), named(QSpinBox(), f"count_{fen}")
            spin.setRange(0, MAX_PIECES)
            spin.valueChanged.connect(self._changed)
            self.labels[fen], self.spins[fen] = label, spin
            grid.addWidget(label, i // 4, (i % 4) * 2)
            grid.addWidget(spin, i // 4, (i % 4) * 2 + 1)
        rows = (len(DENOMINATIONS_FEN) + 3) // 4
        self.float_label = QLabel()
        self.opening_float = named(QLineEdit("0"), "openingFloat")
        self.opening_float.textChanged.connect(self._changed)
        self.total = named(QLabel(), "countedTotal")
        grid.addWidget(self.float_label, rows, 0)
        grid.addWidget(self.opening_float, rows, 1)
        grid.addWidget(self.total, rows, 2, 1, 6)
        self.retranslate()

    def counted(self) -> dict[int, int]:
        return {fen: spin.value() for fen, spin in self.spins.items()}

    def counted_fen(self) -> int:
        return sum(fen * n for fen, n in self.counted().items())

    def opening_float_fen(self) -> int:
        """Raises DeskError (money.invalid / money.negative) for a bad amount."""
        fen = parse_yuan(self.opening_float.text().strip() or "0")
        if fen < 0:
            raise DeskError("money.negative", field=self.float_label.text())
        return fen

    def reset(self) -> None:
        for spin in self.spins.values():
            spin.setValue(0)
        self.opening_float.setText("0")

    def _changed(self) -> None:
        self.total.setText(self.tr("Counted: %1").replace("%1", format_yuan(self.counted_fen())))
        self.sig_changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for fen, label in self.labels.items():
            label.setText(self.tr("%1 yuan").replace("%1", f"{fen / 100:g}"))
        self.float_label.setText(self.tr("Opening float (yuan)"))
        self._changed()
