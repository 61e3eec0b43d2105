"""Print history: every job of this counter with its state; reprint (marked COPY) and settle the
jobs nobody knows whether they printed (the app stopped while sending)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.platform.changes import Changed
from desk.printjobs import queue as q
from desk.printjobs.commands import SettlePrintJob
from ui.context import AppContext
from ui.errors import error_text
from ui.table_model import Column, RowTableModel
from ui.widgets.naming import named

translate = QCoreApplication.translate


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


def _when(ms: Any) -> str:
    return datetime.fromtimestamp(int(ms) / 1000).strftime("%m-%d %H:%M:%S") if ms else ""


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
            Column("created_ms", lambda: translate("print_history", "Queued"), _when),
            Column("document_kind", lambda: translate("print_history", "Document")),
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
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.reprint_button = QPushButton()
        self.printed_button = QPushButton()
        self.again_button = QPushButton()
        buttons = QHBoxLayout()
        for b in (self.reprint_button, self.printed_button, self.again_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        from ui.printing.preview import PrintPreview

        self.preview = PrintPreview()  # what the selected job looks like on paper
        body = QHBoxLayout()
        body.addWidget(self.view, 3)
        body.addWidget(self.preview, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())
        self.reprint_button.clicked.connect(self.reprint)
        self.printed_button.clicked.connect(lambda: self.settle(printed=True))
        self.again_button.clicked.connect(lambda: self.settle(printed=False))
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        self.ctx.query(load_history, self.ctx.db, done=self._loaded)

    def _loaded(self, rows: Any, error: BaseException | None) -> None:
        if error is not None:
            self.message.setText(error_text(error))
            return
        self.model.set_rows(rows)

    def selected(self) -> q.Job | None:
        index = self.view.currentIndex()
        job: q.Job | None = self.model.row_at(index.row()) if index.isValid() else None
        return job

    def show_selected(self) -> None:
        """Render the selected job's bytes to a picture of the paper, off the GUI thread."""
        job = self.selected()
        if job is None:
            self.preview.clear()
            return
        profile = self.printer.profile if self.printer is not None else "80mm-cn-qr-cut"

        def render() -> bytes:
            from printing.preview import render_png
            from printing.profiles import get_profile

            return render_png(q.get(self.ctx.db, job.job_id).data, get_profile(profile).dots)

        def shown(png: Any, error: BaseException | None) -> None:
            if error is None and self.selected() is job:
                self.preview.show_png(png, f"#{job.job_id} {job.document_kind}")

        self.ctx.runner.io(render, done=shown)

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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(translate("print_history", "Print history"))
        self.reprint_button.setText(translate("print_history", "Reprint (marked COPY)"))
        self.printed_button.setText(translate("print_history", "It printed"))
        self.again_button.setText(translate("print_history", "Send it again"))
        self.model.retranslate()
