"""The manager's daily closure: the day's report (X so far, or its Z closure), the PDF and the
thermal summary, and closing the day.

Closing, step by step: the manager enters the blind count (pieces per denomination and the
opening float) and presses "Show expected cash" — only then does the expected amount appear,
with the variance. A variance above the tolerance needs a note. The second person re-counts and
types their staff id and PIN; unsynced events or open conflicts need the confirmation ticked.
"Sign and close" asks the core for the report's fingerprint, both sign it on the pad, and the
CloseDay command records the Z closure. The PDF is rendered on an I/O thread, never here.

Hooks (tests set them; the app leaves the defaults): `signature_provider(sha256, signer, words,
done)` captures a signature for that document and calls `done(signature_id or None)`;
`choose_pdf_path(suggested)` returns a path or "" (QFileDialog); `printer` (the app's
PrinterService) prints the thermal summary.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.closure import queries
from desk.closure.commands import CloseDay
from desk.closure.rules import needs_note
from desk.platform.changes import Changed, Changes
from desk.platform.errors import DeskError
from desk.platform.money import format_yuan
from desk.signatures.commands import CaptureSignature
from ui.closure.count import CountPanel
from ui.context import AppContext
from ui.errors import error_text
from ui.tasks import freeze_startup_heap
from ui.widgets.naming import named

SignatureProvider = Callable[[str, str, str, Callable[[str | None], None]], None]


def render_pdf(report: queries.ClosureReport, path: str, *, printed_at: str, copy: bool) -> int:
    """On an I/O thread: reportlab is imported and runs there, never on the GUI thread."""
    from printing.closure_pdf import write

    return write(report, path, printed_at=printed_at, copy=copy)


class ClosurePage(QWidget):
    shows = frozenset({Changed.RETURNS, Changed.COMPENSATIONS, Changed.TICKETS,
                       Changed.CLOSURES, Changed.CONFLICTS, Changed.PRINT_JOBS})
    sig_closed = Signal(object)  # the CloseDay result
    sig_pdf_saved = Signal(object)  # {"path", "bytes", "fingerprint", ...}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signature_provider: SignatureProvider = self._pad_signature
        self.choose_pdf_path: Callable[[str], str] = self._ask_path
        self.printer: Any = None
        self.report: queries.ClosureReport | None = None
        self.preview: queries.ClosureReport | None = None
        self._just_closed = ""  # the day closed here: its first PDF is the original
        self._generation = 0
        self._build()
        ctx.hub.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    # --- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = named(QLabel(), "pageTitle")
        self.date = named(QDateEdit(QDate.currentDate()), "closureDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.dateChanged.connect(lambda _d: self._day_changed())
        self.scope = named(QComboBox(), "closureScope")
        self.scope.currentIndexChanged.connect(lambda _i: self._day_changed())
        self.pdf_button, self.print_button = QPushButton(), QPushButton()
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_summary)
        top = QHBoxLayout()
        for w in (self.date, self.scope, self.pdf_button, self.print_button):
            top.addWidget(w)
        top.addStretch(1)
        self.state = named(QLabel(), "closureState")
        self.summary = named(QLabel(), "closureSummary")
        self.summary.setWordWrap(True)
        self.message = named(QLabel(), "hint")
        self.message.setWordWrap(True)

        self.close_box = QGroupBox()
        self.count = CountPanel()
        self.count.sig_changed.connect(self._count_edited)
        self.count_button = named(QPushButton(), "countEntered")
        self.count_button.clicked.connect(self.count_entered)
        self.expected = named(QLabel(), "expectedCash")
        self.note = named(QLineEdit(), "varianceNote")
        self.second_id = named(QLineEdit(), "secondId")
        self.second_pin = named(QLineEdit(), "secondPin")
        self.second_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = named(QCheckBox(), "confirmUnsynced")
        self.close_button = named(QPushButton(), "closeDay")
        self.close_button.clicked.connect(self.sign_and_close)
        self.after_count = QWidget()
        form = QFormLayout(self.after_count)
        self.note_label, self.second_label, self.pin_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.expected)
        form.addRow(self.note_label, self.note)
        form.addRow(self.second_label, self.second_id)
        form.addRow(self.pin_label, self.second_pin)
        form.addRow(self.confirm)
        form.addRow(self.close_button)
        box = QVBoxLayout(self.close_box)
        box.addWidget(self.count)
        box.addWidget(self.count_button)
        box.addWidget(self.after_count)
        self.after_count.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.summary)
        layout.addWidget(self.close_box)
        layout.addWidget(self.message)
        layout.addStretch(1)

    # --- what is shown ------------------------------------------------------------------------
    def business_date(self) -> str:
        return str(self.date.date().toString("yyyy-MM-dd"))

    def device_id(self) -> str | None:
        return self.ctx.db.device_id if self.scope.currentIndex() == 1 else None

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(self.shows):
            self.refresh()

    def _day_changed(self) -> None:
        self._hide_expected()
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation

        def done(report: Any, error: BaseException | None) -> None:
            if generation != self._generation:
                return
            if error is not None:
                self.state.setText(error_text(error))
                return
            self.report = report
            self._show_report(report)

        self.ctx.query(queries.report, self.business_date(), self.device_id(), done=done)

    def _show_report(self, r: queries.ClosureReport) -> None:
        n = r.numbers
        if r.closed:
            self.state.setText(self.tr("Closed: Z%1 at %2 by %3").replace("%1", str(r.z_number))
                               .replace("%2", r.closed_at.replace("T", " "))
                               .replace("%3", r.closed_by))
        else:
            self.state.setText(self.tr("Not closed yet: the day so far (X report)"))
        lines = [
            self.tr("Returns: %1, refunded %2").replace("%1", str(n["returns"]["count"]))
            .replace("%2", format_yuan(n["returns"]["refund_fen"])),
            self.tr("Compensations: %1, paid %2").replace("%1", str(n["compensations"]["count"]))
            .replace("%2", format_yuan(n["compensations"]["fen"])),
            self.tr("Waiting for head office: %1").replace("%1", str(len(n["pending"]))),
            self.tr("Repairs opened: %1, overdue: %2").replace("%1", str(n["repairs"]["opened"]))
            .replace("%2", str(n["repairs"]["overdue"])),
            self.tr("Unsynced events: %1, open conflicts: %2, late arrivals: %3")
            .replace("%1", str(n["unsynced_events"])).replace("%2", str(n["conflicts_open"]))
            .replace("%3", str(len(n["late_arrivals"]))),
        ]
        self.summary.setText("\n".join(lines))  # no expected cash here: the count is blind
        self.close_box.setEnabled(not r.closed)

    # --- closing ------------------------------------------------------------------------------
    def _count_edited(self) -> None:
        if self.after_count.isVisible():
            self._hide_expected()  # a changed count is entered again

    def _hide_expected(self) -> None:
        self.preview = None
        self.after_count.hide()
        self.expected.clear()

    def _preview(self, done: Callable[[queries.ClosureReport], None]) -> None:
        try:
            opening = self.count.opening_float_fen()
        except DeskError as error:
            self._say(error_text(error), problem=True)
            return

        def got(report: Any, error: BaseException | None) -> None:
            if error is not None:
                self._say(error_text(error), problem=True)
                return
            done(report)

        day, device, counted = self.business_date(), self.device_id(), self.count.counted()
        note, second = self.note.text(), self.second_id.text()
        self.ctx.query(lambda conn: queries.closure_preview(
            conn, day, device, counted, opening, note=note, second_counter=second), done=got)

    def count_entered(self) -> None:
        """The count is in: now (and only now) show the expected cash and the variance."""
        def show(report: queries.ClosureReport) -> None:
            self.preview = report
            cash = report.numbers["cash"]
            self.expected.setText(self.tr("Expected %1, counted %2, variance %3")
                                  .replace("%1", format_yuan(cash["expected_fen"]))
                                  .replace("%2", format_yuan(cash["counted_fen"]))
                                  .replace("%3", format_yuan(cash["variance_fen"])))
            n = report.numbers
            self.confirm.setVisible(bool(n["unsynced_events"] or n["conflicts_open"]))
            self.note.setPlaceholderText(self.tr("Required: the variance is above the tolerance")
                                         if needs_note(cash["variance_fen"]) else "")
            self.after_count.show()
            self._say("")

        self._preview(show)

    def sign_and_close(self) -> None:
        def signed_twice(report: queries.ClosureReport, first: str | None,
                         second: str | None) -> None:
            if not first or not second:
                self._say(self.tr("No signature: the day was not closed."), problem=True)
                return
            cmd = CloseDay(
                business_date=self.business_date(), counted=self.count.counted(),
                opening_float_fen=report.numbers["cash"]["opening_float_fen"],
                device_id=self.device_id() or "", second_counter_id=self.second_id.text().strip(),
                second_counter_pin=self.second_pin.text(), variance_note=self.note.text(),
                manager_signature_id=first, second_signature_id=second,
                confirm_unsynced=self.confirm.isChecked())
            self.ctx.run_command(cmd, self._closed)

        def sign(report: queries.ClosureReport) -> None:
            words = self.tr("Daily closure %1: counted %2").replace(
                "%1", self.business_date()).replace(
                "%2", format_yuan(report.numbers["cash"]["counted_fen"]))
            self.signature_provider(report.fingerprint, "manager", words, lambda first: (
                self.signature_provider(report.fingerprint, "second", words,
                                        lambda second: signed_twice(report, first, second))))

        self._preview(sign)

    def _closed(self, value: Any, error: BaseException | None) -> None:
        self.second_pin.clear()
        if error is not None:
            self._say(error_text(error), problem=True)
            return
        self._just_closed = self.business_date()
        self._hide_expected()
        self.count.reset()
        self._say(self.tr("Closed: Z%1. Save the PDF and print the summary.")
                  .replace("%1", str(value["z_number"])))
        self.sig_closed.emit(value)
        self.refresh()

    # --- paper --------------------------------------------------------------------------------
    def save_pdf(self) -> None:
        day, device = self.business_date(), self.device_id()
        path = self.choose_pdf_path(f"closure-{day}.pdf")
        if not path:
            return
        closed = self.report is not None and self.report.closed
        copy = closed and self._just_closed != day  # the original is the one made at closing
        if closed and not copy:
            self._just_closed = ""
        printed_at = datetime.now().strftime("%Y-%m-%d %H:%M")

        def saved(size: Any, error: BaseException | None, report: queries.ClosureReport) -> None:
            if error is not None:
                self._say(error_text(error), problem=True)
                return
            self._say(self.tr("Saved: %1").replace("%1", path))
            self.sig_pdf_saved.emit({"path": path, "bytes": size, "copy": copy,
                                     "fingerprint": report.fingerprint,
                                     "z_number": report.z_number})

        def render(report: Any, error: BaseException | None) -> None:
            if error is not None:
                self._say(error_text(error), problem=True)
                return
            # the report is read on the database worker, the PDF rendered on an I/O thread
            freeze_startup_heap()  # a full GC in the render thread would stall the screen
            self.ctx.runner.io(render_pdf, report, path, printed_at=printed_at, copy=copy,
                               done=lambda size, err: saved(size, err, report))

        self.ctx.query(queries.report, day, device, done=render)

    def print_summary(self) -> None:
        if self.printer is None:
            self._say(self.tr("No printer is set up."), problem=True)
            return
        self.printer.print_closure(self.business_date(), self.device_id(),
                                   self.ctx.session.staff_id)
        self._say(self.tr("The summary is queued for the printer."))

    def _ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the closure report"),
                                              suggested, self.tr("PDF (*.pdf)"))
        return str(path)

    def _pad_signature(self, sha: str, signer: str, words: str,
                       done: Callable[[str | None], None]) -> None:
        from ui.signatures.pad import ask_signature

        def signed(signature: Any) -> None:
            if signature is None:
                done(None)
                return
            cmd = CaptureSignature(
                document_kind="closure", document_ref=f"{self.business_date()}",
                document_sha256=sha, signer=signer,
                png_base64=base64.b64encode(signature.png).decode("ascii"),
                strokes=[[[int(v) for v in p] for p in stroke] for stroke in signature.strokes])
            self.ctx.run_command(cmd, lambda value, error: done(
                None if error or not value else str(value.signature_id)))

        who = self.tr("Manager") if signer == "manager" else self.tr("Second person")
        ask_signature(self, f"{who}: {words}", signed, customer_screen=False)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setProperty("problem", problem)
        self.message.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Daily closure"))
        index = max(0, self.scope.currentIndex())
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItems([self.tr("Whole store"), self.tr("This counter")])
        self.scope.setCurrentIndex(index)
        self.scope.blockSignals(False)
        self.pdf_button.setText(self.tr("Save PDF…"))
        self.print_button.setText(self.tr("Print summary"))
        self.close_box.setTitle(self.tr("Close the day: count the cash (blind)"))
        self.count_button.setText(self.tr("Count entered: show expected cash"))
        self.note_label.setText(self.tr("Variance note"))
        self.second_label.setText(self.tr("Second person (staff id)"))
        self.pin_label.setText(self.tr("Second person's PIN"))
        self.confirm.setText(self.tr("Close although events are unsynced or conflicts are "
                                     "open (recorded)"))
        self.close_button.setText(self.tr("Sign and close the day"))
        if self.report is not None:
            self._show_report(self.report)
