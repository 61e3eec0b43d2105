"""A check's photo taken with a camera on the counter PC (Qt Multimedia, the `camera` extra).

The dialog shows the camera's live picture (a chooser when there are several cameras, following
them as they are plugged in and out); Space or Enter takes the photo, which is shown to be used
(Enter) or taken again (Space); Esc cancels. A photo used is encoded as JPEG on the I/O pool and
written into the photo inbox with a timestamped name, so that it goes the inbox picture's one
way (ui/repairs/photo_picker.py -> desk.repairs.photo_inbox.take_photo): checked, stored by its
hash, moved to taken/ — and, when it is refused or the app stops before it is stored, still in
the inbox to be picked again rather than lost.

Qt Multimedia is optional: this module imports it only inside functions and the dialog, after
`multimedia_loads()` said yes. Without it (or without libpulse on Linux, or without a camera)
the picker's camera button is disabled and says why; photos come through the inbox.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage, QImageWriter, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.platform.errors import DeskError
from desk.repairs.evidence import MAX_PHOTO_BYTES
from ui.context import AppContext

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QCamera, QCameraDevice, QImageCapture, QMediaDevices

log = logging.getLogger(__name__)

MODULES = ("PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets")
# JPEG qualities tried in turn, then the picture halved, until it fits MAX_PHOTO_BYTES: 90 keeps
# a seam's stitches and a serial plate readable; a camera's still is a few MB at most, so the
# later steps are for a very large sensor only.
QUALITIES = (90, 80, 70, 60)
SMALLEST_SIDE = 320  # px: below this a photo shows nothing worth keeping
BUTTON_HEIGHT = 48  # px: big enough for a gloved finger on a touch screen (>= 44)
_told: set[str] = set()


def multimedia_loads() -> bool:
    """Whether Qt Multimedia is installed and loads here (the `camera` extra; on Linux it needs
    libpulse0 too). Why it does not is logged once, for support: the screen says it plainly."""
    from PySide6.QtCore import QLoggingCategory

    # The FFmpeg backend looks for optional libraries (PipeWire, VA-API hardware decoding) and
    # warns about each one missing, which is normal on a counter PC: not worth the log's space.
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false")
    try:
        for name in MODULES:
            importlib.import_module(name)
    except ImportError as err:
        if str(err) not in _told:
            _told.add(str(err))
            log.info("camera capture off: Qt Multimedia does not load (%s)", err)
        return False
    return True


def video_inputs() -> list[QCameraDevice]:
    """The cameras Qt Multimedia sees now (call only after multimedia_loads())."""
    from PySide6.QtMultimedia import QMediaDevices

    return list(QMediaDevices.videoInputs())


class CameraWatch(QObject):
    """For the picker: whether a photo can be taken with a camera here, and why not
    (`problem`), following the cameras as they come and go (`changed` after each change)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loads = multimedia_loads()
        self.devices: QMediaDevices | None = None
        if self.loads:
            from PySide6.QtMultimedia import QMediaDevices

            self.devices = QMediaDevices(self)
            self.devices.videoInputsChanged.connect(self.recount)
        self.problem = ""  # "" when there is a camera to use, else what the technician reads
        self.recount()

    def recount(self) -> None:
        if not self.loads:
            self.problem = self.tr("Taking photos with a camera is not installed on this "
                                   "counter: take the photo with the phone, it arrives in the "
                                   "photo folder.")
        elif not video_inputs():
            self.problem = self.tr("No camera is connected to this counter: take the photo "
                                   "with the phone, it arrives in the photo folder.")
        else:
            self.problem = ""
        self.changed.emit()


# --- encoding and the inbox (on the I/O pool: QImage is safe off the GUI thread) ---------------
def jpeg_bytes(image: QImage, limit: int = MAX_PHOTO_BYTES) -> bytes:
    """The photo as JPEG within `limit` bytes: the best quality that fits, else smaller."""
    if image.isNull():
        raise DeskError("repair.photo_not_image")
    picture = image
    while True:
        for quality in QUALITIES:
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            writer = QImageWriter(buffer, QByteArray(b"jpeg"))  # (QImage.save's stub is wrong)
            writer.setQuality(quality)
            if not writer.write(picture):
                raise DeskError("repair.photo_not_image")
            if data.size() <= limit:
                return bytes(data.data())
        if max(picture.width(), picture.height()) // 2 < SMALLEST_SIDE:
            raise DeskError("repair.photo_too_large", size=data.size(), limit=limit)
        picture = picture.scaled(picture.width() // 2, picture.height() // 2,
                                 Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)


