"""A check's photo taken with a camera on the counter PC (ui/repairs/camera_capture.py).

This machine has no camera (no v4l2 device), so what is tested is what can be, with the real Qt
Multimedia of the `camera` extra: the picker's camera button and its words when there is no
camera (the real QMediaDevices) and when Qt Multimedia does not load (its import refused); the
camera list followed; the dialog's words with no camera and on a camera error; and a photo handed
to the dialog's capture slot (the one QImageCapture.imageCaptured is connected to) through the
keyboard, the JPEG encoding on the I/O pool, the inbox file, the picker's `chosen` and the
workshop storing it as the check's photo (stored by hash, moved to taken/)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.platform.errors import DeskError
from desk.repairs.evidence import MAX_PHOTO_BYTES, blob_path, evidence_root, image_type
from desk.repairs.photo_inbox import SetPhotoInbox, newest_photos
from tests.repairs.helpers import TECH, open_ticket, record_of, walk
from tests.returns.seed import ADMIN
from ui.context import AppContext
from ui.repairs import camera_capture
from ui.repairs.camera_capture import CameraCapture, jpeg_bytes, save_to_inbox, video_inputs
from ui.repairs.photo_picker import PhotoPicker
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]


def a_photo(width: int = 800, height: int = 600, noise: bool = False) -> QImage:
    """What a camera hands over: a picture with something in it (noise: hard to compress)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#d9d2c5"))
    if noise:
        data = os.urandom(width * height * 4)
        image = QImage(data, width, height, QImage.Format.Format_RGB32).copy()
    painter = QPainter(image)
    painter.fillRect(width // 4, height // 4, width // 2, height // 2, QColor("#8a1c1c"))
    painter.end()
    return image


@pytest.fixture
def ctx(store, tmp_path):
    store.dispatch(SetPhotoInbox(folder=str(tmp_path / "inbox")), ADMIN)
    runner = TaskRunner()
    context = AppContext(store.db, store, runner)
    context.session.staff_id, context.session.role = TECH, "technician"
    yield context
    runner.shutdown(wait=True)


def picker_on(qtbot, ctx) -> PhotoPicker:
    picker = PhotoPicker(ctx)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.folder is not None, timeout=5000)
    return picker


def camera_on(qtbot, ctx, folder: Path) -> CameraCapture:
    dialog = CameraCapture(ctx, folder)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


# --- the picker's camera button -------------------------------------------------------------------
def test_without_a_camera_the_button_is_off_and_says_why(qtbot, ctx):
    picker = picker_on(qtbot, ctx)
    assert picker.cameras.loads  # the `camera` extra is installed for the tests
    if video_inputs():  # a developer's PC with a webcam: the button is on, nothing to explain
        assert picker.camera_button.isEnabled() and not picker.camera_note.isVisible()
        return
    assert not picker.camera_button.isEnabled()
    assert picker.camera_note.isVisible()
    assert picker.camera_note.text().startswith("No camera is connected to this counter")
    assert "phone" in picker.camera_note.text()
    assert picker.camera_button.height() >= 44
    qtbot.keyClick(picker, Qt.Key.Key_F3)  # the shortcut does nothing either
    assert picker.camera_dialog is None


def test_without_qt_multimedia_the_picker_still_works_and_says_so(qtbot, ctx, monkeypatch):
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # `import` now refuses it
    picker = picker_on(qtbot, ctx)
    assert not picker.cameras.loads and picker.cameras.devices is None
    assert not picker.camera_button.isEnabled()
    assert picker.camera_note.text().startswith("Taking photos with a camera is not installed")
    assert picker.file_button.isEnabled() and picker.refresh_button.isEnabled()


