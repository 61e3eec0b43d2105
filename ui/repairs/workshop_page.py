"""The workshop screen: the technician's queue (soonest due first; response late, overdue and
no news stand out in words and colour) and the
current ticket's checklist as the main thing on screen — the nine steps, the current step's three
checks as big touch-friendly controls with their evidence entered in place (value with its unit,
note, a photo from the phone's inbox folder or a file, the customer's signature on the pad), a
waiver that asks for the manager's PIN. Keyboard: Ctrl+1..3 does a check, Enter in a field does
its check.

All reads and writes go through ctx.query / ctx.run_command (the database worker); a photo is
stored on the I/O pool."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk.platform.changes import Changed
from desk.repairs.commands import RecordCheck, WaiveCheck
from desk.repairs.evidence import evidence_root, store_photo_file
from desk.repairs.photo_inbox import take_photo
from desk.repairs.queries import CheckView, TicketDetail, ticket_detail
from desk.repairs.rules import CHECKLIST_STEPS, WAIVER_REASONS
from desk.repairs.service_queries import QueueItem, workshop_queue
from desk.signatures.commands import CaptureSignature
from ui.context import AppContext
from ui.errors import error_text
from ui.repairs.photo_picker import PhotoPicker
from ui.repairs.photo_strip import PhotoStrip, photos_of
from ui.repairs.service_words import mark_colour, marks_words
from ui.repairs.words import checklist_title, chinese, reason_name, step_name, unit_name
from ui.widgets.text_items import fit_item, text_size

TOUCH = 48  # px: every control of a check is at least this tall (≥ 44 px for a finger)
QUEUE_MAX_WIDTH = 520  # px: the queue never takes more than this from the checklist


class WaiverDialog(QDialog):
    """The manager's staff id and PIN, and the reason code, entered on this screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Waive a check"))
        form = QFormLayout(self)
        self.reason = QComboBox()
        for code in WAIVER_REASONS:
            self.reason.addItem(reason_name(code), code)
        self.note = QLineEdit()
        self.manager = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        for w in (self.reason, self.note, self.manager, self.pin):
            w.setMinimumHeight(TOUCH)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Manager ID"), self.manager)
        form.addRow(self.tr("Manager PIN"), self.pin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class CheckRow(QWidget):
    """One check of the current step: its words, its evidence field, Done and Waive."""

    def __init__(self, page: WorkshopPage, view: CheckView, index: int) -> None:
        super().__init__()
        self.page, self.view = page, view
        self.photo_sha = ""
        self.signature_id = ""
        row = QHBoxLayout(self)
        self.index = index
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setMinimumHeight(TOUCH)
        row.addWidget(self.label, 3)
        self.field: QLineEdit | None = None
        self.unit_label: QLabel | None = None
        self.evidence_button: QPushButton | None = None
        if view.evidence in ("value", "note"):
            self.field = QLineEdit()
            self.field.setMinimumHeight(TOUCH)
            self.field.returnPressed.connect(self.done_clicked)
            row.addWidget(self.field, 2)
            if view.evidence == "value":
                self.unit_label = QLabel()
                row.addWidget(self.unit_label)
        elif view.evidence in ("photo", "signature"):
            self.evidence_button = QPushButton()
            self.evidence_button.setMinimumHeight(TOUCH)
            self.evidence_button.clicked.connect(self.evidence_clicked)
            row.addWidget(self.evidence_button, 2)
        self.done_button = QPushButton()
        self.waive_button = QPushButton()
        for b in (self.done_button, self.waive_button):
            b.setMinimumSize(TOUCH * 2, TOUCH)
            row.addWidget(b)
        self.done_button.clicked.connect(self.done_clicked)
        self.waive_button.clicked.connect(self.waive_clicked)
        self.waive_button.setEnabled(view.evidence != "system")
        if view.done:
            self.done_button.setEnabled(False)
            self.waive_button.setEnabled(False)
        self.retranslate()

    def retranslate(self) -> None:
        view = self.view
        self.label.setText(f"{self.index}. {view.zh if chinese() else view.en}")
        if self.unit_label is not None:
            self.unit_label.setText(unit_name(view.unit))
        if self.field is not None:
            self.field.setPlaceholderText(
                f"{view.min}–{view.max} {unit_name(view.unit)}" if view.evidence == "value"
                else self.tr("Note"))
        if self.evidence_button is not None:
            photo = view.evidence == "photo"
            if photo:
                words = self.tr("Photo ✓") if self.photo_sha else self.tr("Photo…")
            else:
                words = self.tr("Signed ✓") if self.signature_id else self.tr("Customer signs…")
            self.evidence_button.setText(words)
        if view.done:
            self.done_button.setText(self.tr("Waived") if view.waived else self.tr("Done ✓"))
        else:
            self.done_button.setText(self.tr("Done"))
        self.waive_button.setText(self.tr("Waive…"))

    def evidence_clicked(self) -> None:
        if self.view.evidence == "photo":
            self.page.choose_photo(self)
        else:
            self.page.ask_intake_signature(self)

    def done_clicked(self) -> None:
        if not self.done_button.isEnabled():
            return
        text = self.field.text() if self.field is not None else ""
        self.page.record(self.view, value=text if self.view.evidence == "value" else "",
                         note=text if self.view.evidence == "note" else "",
                         photo_sha256=self.photo_sha, signature_id=self.signature_id)

    def waive_clicked(self) -> None:
        self.page.waive(self.view)


class WorkshopPage(QWidget):
    shows = frozenset({Changed.TICKETS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: TicketDetail | None = None
        self.rows: list[CheckRow] = []
        self.waiver_dialog: WaiverDialog | None = None
        self.photo_picker: PhotoPicker | None = None
        self._widest = 0  # the widest queue item, in pixels
        self.tickets: list[Any] = []  # the queue as last read (redrawn on a language switch)
        layout = QHBoxLayout(self)
        # A splitter: the queue gets the width its items need (computed from the font once they
        # are known) and the technician can drag it wider; the checklist takes the rest.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.queue = QListWidget()
        # an item longer than the queue ends in "…" (its tooltip has it whole); no sideways scroll
        self.queue.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.queue.setMinimumWidth(self.queue_width(0))
        self.queue.currentItemChanged.connect(self._picked)
        self.splitter.addWidget(self.queue)
        self.checklist = checklist = QWidget()
        main = QVBoxLayout(checklist)
        main.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(checklist)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter)
        self.header = QLabel()
        self.header.setWordWrap(True)
        main.addWidget(self.header)
        self.photos = PhotoStrip(ctx)  # the ticket's photos; one taken elsewhere is fetched
        main.addWidget(self.photos)
        strip = QHBoxLayout()
        self.step_labels = [QLabel() for _ in CHECKLIST_STEPS]
        for label in self.step_labels:
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumHeight(TOUCH)
            strip.addWidget(label)
        main.addLayout(strip)
        self.step_title = QLabel()
        self.step_title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        main.addWidget(self.step_title)
        self.checks_box = QVBoxLayout()
        main.addLayout(self.checks_box)
        self.message = QLabel()
        self.message.setWordWrap(True)
        main.addWidget(self.message)
        main.addStretch(1)
        for n in (1, 2, 3):
            QShortcut(QKeySequence(f"Ctrl+{n}"), self, lambda n=n: self._shortcut(n))
        ctx.hub.changed.connect(self._changed)
        self.retranslate()
        self.refresh()

    def queue_width(self, items_width: int) -> int:
        """What the queue needs to show items `items_width` wide uncut (at least a ticket code
        and a short product name), capped so the checklist keeps its room."""
        sample = text_size(f"T2612010001  {'空' * 6}", self.queue.font()).width()
        frame = 2 * self.queue.frameWidth() + self.queue.style().pixelMetric(
            self.queue.style().PixelMetric.PM_ScrollBarExtent) + 12  # item margins, focus rect
        return min(max(sample + 12, items_width) + frame, QUEUE_MAX_WIDTH)

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._fill_queue(self.tickets)
        if self.detail is not None:
            self._show_header(self.detail)
        for row in self.rows:
            row.retranslate()
        self.message.clear()  # a message in the old language would stay until the next one

    # --- reading --------------------------------------------------------------------------------
    def today(self) -> Any:
        return self.ctx.bus.clock.local_now().date()

    def refresh(self) -> None:
        now = self.ctx.bus.clock.local_now().isoformat(timespec="seconds")
        self.ctx.query(workshop_queue, now, done=self._queue_loaded)

    def _changed(self, changes: Any) -> None:
        if changes.touches(self.shows):
            self.refresh()

    def _queue_loaded(self, tickets: Any, error: BaseException | None) -> None:
        if error is not None:
            self.message.setText(error_text(error))
            return
        current = self.detail.code if self.detail else None
        self.tickets = list(tickets)
        self._fill_queue(self.tickets)
        if current is None and self.queue.count():
            self.queue.setCurrentRow(0)
        elif current is not None:
            self.load(current)

    def _fill_queue(self, tickets: list[QueueItem]) -> None:
        current = self.detail.code if self.detail else None
        self.queue.blockSignals(True)
        self.queue.clear()
        widest = 0
        for t in tickets:
            # unanswered: its response deadline (a time); otherwise its promised day
            if t.due_at.endswith("T23:59:59"):
                when = self.tr("Promised %1").replace("%1", t.promised_date)
            else:
                when = self.tr("Answer by %1").replace("%1", t.due_at[5:16].replace("T", " "))
            if t.marks:  # a word for each mark, never the colour alone
                when = f"{marks_words(t.marks)} · {when}"
            words = f"{t.code}  {t.product_name or ''}\n{when}"
            item = QListWidgetItem(words)
            item.setToolTip(words)
            item.setData(Qt.ItemDataRole.UserRole, t.code)
            colour = mark_colour(t.marks)
            if colour:
                item.setForeground(QBrush(QColor(colour)))
            widest = max(widest, fit_item(item, self.queue.font(), TOUCH))
            self.queue.addItem(item)
            if t.code == current:
                self.queue.setCurrentItem(item)
        self.queue.blockSignals(False)
        self._widest = widest
        self._fit_queue()

    def _fit_queue(self) -> None:
        """As wide as the queue's items, but the checklist keeps the room it needs (longer items
        are elided): the page never scrolls sideways. Only the narrowest queue is a minimum —
        a minimum as wide as the items would widen the page itself past the window."""
        layout = self.layout()
        margin = 2 * layout.contentsMargins().left() if layout is not None else 0
        room = self.width() - self.checklist.minimumSizeHint().width() \
            - self.splitter.handleWidth() - margin
        narrowest = self.queue_width(0)
        width = max(narrowest, min(self.queue_width(self._widest), room))
        self.queue.setMinimumWidth(narrowest)
        sizes = self.splitter.sizes()
        if sizes[0] < width or sizes[0] > max(room, width):
            self.splitter.setSizes([width, max(sum(sizes) - width, 0)])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_queue()

    def _picked(self, item: QListWidgetItem | None, _previous: Any) -> None:
        if item is not None:
            self.load(str(item.data(Qt.ItemDataRole.UserRole)))

    def load(self, code: str) -> None:
        self.ctx.query(ticket_detail, code, self.today(), evidence_root(self.ctx.db.path),
                       done=self._shown)

    def _shown(self, detail: TicketDetail | None, error: BaseException | None) -> None:
        if error is not None or detail is None:
            self.message.setText(error_text(error) if error else "")
            return
        self.detail = detail
        self._show_header(detail)
        self.photos.show_photos(photos_of(detail))
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        step = min(detail.current_step, len(detail.steps))
        if not detail.steps:
            return
        for index, view in enumerate(detail.steps[step - 1], start=1):
            row = CheckRow(self, view, index)
            self.checks_box.addWidget(row)
            self.rows.append(row)

    def _show_header(self, detail: TicketDetail) -> None:
        due = self.tr("Due")
        title = checklist_title(detail.title, detail.title_en)
        self.header.setText(f"<b>{detail.code}</b> {detail.product_name or ''} — {detail.fault}"
                            f"<br>{title} · {due} {detail.promised_date}")
        for number, (label, key) in enumerate(zip(self.step_labels, CHECKLIST_STEPS,
                                                  strict=True), start=1):
            mark = "✓" if number < detail.current_step else "●" if number == \
                detail.current_step else "○"
            label.setText(f"{mark} {number}\n{step_name(key)}")
        step = min(detail.current_step, len(detail.steps))
        if detail.steps:
            self.step_title.setText(self.tr("Step %1: %2").replace("%1", str(step)).replace(
                "%2", step_name(CHECKLIST_STEPS[step - 1])))

    # --- writing --------------------------------------------------------------------------------
    def _shortcut(self, n: int) -> None:
        if n <= len(self.rows):
            self.rows[n - 1].done_clicked()

    def _after(self, _value: Any, error: BaseException | None) -> None:
        self.message.setText(error_text(error) if error is not None else self.tr("Saved."))
        if error is not None and self.detail is not None:
            self.load(self.detail.code)

    def record(self, view: CheckView, **evidence: str) -> None:
        assert self.detail is not None
        self.ctx.run_command(RecordCheck(ticket_code=self.detail.code, step=view.step,
                                         check_id=view.check_id, **evidence), self._after)

    def waive(self, view: CheckView) -> None:
        assert self.detail is not None
        dialog = WaiverDialog(self)
        self.waiver_dialog = dialog
        code = self.detail.code

        def finished(result: int) -> None:
            self.waiver_dialog = None
            if result:
                self.ctx.run_command(WaiveCheck(
                    ticket_code=code, step=view.step, check_id=view.check_id,
                    reason_code=str(dialog.reason.currentData()), note=dialog.note.text(),
                    approver_id=dialog.manager.text(), approver_pin=dialog.pin.text()),
                    self._after)

        dialog.finished.connect(finished)
        dialog.open()

    def choose_photo(self, row: CheckRow) -> None:
        """The photo inbox's newest pictures, or a file (ui/repairs/photo_picker.py)."""
        self.photo_picker = PhotoPicker(self.ctx, self)
        self.photo_picker.chosen.connect(
            lambda path, from_inbox: self.attach_photo(row, path, from_inbox=from_inbox))
        self.photo_picker.open()

    def attach_photo(self, row: CheckRow, path: Path, *, from_inbox: bool = False) -> None:
        root = evidence_root(self.ctx.db.path)

        def stored(photo: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.setText(error_text(error))
                return
            row.photo_sha = photo.sha256
            row.retranslate()

        # a picture of the inbox is moved to its taken/ folder once stored
        self.ctx.runner.io(take_photo if from_inbox else store_photo_file, root, path,
                           done=stored)

    def ask_intake_signature(self, row: CheckRow) -> None:
        from ui.signatures.pad import ask_signature

        assert self.detail is not None
        detail = self.detail

        def signed(signature: Any) -> None:
            if signature is None:
                return
            command = CaptureSignature(
                document_kind="intake", document_ref=detail.code,
                document_sha256=detail.intake_sha256,
                png_base64=base64.b64encode(signature.png).decode("ascii"),
                strokes=[[[int(v) for v in p] for p in s] for s in signature.strokes])

            def captured(value: Any, error: BaseException | None) -> None:
                if error is not None:
                    self.message.setText(error_text(error))
                    return
                row.signature_id = str(value.signature_id)
                row.retranslate()

            self.ctx.run_command(command, captured)

        ask_signature(self, self.tr("Intake of ticket %1").replace("%1", detail.code), signed)
