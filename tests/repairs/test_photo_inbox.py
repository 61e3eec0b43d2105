"""The photo inbox: the folder a phone or camera drops pictures into. The newest pictures are
listed (not files of other kinds, not ones still being written), one taken as evidence is
stored by its hash and moved to taken/, a refused one stays; where the folder is, is an
administrator's setting of the counter. The picker dialog follows the folder while open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desk.platform.errors import DeskError
from desk.repairs.evidence import MAX_PHOTO_BYTES, blob_path, check_photo, evidence_root
from desk.repairs.photo_inbox import SetPhotoInbox, inbox_folder, newest_photos, take_photo
from tests.repairs.helpers import png_bytes
from tests.returns.seed import ADMIN, CLERK, MANAGER
from ui.context import AppContext
from ui.repairs.photo_picker import PhotoPicker
from ui.tasks import TaskRunner


def drop(folder: Path, name: str, data: bytes, age_s: int = 0) -> Path:
    path = folder / name
    path.write_bytes(data)
    stamp = 1_800_000_000 - age_s
    os.utime(path, (stamp, stamp))
    return path


def test_the_newest_pictures_first_and_only_pictures(tmp_path):
    inbox = tmp_path / "inbox"
    assert newest_photos(inbox) == [] and inbox.is_dir()  # made for the phone to drop into
    drop(inbox, "old.jpg", b"\xff\xd8\xff old", age_s=300)
    drop(inbox, "new.PNG", png_bytes(), age_s=10)
    drop(inbox, "notes.txt", b"not a picture")
    drop(inbox, "half.jpg", b"")  # the phone is still writing it
    (inbox / "taken").mkdir()
    drop(inbox / "taken", "used.png", png_bytes())
    assert [p.name for p in newest_photos(inbox)] == ["new.PNG", "old.jpg"]
    for n in range(20):
        drop(inbox, f"IMG_{n:02d}.png", png_bytes(), age_s=1000 + n)
    assert len(newest_photos(inbox)) == 12 and newest_photos(inbox, limit=3)[0].name == "new.PNG"


def test_a_taken_picture_is_stored_by_its_hash_and_moved_aside(tmp_path):
    inbox, root = tmp_path / "inbox", tmp_path / "evidence"
    inbox.mkdir()
    first = drop(inbox, "IMG_1.png", png_bytes())
    photo = take_photo(root, first)
    assert check_photo(root, photo.sha256).size == len(png_bytes())
    assert blob_path(root, photo.sha256).exists()
    assert not first.exists() and (inbox / "taken" / "IMG_1.png").exists()
    again = drop(inbox, "IMG_1.png", png_bytes())  # the same name dropped again: both kept
    take_photo(root, again)
    assert len(list((inbox / "taken").iterdir())) == 2 and newest_photos(inbox) == []


def test_a_refused_picture_stays_in_the_inbox(tmp_path):
    inbox, root = tmp_path / "inbox", tmp_path / "evidence"
    inbox.mkdir()
    fake = drop(inbox, "IMG_2.jpg", b"this is no jpeg")
    with pytest.raises(DeskError) as err:
        take_photo(root, fake)
    assert err.value.code == "repair.photo_not_image" and fake.exists()
    big = inbox / "IMG_3.jpg"
    with big.open("wb") as out:
        out.truncate(MAX_PHOTO_BYTES + 1)
    with pytest.raises(DeskError) as err:
        take_photo(root, big)
    assert err.value.code == "repair.photo_too_large" and big.exists()
    assert not (inbox / "taken").exists()


def test_where_the_inbox_is_is_an_administrators_setting(store, tmp_path):
    with store.db.engine.connect() as conn:
        default = inbox_folder(conn, store.db.path)
    assert default == evidence_root(store.db.path).parent / "photo-inbox"
    for who in (CLERK, MANAGER):
        with pytest.raises(DeskError) as err:
            store.dispatch(SetPhotoInbox(folder=str(tmp_path / "share")), who)
        assert err.value.code == "auth.forbidden"
    with pytest.raises(DeskError) as err:
        store.dispatch(SetPhotoInbox(folder="photos"), ADMIN)
    assert err.value.code == "repair.inbox_not_absolute"
    store.dispatch(SetPhotoInbox(folder=str(tmp_path / "share")), ADMIN)
    with store.db.engine.connect() as conn:
        assert inbox_folder(conn, store.db.path) == tmp_path / "share"
    store.dispatch(SetPhotoInbox(folder=""), ADMIN)  # back to the data directory
    with store.db.engine.connect() as conn:
        assert inbox_folder(conn, store.db.path) == default


@pytest.fixture
def picker(qtbot, store, tmp_path):
    store.dispatch(SetPhotoInbox(folder=str(tmp_path / "inbox")), ADMIN)
    runner = TaskRunner()
    dialog = PhotoPicker(AppContext(store.db, store, runner))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: str(tmp_path / "inbox") in dialog.watcher.directories(),
                    timeout=5000)
    yield dialog
    runner.shutdown(wait=True)


def test_the_picker_follows_the_folder_and_takes_with_enter(qtbot, picker, tmp_path):
    inbox = tmp_path / "inbox"
    assert not picker.take_button.isEnabled() and picker.message.text()  # says what to do
    drop(inbox, "IMG_A.png", png_bytes(), age_s=60)
    qtbot.waitUntil(lambda: len(picker.pictures) == 1, timeout=5000)
    drop(inbox, "IMG_B.png", png_bytes(), age_s=5)  # the newest comes first and is picked
    qtbot.waitUntil(lambda: len(picker.pictures) == 2, timeout=5000)
    assert [p.name for p in picker.pictures] == ["IMG_B.png", "IMG_A.png"]
    assert picker.list.item(0).icon().availableSizes()  # a thumbnail, not a bare name
    qtbot.keyClick(picker.list, Qt.Key.Key_Right)
    with qtbot.waitSignal(picker.chosen, timeout=5000) as chosen:
        qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert chosen.args == [inbox / "IMG_A.png", True] and not picker.isVisible()


def test_the_picker_in_chinese_names_the_folder(qtbot, picker, tmp_path):
    from tests.support.screen_text import ALLOWED_LATIN, LATIN_WORD
    from ui.i18n import install_language

    install_language("zh_CN")
    again = PhotoPicker(picker.ctx)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.folder is not None and bool(again.message.text()),
                    timeout=5000)
    shown = " ".join(w.text() for w in (again.where, again.message, again.take_button,
                                        again.file_button, again.refresh_button,
                                        again.cancel_button))
    assert str(tmp_path / "inbox") in again.where.text()
    words = LATIN_WORD.findall(shown.replace(str(tmp_path / "inbox"), ""))
    assert [w for w in words if w not in ALLOWED_LATIN] == []