def save_to_inbox(image: QImage, folder: Path, taken_at: datetime,
                  limit: int = MAX_PHOTO_BYTES) -> Path:
    """Encode the photo and put it in the inbox as `camera-YYYYMMDD-HHMMSS-<hash>.jpg`.

    It is written under a name the inbox does not list (`.camera-….part`), synced, then renamed:
    a picker on this or another counter (a shared inbox) never shows half a photo. The hash in
    the name keeps two photos of the same second apart; the same photo twice is the same file."""
    data = jpeg_bytes(image, limit)
    name = f"camera-{taken_at:%Y%m%d-%H%M%S}-{hashlib.sha256(data).hexdigest()[:8]}.jpg"
    folder.mkdir(parents=True, exist_ok=True)
    fd, part = tempfile.mkstemp(dir=folder, prefix=".camera-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        target = folder / name
        os.replace(part, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise
    return target


# --- the dialog -------------------------------------------------------------------------------
class CameraCapture(QDialog):
    """`saved(path)` once the photo used is in the inbox. Needs multimedia_loads()."""

    saved = Signal(Path)

    def __init__(self, ctx: AppContext, folder: Path, parent: QWidget | None = None) -> None:
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QMediaDevices
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        self.ctx = ctx
        self.folder = folder
        self.mode = "live"  # live -> review -> saving (-> done), or back to live to take again
        self.still: QImage | None = None
        self.taken_at: datetime | None = None
        self.saved_path: Path | None = None
        self.problem = ""  # why no photo can be taken now (no camera, a camera error), or ""
        self.setWindowTitle(self.tr("Take a photo"))
        self.setMinimumSize(640, 560)
        self.resize(900, 700)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Space and Enter come to the dialog
        layout = QVBoxLayout(self)

        self.chooser_row = QWidget()
        row = QHBoxLayout(self.chooser_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.chooser_label = QLabel(self.tr("Camera:"))
        self.chooser = QComboBox()
        self.chooser.setMinimumHeight(BUTTON_HEIGHT)
        self.chooser.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # ↑/↓ choose: Space stays "take"
        row.addWidget(self.chooser_label)
        row.addWidget(self.chooser, 1)
        layout.addWidget(self.chooser_row)

        self.view = QStackedWidget()
        self.viewfinder = QVideoWidget()
        self.viewfinder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.still_label = QLabel()
        self.still_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.still_label.setMinimumSize(320, 240)
        self.notice = QLabel()  # in the viewfinder's place when there is nothing to see
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.setMargin(24)
        font = self.notice.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.notice.setFont(font)
        self.view.addWidget(self.viewfinder)
        self.view.addWidget(self.still_label)
        self.view.addWidget(self.notice)
        layout.addWidget(self.view, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.take_button = QPushButton(self.tr("Take the photo (Space)"))
        self.use_button = QPushButton(self.tr("Use this photo (Enter)"))
        self.retake_button = QPushButton(self.tr("Take again (Space)"))
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        for button in (self.take_button, self.use_button, self.retake_button,
                       self.cancel_button):
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        self.take_button.clicked.connect(self.take)
        self.use_button.clicked.connect(self.use)
        self.retake_button.clicked.connect(self.retake)
        self.cancel_button.clicked.connect(self.reject)
        layout.addLayout(buttons)

        self.camera: QCamera = QCamera(self)
        self.capture: QImageCapture = QImageCapture(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.capture)
        self.session.setVideoOutput(self.viewfinder)
        self.camera.errorOccurred.connect(self.camera_failed)
        self.camera.activeChanged.connect(lambda _active: self._show_state())
        self.capture.imageCaptured.connect(self.captured)
        self.capture.errorOccurred.connect(self.capture_failed)
        self.capture.readyForCaptureChanged.connect(lambda _ready: self._show_state())
        self.devices = QMediaDevices(self)
        self.devices.videoInputsChanged.connect(self.cameras_changed)
        self.chooser.currentIndexChanged.connect(lambda _i: self._use_chosen())
        self.cameras_changed()

    # --- cameras --------------------------------------------------------------------------------
    def cameras_changed(self) -> None:
        """The cameras now: the chosen one kept while it is there, else the default one."""
        cameras = video_inputs()
        current = self.camera.cameraDevice().id()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for device in cameras:
            self.chooser.addItem(device.description(), device)
        ids = [device.id() for device in cameras]
        default = next((i for i, d in enumerate(cameras) if d.isDefault()), 0)
        self.chooser.setCurrentIndex(ids.index(current) if current in ids else default)
        self.chooser.blockSignals(False)
        self.chooser_row.setVisible(len(cameras) > 1)
        if not cameras:
            self.camera.stop()
            self.problem = self._no_camera()
        elif self.chooser.currentData().id() != current or not self.camera.isActive():
            self._use_chosen()
        self._show_state()

    def _no_camera(self) -> str:
        return self.tr("No camera is connected to this counter: take the photo with the "
                       "phone, it arrives in the photo folder.")

    def _use_chosen(self) -> None:
        device = self.chooser.currentData()
        if device is None:
            return
        self.problem = ""
        self.camera.stop()
        self.camera.setCameraDevice(device)
        self.camera.start()

    def camera_failed(self, *_error: Any) -> None:
        """QCamera.errorOccurred: said in words (Qt's own words go to the log for support)."""
        log.warning("camera %r: %s", self.camera.cameraDevice().description(),
                    self.camera.errorString())
        self.problem = self.tr("The camera does not work: check its cable, choose another "
                               "camera, or take the photo with the phone.") \
            if self.chooser.count() else self._no_camera()
        self._show_state()

    # --- taking ---------------------------------------------------------------------------------
    def take(self) -> None:
        if self.mode != "live" or not self.capture.isReadyForCapture():
            return
        self.capture.capture()  # its picture comes back through imageCaptured -> captured

    @Slot(int, QImage)
    def captured(self, _request: int, image: QImage) -> None:
        """The photo just taken (QImageCapture.imageCaptured), shown to be used or taken again."""
        if self.mode != "live" or image.isNull():
            return
        self.still = image
        self.taken_at = self.ctx.bus.clock.local_now()
        self.mode = "review"
        self.view.setCurrentWidget(self.still_label)
        self._fit_still()
        self._show_state()

    def capture_failed(self, *_error: Any) -> None:
        log.warning("camera capture: %s", self.capture.errorString())
        self.message.setText(self.tr("The camera could not take the photo: try again."))

    def retake(self) -> None:
        if self.mode != "review":
            return
        self.still = None
        self.mode = "live"
        self._show_state()  # the viewfinder again (or what keeps it from showing)

    def use(self) -> None:
        if self.mode != "review" or self.still is None or self.taken_at is None:
            return
        self.mode = "saving"
        self._show_state()
        self.ctx.runner.io(save_to_inbox, self.still, self.folder, self.taken_at,
                           done=self._saved)

    def _saved(self, path: Any, error: BaseException | None) -> None:
        if error is not None:
            log.warning("camera photo not saved in %s: %s", self.folder, error)
            if self.mode != "saving":
                return  # cancelled meanwhile: nothing was kept, nothing to say
            self.mode = "review"  # the photo is still here: try again, or cancel
            self._show_state()
            self.message.setText(self.tr("The photo could not be saved in the photo folder %1. "
                                         "Check that the folder can be reached and try again.")
                                 .replace("%1", str(self.folder)))
            return
        self.saved_path = Path(path)
        if self.mode != "saving":
            return  # cancelled meanwhile: the photo waits in the inbox, listed by the picker
        self.mode = "done"
        self.saved.emit(self.saved_path)
        self.accept()

    # --- what the screen shows ------------------------------------------------------------------
    def _show_state(self) -> None:
        live, review = self.mode == "live", self.mode == "review"
        ready = live and not self.problem and self.capture.isReadyForCapture()
        self.take_button.setVisible(live)
        self.take_button.setEnabled(ready)
        self.use_button.setVisible(not live)
        self.use_button.setEnabled(review)
        self.retake_button.setVisible(not live)
        self.retake_button.setEnabled(review)
        if live:  # the problem, big, where the picture would be; else the live picture
            self.notice.setText(self.problem)
            self.view.setCurrentWidget(self.notice if self.problem else self.viewfinder)
        if self.mode == "saving":
            text = self.tr("Saving the photo…")
        elif review:
            text = self.tr("Enter uses this photo, Space takes it again, Esc cancels.")
        elif self.problem:
            text = ""
        elif ready:
            text = self.tr("Space or Enter takes the photo.")
            if self.chooser_row.isVisibleTo(self):
                text += " " + self.tr("↑ and ↓ choose another camera.")
        else:
            text = self.tr("Starting the camera…")
        self.message.setText(text)

    def _fit_still(self) -> None:
        if self.still is None:
            return
        self.still_label.setPixmap(QPixmap.fromImage(self.still).scaled(
            self.still_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_still()

    # --- keyboard and closing -------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.use() if self.mode == "review" else self.take()
        elif key == Qt.Key.Key_Space:
            self.retake() if self.mode == "review" else self.take()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.mode == "live" \
                and self.chooser.count() > 1:
            step = -1 if key == Qt.Key.Key_Up else 1
            self.chooser.setCurrentIndex((self.chooser.currentIndex() + step)
                                         % self.chooser.count())
        else:
            super().keyPressEvent(event)  # Esc cancels
            return
        event.accept()

    def done(self, result: int) -> None:
        """Accepted or cancelled: the camera is let go (its light goes off) at once."""
        self.camera.stop()
        if self.mode != "done":
            self.mode = "closed"
        super().done(result)
