"""A ticket's evidence photos as thumbnails. A photo this counter lacks (taken on another counter)
reads "Photo being fetched…" while it is fetched from the central server (ctx.fetch_photo, on
the I/O worker: the GUI never waits), then shows; a photo that cannot be had says why.

Reading the files and fetching both run on ctx.runner.io; the GUI thread only turns the
checked bytes into a picture."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desk.repairs.evidence import blob_path, check_photo, evidence_root, photo_ok
from ui.context import AppContext
from ui.errors import error_text

THUMB = 96


def read_checked(root: Path, sha256: str) -> bytes | None:
    """The photo's bytes when this counter has it intact, else None (I/O worker)."""
    if not photo_ok(root, sha256):
        return None
    return blob_path(root, sha256).read_bytes()


def fetch_and_read(fetch: Any, root: Path, sha256: str) -> bytes:
    """Fetch the photo (verified by re-hashing before it is kept), then its bytes (I/O worker)."""
    photo = fetch(sha256)
    check_photo(root, photo.sha256)
    return blob_path(root, photo.sha256).read_bytes()


def photos_of(detail: Any) -> list[str]:
    """The photos of a ticket (a TicketDetail): its intake's, then its checks', each once."""
    found: list[str] = list(dict.fromkeys(detail.intake.photo_hashes))
    for step in detail.steps:
        for view in step:
            sha = str(view.shown.get("photo_sha256", ""))
            if sha and sha not in found:
                found.append(sha)
    return found


class PhotoStrip(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hashes: list[str] = []
        self.labels: dict[str, QLabel] = {}
        self.state: dict[str, str] = {}  # sha -> loading, fetching, shown, unavailable
        self.errors: dict[str, BaseException] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)

    @property
    def root(self) -> Path:
        return evidence_root(self.ctx.db.path)

    def show_photos(self, hashes: list[str]) -> None:
        """Show these photos (the same list again keeps what is on screen)."""
        if hashes == self.hashes:
            return
        for label in self.labels.values():
            self._layout.removeWidget(label)
            label.deleteLater()
        self.hashes, self.labels, self.state, self.errors = list(hashes), {}, {}, {}
        for sha in hashes:
            label = QLabel()
            label.setFixedSize(THUMB, THUMB)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            self.labels[sha] = label
            self._layout.insertWidget(self._layout.count() - 1, label)
            self._set(sha, "loading")
            self.ctx.runner.io(read_checked, self.root, sha, done=partial(self._read, sha))

    def _read(self, sha: str, data: bytes | None, error: BaseException | None) -> None:
        if sha not in self.labels:
            return  # another ticket is shown by now
        if data is not None:
            self._picture(sha, data)
        elif error is None and self.ctx.fetch_photo is not None:
            self._set(sha, "fetching")
            self.ctx.runner.io(fetch_and_read, self.ctx.fetch_photo, self.root, sha,
                               done=partial(self._fetched, sha))
        else:
            self._unavailable(sha, error)

    def _fetched(self, sha: str, data: bytes | None, error: BaseException | None) -> None:
        if sha not in self.labels:
            return
        if error is not None or data is None:
            self._unavailable(sha, error)
        else:
            self._picture(sha, data)

    def _picture(self, sha: str, data: bytes) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self._unavailable(sha, None)
            return
        self.state[sha] = "shown"
        self.labels[sha].setPixmap(pixmap.scaled(
            THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def _unavailable(self, sha: str, error: BaseException | None) -> None:
        if error is not None:
            self.errors[sha] = error
        self._set(sha, "unavailable")

    def _set(self, sha: str, state: str) -> None:
        self.state[sha] = state
        label = self.labels[sha]
        if state == "loading":
            label.setText(self.tr("Photo…"))
        elif state == "fetching":
            label.setText(self.tr("Photo being fetched…"))
        elif state == "unavailable":
            error = self.errors.get(sha)
            label.setText(self.tr("Photo not available") if error is None else
                          self.tr("Photo not available") + "\n" + error_text(error))
        label.setToolTip(label.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for sha, state in self.state.items():
                if state != "shown":
                    self._set(sha, state)
        super().changeEvent(event)
