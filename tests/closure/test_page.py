"""The manager's closing flow on the page, on a real database and the real task runner: blind
count -> expected shown only after -> second person's PIN -> both sign -> closed (Z1 shown) ->
PDF saved."""

from __future__ import annotations

import logging
import subprocess

import pytest
from PySide6.QtCore import QDate

from desk.closure import queries
from tests.closure.day import DAY, at, expected
from tests.closure.signing import sign
from tests.returns.seed import CLERK, CLERK_PIN, MANAGER
from ui.closure.page import ClosurePage
from ui.context import AppContext
from ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def no_callback_errors(caplog):
    caplog.set_level(logging.ERROR)
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors[0].getMessage()


@pytest.fixture
def page(qtbot, day):
    at(day, "2026-11-21T09:00:00")
    runner = TaskRunner()
    ctx = AppContext(day.db, day, runner)
    ctx.session.staff_id, ctx.session.role = MANAGER, "manager"
    widget = ClosurePage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.date.setDate(QDate.fromString(DAY, "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: widget.report is not None
                    and widget.report.numbers["business_date"] == DAY, timeout=5000)
    yield widget
    runner.shutdown(wait=True)


def test_the_manager_closes_the_day(qtbot, page, day, db, tmp_path):
    signed: list[str] = []

    def provider(sha, signer, words, done):
        signed.append(signer)
        done(sign(day, sha, signer, 40 if signer == "manager" else 90))

    page.signature_provider = provider
    page.choose_pdf_path = lambda suggested: str(tmp_path / suggested)
    assert "¥" in page.summary.text() and page.expected.text() == ""
    assert not page.after_count.isVisible()  # blind: nothing about the expected cash yet
    page.count.spins[10000].setValue(3)
    page.count.spins[5000].setValue(1)
    page.count.opening_float.setText("3000")
    assert page.count.total.text().endswith("¥350.00")
    page.count_button.click()
    qtbot.waitUntil(lambda: page.after_count.isVisible(), timeout=5000)
    want = expected(db)
    expected_cash = 300000 - want["cash_refunds"] - want["compensation"]
    assert f"¥{expected_cash // 100:,}.{expected_cash % 100:02d}" in page.expected.text()
    assert page.confirm.isVisible()  # nothing synced on this counter yet
    page.note.setText("差额已登记")
    page.second_id.setText(CLERK)
    page.second_pin.setText(CLERK_PIN)
    page.confirm.setChecked(True)
    with qtbot.waitSignal(page.sig_closed, timeout=5000) as closed:
        page.close_button.click()
    assert closed.args[0]["z_number"] == 1 and signed == ["manager", "second"]
    qtbot.waitUntil(lambda: page.report is not None and page.report.closed, timeout=5000)
    assert "Z1" in page.state.text() and "Z1" in page.message.text()
    assert not page.close_box.isEnabled()
    with qtbot.waitSignal(page.sig_pdf_saved, timeout=10000) as saved:
        page.save_pdf()
    info = saved.args[0]
    assert info["z_number"] == 1 and not info["copy"]
    text = subprocess.run(["pdftotext", info["path"], "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "日结报告 Z1" in text and "副本" not in text
    with qtbot.waitSignal(page.sig_pdf_saved, timeout=10000) as again:
        page.save_pdf()  # any later PDF of a closed day is a copy
    assert again.args[0]["copy"]
    with db.engine.connect() as conn:
        assert queries.report(conn, DAY).fingerprint == closed.args[0]["fingerprint"]


def test_a_wrong_second_pin_is_shown_and_nothing_is_closed(qtbot, page, day, db):
    page.signature_provider = lambda sha, signer, words, done: done(
        sign(day, sha, signer, 40 if signer == "manager" else 90))
    page.count.spins[100].setValue(1)
    page.count_button.click()
    qtbot.waitUntil(lambda: page.after_count.isVisible(), timeout=5000)
    page.note.setText("n")
    page.second_id.setText(CLERK)
    page.second_pin.setText("0000")
    page.confirm.setChecked(True)
    page.close_button.click()
    qtbot.waitUntil(lambda: "PIN" in page.message.text(), timeout=5000)
    with db.engine.connect() as conn:
        assert not queries.report(conn, DAY).closed


def test_a_changed_count_hides_the_expected_cash_again(qtbot, page):
    page.count.spins[100].setValue(1)
    page.count_button.click()
    qtbot.waitUntil(lambda: page.after_count.isVisible(), timeout=5000)
    page.count.spins[100].setValue(2)
    assert not page.after_count.isVisible() and page.expected.text() == ""
