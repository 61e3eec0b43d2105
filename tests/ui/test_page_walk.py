"""Every page of the real app, as the administrator sees it on the demo store, in Chinese and in
English, at 1366x768 and 1920x1080: no English or identifier on a Chinese screen, no Chinese in the
English chrome, nothing cut, the status bar on screen. The screenshots are kept in
build/screenshots/ (or $DESK_SHOTS) for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QScrollArea, QWidget

from desk.capabilities import open_database
from desk.demo.generator import build_demo
from desk.platform.bus import CommandBus
from tests.support.screen_text import (
    LATIN_WORD,
    chinese_on_english,
    clipped,
    clipped_items,
    foreign_on_chinese,
    texts,
)
from tests.support.ui import sign_in

SIZES = [(1366, 768), (1920, 1080)]
ONE_WORD_PER_IDEA = ("赔偿", "(Enter)")  # Chinese says 补偿 and （回车）
LANGUAGES = ["zh_CN", "en"]


def shots_dir() -> Path:
    root = Path(os.environ.get("DESK_SHOTS") or Path(__file__).parents[2] / "build" / "screenshots")
    root.mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("walk")
    db = open_database(home / "desk.sqlite3")
    build_demo(CommandBus(db), "small", 1)
    with db.engine.connect() as conn:
        data = store_words(conn)
    db.dispose()
    return home, data


def store_words(conn) -> set[str]:
    """The store's own data (names of products, customers, staff, the store): shown as typed."""
    from sqlalchemy import text

    out: set[str] = set()
    for sql in ("SELECT name FROM products", "SELECT name FROM customers",
                "SELECT name FROM staff", "SELECT name FROM stores", "SELECT name FROM devices",
                "SELECT fault FROM tickets", "SELECT serial FROM tickets",
                "SELECT value FROM local_settings WHERE key LIKE '%name%'"):
        out.update(r[0] for r in conn.execute(text(sql)) if r[0])
    return out


@pytest.fixture
def walk_app(qtbot, demo_home):
    from ui.app import DeskApp, parse_args

    home, _ = demo_home
    app = DeskApp(parse_args(["--home", str(home), "--idle-lock-minutes", "60"]))
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=20_000)
    sign_in(qtbot, app, "9001", "9999")
    qtbot.waitUntil(lambda: app.window.pages.count() > 0, timeout=10_000)
    yield app
    app.window.ask_to_close = lambda: True  # a case left on screen: no question at teardown
    app.qt.removeEventFilter(app.window.idle)
    app.shutdown()
    app.ctx.db.dispose()


def settle(qtbot, app) -> None:
    """The page's queries answered, their answers shown and laid out."""
    qtbot.waitUntil(lambda: app.runner.pending == 0, timeout=20_000)
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def problems_on(window: QWidget, language: str, data: set[str]) -> list[str]:
    found: list[str] = []
    latin_data = {w for d in data for w in LATIN_WORD.findall(d)}
    longest_first = sorted(data, key=len, reverse=True)
    for seen in texts(window):
        if language == "zh_CN":
            bad = foreign_on_chinese(seen, latin_data)
            bad += [w for w in ONE_WORD_PER_IDEA if w in seen.text]
            if bad:
                found.append(f"English/identifier {bad} in {seen.kind} {seen.text[:60]!r}"
                             f" at {seen.where()}")
        elif chinese_on_english(seen, longest_first):
            found.append(f"Chinese in {seen.kind} {seen.text[:60]!r} at {seen.where()}")
        if seen.kind in ("label", "button"):
            cut = clipped(seen.widget)
            if cut:
                found.append(f"cut {seen.kind} {cut[:60]!r} at {seen.where()}")
    for nav in window.findChildren(QListWidget, "nav"):
        found += [f"cut navigation item {t!r}" for t in clipped_items(nav)]
    return found


def page_overflow(window) -> int:
    """How far the current page reaches past its scroller's right edge (0: it fits across)."""
    scroller = window.current_page().parentWidget()
    while scroller is not None and not isinstance(scroller, QScrollArea):
        scroller = scroller.parentWidget()
    return 0 if scroller is None else scroller.horizontalScrollBar().maximum()


def status_bar_on_screen(window) -> bool:
    bar = window.statusBar()
    return bar.isVisible() and bar.geometry().bottom() <= window.height() \
        and bar.geometry().top() >= window.height() // 2


def test_every_page_in_both_languages_at_both_sizes(qtbot, walk_app, demo_home):
    from tests.support.scenes import SCENES

    _, data = demo_home
    app, window = walk_app, walk_app.window
    out = shots_dir()
    problems: list[str] = []
    keys = window.page_keys
    assert len(keys) >= 14
    for language in LANGUAGES:
        app.switch_language(language)
        lock_words = "Lock" if language == "en" else "锁屏"
        qtbot.waitUntil(lambda words=lock_words: window.lock_button.text().startswith(words))
        settle(qtbot, app)
        for width, height in SIZES:
            window.showNormal()
            window.resize(width, height)
            settle(qtbot, app)
            if (window.width(), window.height()) != (width, height):
                problems.append(f"{language}: the window cannot be {width}x{height}, it is "
                                f"{window.width()}x{window.height()}")
            for key in keys:
                window.show_page(key)
                settle(qtbot, app)
                for scene_name, scene in SCENES.get(key, [("", None)]):
                    if scene is not None:
                        scene(qtbot, app, window.current_page())
                        settle(qtbot, app)
                    label = f"{key}{'-' + scene_name if scene_name else ''}"
                    window.grab().save(str(out / f"{language}-{width}x{height}-{label}.png"))
                    problems += [f"{language} {width}x{height} {label}: {p}"
                                 for p in problems_on(window, language, data)]
                    if not status_bar_on_screen(window):
                        problems.append(f"{language} {width}x{height} {label}: status bar off")
                    wider = page_overflow(window)
                    if wider:  # a page scrolls up and down, never sideways: a cut-off button
                        problems.append(f"{language} {width}x{height} {label}: the page is "
                                        f"{wider} px wider than the window")
    assert not problems, "\n".join(sorted(set(problems)))


def test_return_from_this_receipt_opens_the_return_page_with_its_lines(qtbot, walk_app):
    from tests.support.scenes import lookup_receipt

    window = walk_app.window
    window.show_page("lookup")
    lookup = window.current_page()
    lookup_receipt(qtbot, walk_app, lookup)
    qtbot.waitUntil(lambda: lookup.current_detail() is not None, timeout=10_000)
    receipt_no = lookup.current_detail().key()
    qtbot.keyClick(lookup.current_detail().first_focus(), "r", Qt.KeyboardModifier.ControlModifier)
    returns = window.page("returns")
    qtbot.waitUntil(lambda: window.current_page() is returns and returns.state == "select",
                    timeout=10_000)
    assert returns.receipt["receipt_no"] == receipt_no and returns.table.hasFocus()


def test_closing_the_window_mid_case_asks_first(qtbot, walk_app):
    from tests.support.scenes import return_lines

    window = walk_app.window
    window.show_page("returns")
    returns = window.current_page()
    return_lines(qtbot, walk_app, returns)
    qtbot.waitUntil(lambda: returns.state == "select", timeout=10_000)
    asked: list[list[str]] = []
    window.ask_to_close = lambda: asked.append(window.cases_in_progress()) or False
    assert not window.may_close()  # what the close button does: it asks, the clerk says no
    assert len(asked) == 1 and "2" in asked[0][0]  # "2  柜台 · 退货"
    window.ask_to_close = lambda: True
    assert window.may_close()
