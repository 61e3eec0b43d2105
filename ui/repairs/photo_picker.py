"""Where a check's photo comes from: the newest pictures the phone or camera dropped into the
photo inbox (desk/repairs/photo_inbox.py), shown as thumbnails, a photo taken with a camera on
this PC (ui/repairs/camera_capture.py: it is put into the inbox and taken from there like any
other), or a file chosen by hand.

The folder is read and the thumbnails are made on the I/O pool (the inbox may be a network
share); the list follows the folder while the dialog is open (a file-system watcher, and F5).
Keyboard: arrows pick a picture, Enter takes it, F3 opens the camera, Ctrl+O opens a file, Esc
cancels. (F3, not Ctrl+K: Ctrl+K is the whole app's "go to any page".)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.repairs.evidence import MAX_PHOTO_BYTES
from desk.repairs.photo_inbox import InboxPhoto, inbox_folder, newest_photos
from ui.context import AppContext
from ui.errors import error_text
from ui.repairs.camera_capture import CameraCapture, CameraWatch

THUMB = 160  # px: big enough to tell one seam from another at arm's length
Thumbs = list[tuple[InboxPhoto, QImage]]


def thumbnails(folder: Path) -> Thumbs:
    """The inbox's newest pictures with their thumbnails (on a worker: QImage is safe there)."""
    found: Thumbs = []
    for picture in newest_photos(folder):
        image = QImage()
        if picture.size <= MAX_PHOTO_BYTES and image.load(str(picture.path)):
            image = image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        found.append((picture, image))
    return found


class PhotoPicker(QDialog):
    """`chosen(path, from_inbox)` when the technician takes a picture."""

    chosen = Signal(Path, bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.folder: Path | None = None
        self.pictures: list[InboxPhoto] = []
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self.refresh())
        self.setWindowTitle(self.tr("Add a photo"))
        self.setMinimumSize(720, 520)
        layout = QVBoxLayout(self)
        self.where = QLabel()
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 24, THUMB + 40))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.itemActivated.connect(lambda _item: self.take())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        layout.addWidget(self.list, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.take_button = QPushButton(self.tr("Use this photo (Enter)"))
        self.camera_button = QPushButton(self.tr("Camera… (F3)"))
        self.file_button = QPushButton(self.tr("From a file… (Ctrl+O)"))
        self.refresh_button = QPushButton(self.tr("Look again (F5)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for button in (self.take_button, self.camera_button, self.file_button,
                       self.refresh_button, self.cancel_button):
            button.setMinimumHeight(48)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.take_button.setDefault(True)
        self.take_button.clicked.connect(self.take)
        self.camera_button.clicked.connect(self.open_camera)
        self.file_button.clicked.connect(self.from_file)
        self.refresh_button.clicked.connect(self.refresh)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+O"), self, self.from_file)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_F3), self,
                  lambda: self.open_camera() if self.camera_button.isEnabled() else None)
        layout.addLayout(buttons)
        self.camera_note = QLabel()  # why the camera button is off, when it is
        self.camera_note.setWordWrap(True)
        layout.addWidget(self.camera_note)
        self.cameras = CameraWatch(self)
        self.cameras.changed.connect(self._enable)
        self.camera_dialog: CameraCapture | None = None
        self._enable()
        self.ctx.query(inbox_folder, self.ctx.db.path, done=self._located)

    # --- the inbox ------------------------------------------------------------------------------
    def _located(self, folder: Any, error: BaseException | None) -> None:
        if error is not None:
            self.message.setText(error_text(error))
            return
        self.folder = Path(folder)
        self.where.setText(self.tr("Pictures the phone or camera put in %1 — newest first.")
                           .replace("%1", str(self.folder)))
        self.refresh()

    def refresh(self) -> None:
        if self.folder is None:
            return
        self.ctx.runner.io(thumbnails, self.folder, done=self._listed)

    def _listed(self, found: Any, error: BaseException | None) -> None:
        if error is not None:
            self.message.setText(self.tr("The photo folder cannot be read: %1")
                                 .replace("%1", str(error)))
            return
        if self.folder is not None and str(self.folder) not in self.watcher.directories():
            self.watcher.addPath(str(self.folder))  # it exists now: newest_photos made it
        keep = self.pictures[self.list.currentRow()].path if self.list.currentRow() >= 0 \
            and self.list.currentRow() < len(self.pictures) else None
        self.list.clear()
        self.pictures = [picture for picture, _image in found]
        for picture, image in found:
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), picture.name)
            item.setToolTip(picture.name)
            self.list.addItem(item)
        paths = [p.path for p in self.pictures]
        self.list.setCurrentRow(paths.index(keep) if keep in paths else 0 if paths else -1)
        self.message.setText("" if self.pictures else self.tr(
            "No picture in the folder yet: take one with the phone, or choose a file."))
        self._enable()
        self.list.setFocus()

    def _enable(self) -> None:
        self.take_button.setEnabled(0 <= self.list.currentRow() < len(self.pictures))
        problem = self.cameras.problem
        self.camera_button.setEnabled(not problem and self.folder is not None)
        self.camera_note.setText(problem)
        self.camera_note.setVisible(bool(problem))

    # --- choosing -------------------------------------------------------------------------------
    def take(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.pictures):
            return
        self.chosen.emit(self.pictures[row].path, True)
        self.accept()

    def open_camera(self) -> None:
        """The camera dialog; the photo it puts in the inbox is taken like an inbox picture."""
        if self.folder is None:
            return
        self.camera_dialog = CameraCapture(self.ctx, self.folder, self)
        self.camera_dialog.saved.connect(self._photographed)
        self.camera_dialog.open()

    def _photographed(self, path: Path) -> None:
        self.chosen.emit(path, True)
        self.accept()

    def from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a photo"), "",
                                              self.tr("Photos (*.png *.jpg *.jpeg)"))
        if path:
            self.chosen.emit(Path(path), False)
            self.accept()
