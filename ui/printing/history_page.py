"""Print history: every job of this counter with its state; reprint (marked COPY) and settle the
jobs nobody knows whether they printed (the app stopped while sending)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QLocale, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.platform.changes import Changed
from desk.printjobs import queue as q
from desk.printjobs.commands import CancelPrintJob, SettlePrintJob
from ui.context import AppContext
from ui.errors import error_text
from ui.i18n import current_language
from ui.printing.service import can_reprint
from ui.table_model import Column, RowTableModel
from ui.widgets.naming import named

translate = QCoreApplication.translate
REFERENCE_COLUMN = 3  # "For": the receipt, ticket or day the document is about


def status_name(status: str) -> str:
    return {
        "queued": translate("print_history", "waiting"),
        "held": translate("print_history", "held (printer not ready)"),
        "sending": translate("print_history", "printing"),
        "printed": translate("print_history", "printed"),
        "failed": translate("print_history", "failed, will retry"),
        "uncertain": translate("print_history", "unknown: check the printer"),
        "cancelled": translate("print_history", "cancelled"),
    }.get(status, status)


def document_name(kind: str) -> str:
    """Every document kind the printing capability produces, in words (printing/documents.py,
    printing/closure_print.py)."""
    return {
        "return_receipt": translate("print_history", "Return receipt (customer)"),
        "return_receipt_store": translate("print_history", "Return receipt (store)"),
        "return_pending": translate("print_history", "Return waiting for approval (customer)"),
        "return_pending_store": translate("print_history",
                                          "Return waiting for approval (store)"),
        "compensation_slip": translate("print_history", "Compensation slip (customer)"),
        "compensation_slip_store": translate("print_history", "Compensation slip (store)"),
        "intake_slip": translate("print_history", "Repair intake slip"),
        "quote": translate("print_history", "Repair quote"),
        "completion": translate("print_history", "Repair completion certificate"),
        "closure": translate("print_history", "Daily closure summary"),
    }.get(kind, translate("print_history", "Other document"))


def when(ms: Any) -> str:
    """A job's time as a person reads it: "12月1日 14:05", "1 Dec 14:05" (the year when it is
    not this year's)."""
    if not ms:
        return ""
    at = datetime.fromtimestamp(int(ms) / 1000)
    this_year = at.year == datetime.now().year
    if current_language() == "en":
        pattern = "d MMM HH:mm" if this_year else "d MMM yyyy HH:mm"
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    else:
        pattern = "M月d日 HH:mm" if this_year else "yyyy年M月d日 HH:mm"
        locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    return locale.toString(QDateTime.fromMSecsSinceEpoch(int(ms)), pattern)


def load_history(_conn: Any, db: Any) -> list[q.Job]:
    return q.history(db, limit=200)