def test_the_app_starts_without_qt_multimedia_and_does_not_load_it_early():
    """The app does not load Qt Multimedia at start-up (~30 ms on first use: the picker does,
    when it opens), and the workshop (so the picker) imports fine when Qt Multimedia is
    missing."""
    early = ("import sys, ui.app, ui.repairs.workshop_page\n"
             "print(sorted(m for m in sys.modules if 'Multimedia' in m))\n")
    missing = ("import sys; sys.modules['PySide6.QtMultimedia'] = None\n"
               "import ui.app, ui.repairs.workshop_page\n"
               "from ui.repairs.camera_capture import multimedia_loads\n"
               "print(multimedia_loads())\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for code, said in ((early, "[]"), (missing, "False")):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                             text=True, timeout=60, env=env)
        assert out.returncode == 0 and out.stdout.strip() == said, out.stdout + out.stderr


def test_the_button_follows_cameras_plugged_in_and_out(qtbot, ctx, monkeypatch):
    picker = picker_on(qtbot, ctx)
    plugged: list[object] = []
    monkeypatch.setattr(camera_capture, "video_inputs", lambda: list(plugged))
    plugged.append("a USB camera")
    picker.cameras.devices.videoInputsChanged.emit()  # what QMediaDevices says on a plug-in
    assert picker.camera_button.isEnabled() and not picker.camera_note.isVisible()
    plugged.clear()
    picker.cameras.devices.videoInputsChanged.emit()
    assert not picker.camera_button.isEnabled() and picker.camera_note.isVisible()


# --- the dialog ---------------------------------------------------------------------------------
def test_the_dialog_without_a_camera_or_with_a_broken_one_says_so(qtbot, ctx, tmp_path):
    from PySide6.QtMultimedia import QCamera

    dialog = camera_on(qtbot, ctx, tmp_path / "inbox")
    if video_inputs():  # a developer's PC with a webcam: it is listed and started
        assert dialog.chooser.count() == len(video_inputs()) and not dialog.problem
        return
    assert dialog.notice.text().startswith("No camera is connected")
    assert dialog.view.currentWidget() is dialog.notice  # said where the picture would be
    assert not dialog.take_button.isEnabled() and not dialog.chooser_row.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Space)  # nothing to take: nothing happens, no crash
    assert dialog.mode == "live"
    dialog.camera.errorOccurred.emit(QCamera.Error.CameraError, "No camera detected")
    assert dialog.notice.text().startswith("No camera is connected")  # still the plain words
    dialog.chooser.addItem("USB camera", None)  # as if one were listed when the error came
    dialog.camera.errorOccurred.emit(QCamera.Error.CameraError, "device busy")
    assert dialog.notice.text().startswith("The camera does not work")
    assert "device busy" not in dialog.notice.text()  # Qt's English goes to the log
    assert all(b.height() >= 44 for b in (dialog.take_button, dialog.cancel_button))
    dialog.devices.videoInputsChanged.emit()  # unplugged again: the list is read anew
    assert dialog.chooser.count() == 0 and dialog.notice.text().startswith("No camera")


def test_space_takes_again_esc_cancels_and_nothing_is_written(qtbot, ctx, tmp_path):
    inbox = tmp_path / "inbox"
    dialog = camera_on(qtbot, ctx, inbox)
    dialog.captured(1, a_photo())  # QImageCapture.imageCaptured
    assert dialog.mode == "review" and dialog.view.currentWidget() is dialog.still_label
    assert not dialog.still_label.pixmap().isNull()
    assert dialog.use_button.isVisible() and dialog.retake_button.isVisible()
    assert not dialog.take_button.isVisible()
    dialog.captured(2, a_photo(400, 300))  # a late second picture does not replace it
    assert dialog.still is not None and dialog.still.width() == 800
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert dialog.mode == "live" and dialog.view.currentWidget() is not dialog.still_label
    dialog.captured(3, a_photo())
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not dialog.camera.isActive()
    assert not inbox.exists() or list(inbox.iterdir()) == []


def test_a_photo_that_cannot_be_saved_stays_to_try_again(qtbot, ctx, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the inbox should be")
    dialog = camera_on(qtbot, ctx, blocked)
    dialog.captured(1, a_photo())
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.mode == "review", timeout=5000)
    assert dialog.message.text().startswith("The photo could not be saved in the photo folder")
    assert dialog.isVisible() and dialog.still is not None and dialog.use_button.isEnabled()


# --- encoding and the inbox ---------------------------------------------------------------------
def test_the_photo_is_a_jpeg_within_the_limit(qtbot):
    plain = jpeg_bytes(a_photo())
    assert image_type(plain[:16]) == "image/jpeg" and len(plain) <= MAX_PHOTO_BYTES
    noisy = a_photo(1600, 1200, noise=True)
    best = jpeg_bytes(noisy)
    limit = len(best) // 5  # a limit the best quality does not fit: smaller, still a JPEG
    fitted = jpeg_bytes(noisy, limit)
    assert len(fitted) <= limit < len(best)
    back = QImage.fromData(fitted)
    assert not back.isNull() and back.width() <= 1600
    with pytest.raises(DeskError) as err:
        jpeg_bytes(noisy, 2000)  # not even at 320 px
    assert err.value.code == "repair.photo_too_large"
    with pytest.raises(DeskError) as err:
        jpeg_bytes(QImage())
    assert err.value.code == "repair.photo_not_image"


