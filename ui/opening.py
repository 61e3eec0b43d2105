"""What the counter shows while a newer build upgrades an older data directory: a backup is
taken, the schema migrated, the journal replayed into the new tables (desk/platform/upgrade.py).

The work runs on the database worker (ui/app.open_counter); its progress reaches this dialog
through a ui.tasks.Progress relay, so the GUI thread only repaints. On failure the dialog says
in words what happened — the core has already put the backup back — and stays until closed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.naming import named


class UpgradeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("upgradeDialog")
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the replay says how many events there are
        self.count = named(QLabel(), "hint")
        self.outcome = named(QLabel(), "error")
        self.outcome.setWordWrap(True)
        self.outcome.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setVisible(False)
        layout = QVBoxLayout(self)
        for w in (self.text, self.bar, self.count, self.outcome, self.buttons):
            layout.addWidget(w)
        self.setMinimumWidth(480)
        self.stage = "upgrade"
        self.done_events = self.total_events = 0
        self.retranslate()

    def show_progress(self, stage: str, done: int, total: int) -> None:
        self.stage = stage
        self.done_events, self.total_events = done, total
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        self.retranslate()

    def fail(self, text: str) -> None:
        """The upgrade failed (the backup is back): the words, and a way to close."""
        self.bar.setVisible(False)
        self.count.setVisible(False)
        self.outcome.setText(text)
        self.outcome.setVisible(True)
        self.buttons.setVisible(True)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Upgrading the data of this counter"))
        if self.outcome.isVisible():
            self.text.setText(self.tr("The upgrade did not succeed."))
        elif self.stage == "replay":
            self.text.setText(self.tr("A backup was taken. The journal is being replayed into "
                                      "the new tables; please wait and do not switch the PC "
                                      "off."))
        else:
            self.text.setText(self.tr("This counter's data comes from an older version. A "
                                      "backup is being taken, then the data is upgraded."))
        self.count.setText(self.tr("{done} of {total} events").format(
            done=self.done_events, total=self.total_events) if self.total_events else "")