class PrintHistoryPage(QWidget):
    shows = frozenset({Changed.PRINT_JOBS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.printer: Any = None  # ui.printing.service.PrinterService, set by the app
        self.heading = named(QLabel(), "pageTitle")
        self.message = named(QLabel(), "hint")
        self.model = RowTableModel([
            Column("job_id", lambda: translate("print_history", "Job")),
            Column("created_ms", lambda: translate("print_history", "Queued"), when),
            Column("document_kind", lambda: translate("print_history", "Document"),
                   document_name),
            Column("reference", lambda: translate("print_history", "For")),
            Column("is_copy", lambda: translate("print_history", "Copy"),
                   lambda v: translate("print_history", "copy") if v else ""),
            Column("status", lambda: translate("print_history", "State"), status_name),
        ], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        # Each column as wide as its words; the reference takes what is left, so nothing is cut
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REFERENCE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.reprint_button = QPushButton()
        self.printed_button = QPushButton()
        self.again_button = QPushButton()
        self.cancel_button = QPushButton()
        buttons = QHBoxLayout()
        for b in (self.reprint_button, self.printed_button, self.again_button,
                  self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        from ui.printing.preview import PrintPreview

        self.preview = PrintPreview()  # what the selected job looks like on paper
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.view)
        self.body.addWidget(self.preview)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        self.body.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.reprint_button.clicked.connect(self.reprint)
        self.printed_button.clicked.connect(lambda: self.settle(printed=True))
        self.again_button.clicked.connect(lambda: self.settle(printed=False))
        self.cancel_button.clicked.connect(self.cancel)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, step in (("Ctrl++", 1), ("Ctrl+=", 1), ("Ctrl+-", -1)):
            QShortcut(QKeySequence(keys), self, lambda s=step: self.preview.zoom_by(s),
                      context=context)
        QShortcut(QKeySequence("Ctrl+0"), self, self.preview.fit_width, context=context)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        self.ctx.query(load_history, self.ctx.db, done=self._loaded)

    def _loaded(self, rows: Any, error: BaseException | None) -> None:
        if error is not None:
            self.message.setText(error_text(error))
            return
        current = self.selected()
        self.model.set_rows(rows)
        again = next((i for i, job in enumerate(rows)
                      if current is not None and job.job_id == current.job_id), None)
        if again is not None:
            self.view.selectRow(again)  # the same job stays selected, with its new state
        self.enable()

    def enable(self) -> None:
        """Only the buttons that can act on the selected job are enabled."""
        job = self.selected()
        self.reprint_button.setEnabled(job is not None and self.printer is not None
                                       and can_reprint(job.document_kind))
        unknown = job is not None and job.status == q.UNCERTAIN
        self.printed_button.setEnabled(unknown)
        self.again_button.setEnabled(unknown)
        self.cancel_button.setEnabled(job is not None and job.status in q.CANCELLABLE)

    def selected(self) -> q.Job | None:
        """The job the clerk chose (a selected row; the view's current cell alone is not a
        choice: the view puts it on the first row by itself)."""
        rows = self.view.selectionModel().selectedRows()
        job: q.Job | None = self.model.row_at(rows[0].row()) if rows else None
        return job

    def show_selected(self) -> None:
        """Render the selected job's bytes to a picture of the paper, off the GUI thread."""
        job = self.selected()
        self.enable()
        if job is None:
            self.preview.clear()
            return
        profile = self.printer.profile if self.printer is not None else "80mm-cn-qr-cut"

        def render(data: bytes) -> bytes:
            from printing.preview import render_png
            from printing.profiles import get_profile

            return render_png(data, get_profile(profile).dots)

        def read(stored: Any, error: BaseException | None) -> None:
            # the bytes are read on the database worker, the picture drawn on the I/O pool
            if error is None and self.selected() is job:
                self.ctx.runner.io(render, stored.data, done=shown)

        def shown(png: Any, error: BaseException | None) -> None:
            if error is None and self.selected() is job:
                self.preview.show_png(png, f"#{job.job_id} {document_name(job.document_kind)}")

        self.ctx.query(q.get_on, job.job_id, done=read)

    def reprint(self) -> None:
        job = self.selected()
        if job is None or self.printer is None:
            return
        def done(_value: Any, error: BaseException | None) -> None:
            self.message.setText(error_text(error) if error else translate(
                "print_history", "A copy of job %1 is queued.").replace("%1", str(job.job_id)))
            self.refresh()

        self.printer.reprint(job, self.ctx.session.staff_id, done)

    def settle(self, printed: bool) -> None:
        job = self.selected()
        if job is None or job.status != q.UNCERTAIN:
            self.message.setText(translate("print_history",
                                           "Choose a job whose state is unknown."))
            return

        def done(_value: Any, error: BaseException | None) -> None:
            self.message.setText(error_text(error) if error else "")
            if self.printer is not None and self.printer.worker is not None:
                self.printer.worker.kick()
            self.refresh()

        self.ctx.run_command(SettlePrintJob(job.job_id, printed), done)

    def cancel(self) -> None:
        job = self.selected()
        if job is None or job.status not in q.CANCELLABLE:
            return

        def done(_value: Any, error: BaseException | None) -> None:
            self.message.setText(error_text(error) if error else translate(
                "print_history", "Job %1 is cancelled: it will not print.").replace(
                "%1", str(job.job_id)))
            self.refresh()

        self.ctx.run_command(CancelPrintJob(job.job_id), done)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(translate("print_history", "Print history"))
        self.reprint_button.setText(translate("print_history", "Reprint (marked COPY)"))
        self.printed_button.setText(translate("print_history", "It printed"))
        self.again_button.setText(translate("print_history", "Send it again"))
        self.cancel_button.setText(translate("print_history", "Cancel the job"))
        self.model.retranslate()
        self.enable()