def test_the_inbox_file_is_named_by_time_and_never_half_written(qtbot, tmp_path, clock):
    inbox = tmp_path / "inbox"
    path = save_to_inbox(a_photo(), inbox, clock.local_now())
    data = path.read_bytes()
    assert path.name == f"camera-20261120-100000-{hashlib.sha256(data).hexdigest()[:8]}.jpg"
    assert [p.path for p in newest_photos(inbox)] == [path]
    assert sorted(p.name for p in inbox.iterdir()) == [path.name]  # no .part left behind
    assert save_to_inbox(a_photo(), inbox, clock.local_now()) == path  # the same photo again
    other = save_to_inbox(a_photo(640, 480), inbox, clock.local_now())  # same second, another
    assert other != path and len(newest_photos(inbox)) == 2


# --- through the workshop -----------------------------------------------------------------------
def test_a_photo_taken_with_the_camera_becomes_the_checks_photo(qtbot, ctx, store, tmp_path,
                                                                photo):
    from ui.repairs.workshop_page import WorkshopPage

    code = open_ticket(store)
    walk(store, code, photo, 1)  # step 1 done: step 2 asks for the condition photo
    page = WorkshopPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: len(page.rows) == 3 and page.rows[0].view.step == 2, timeout=5000)
    row = page.rows[0]
    assert row.view.check_id == "condition_recorded"
    qtbot.mouseClick(row.evidence_button, Qt.MouseButton.LeftButton)
    picker = page.photo_picker
    qtbot.waitUntil(lambda: picker.folder is not None, timeout=5000)
    picker.cameras.problem = ""  # as where a camera is connected (none here): the button is on
    picker._enable()
    assert picker.camera_button.isEnabled()
    picker.activateWindow()
    qtbot.waitUntil(picker.isActiveWindow, timeout=5000)
    qtbot.keyClick(picker, Qt.Key.Key_F3)
    dialog = picker.camera_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.captured(1, a_photo())  # the camera's picture, as QImageCapture hands it over
    with qtbot.waitSignal(picker.chosen, timeout=5000) as chosen:
        qtbot.keyClick(dialog, Qt.Key.Key_Enter)  # Enter uses it
    path, from_inbox = chosen.args
    inbox = tmp_path / "inbox"
    assert from_inbox is True and path.parent == inbox and path.name.startswith("camera-")
    assert not dialog.isVisible() and not picker.isVisible()
    qtbot.waitUntil(lambda: bool(row.photo_sha), timeout=5000)
    taken = inbox / "taken" / path.name  # stored, then moved aside like any inbox picture
    assert taken.exists() and not path.exists()
    sha = hashlib.sha256(taken.read_bytes()).hexdigest()
    assert row.photo_sha == sha and blob_path(evidence_root(store.db.path), sha).exists()
    qtbot.mouseClick(row.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail is not None and any(
        v.check_id == "condition_recorded" and v.done for v in page.detail.steps[1]),
        timeout=5000)
    ctx.runner.shutdown(wait=True)
    fact = record_of(store, code).state.state(2, "condition_recorded").fact
    assert fact.actor == TECH and fact.evidence["photo_type"] == "image/jpeg"
    assert fact.evidence["photo_sha256"] == sha


# --- what a person sees -------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_dialog_and_the_picker_in_both_languages(qtbot, ctx, tmp_path, language):
    """Every word in the language shown, nothing cut; the grabs are kept for a person to look
    at (DESK_SCREENSHOTS, else a temporary folder)."""
    from dataclasses import replace

    from tests.support.screen_text import (
        ALLOWED_LATIN,
        chinese_on_english,
        clipped,
        foreign_on_chinese,
        texts,
    )
    from ui.i18n import install_language

    assert install_language(language)
    folder = Path(os.environ.get("DESK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    picker = picker_on(qtbot, ctx)
    picker.resize(900, 600)
    dialog = camera_on(qtbot, ctx, tmp_path / "inbox")
    dialog.resize(900, 700)
    problems: list[str] = []
    for name, window, prepare in (
            ("photo-picker", picker, lambda: None),
            ("camera-live", dialog, lambda: None),
            ("camera-review", dialog, lambda: dialog.captured(1, a_photo(1280, 720)))):
        prepare()
        QApplication.processEvents()
        assert window.grab().save(str(folder / f"{name}-{language}.png"))
        for seen in texts(window):
            if language == "zh_CN":  # the inbox's path is the counter's own, shown as it is
                seen = replace(seen, text=seen.text.replace(str(tmp_path / "inbox"), ""))
                bad = [w for w in foreign_on_chinese(seen, set()) if w not in ALLOWED_LATIN]
                if bad:
                    problems.append(f"{name}: English {bad} in {seen.text!r}")
            elif chinese_on_english(seen, []):
                problems.append(f"{name}: Chinese in {seen.text!r}")
            cut = clipped(seen.widget) if seen.kind in ("label", "button") else None
            if cut:
                problems.append(f"{name}: cut {cut!r}")
    assert problems == []
