"""A language switch reaches every word of the repair screens (and the lists beside them): built
in Chinese, switched to English, nothing of their own stays Chinese; switched back, it is Chinese
again. Data (product names, faults) may stay as they were typed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.repairs.commands import OpenTicket
from tests.repairs.helpers import TECH
from tests.returns.seed import CLERK
from tests.support.words import CJK, chinese_words
from ui.context import AppContext
from ui.i18n import install_language
from ui.pages.lists import RecentReceiptsPage, StaffPage
from ui.printing.history_page import PrintHistoryPage
from ui.repairs.follow_up_page import FollowUpPage
from ui.repairs.intake_page import IntakePage
from ui.repairs.ticket_page import TicketPage
from ui.repairs.words import checklist_title
from ui.repairs.workshop_page import WorkshopPage
from ui.returns.compensation_page import CompensationPage
from ui.returns.pending import PendingCasesPage
from ui.tasks import TaskRunner

PAGES = [WorkshopPage, FollowUpPage, IntakePage, TicketPage, PendingCasesPage,
         RecentReceiptsPage, StaffPage, CompensationPage, PrintHistoryPage]


@pytest.fixture
def ctx(store):
    store.dispatch(OpenTicket(code="T0001", sku="P000003", fault="漏水",
                              promised_date="2026-11-18"), CLERK)
    runner = TaskRunner()
    ctx = AppContext(store.db, store, runner)
    ctx.session.staff_id, ctx.session.role = TECH, "technician"
    yield ctx
    runner.shutdown(wait=True)


def switch(language: str) -> None:
    """The app's switch; Qt posts LanguageChange to the windows, delivered by the event loop."""
    assert install_language(language)
    QApplication.processEvents()


def words_of(page) -> list[str]:
    found = chinese_words(page)
    if isinstance(page, FollowUpPage):  # a list and its counter: no button of its own
        found += [page.counter.text()] if CJK.search(page.counter.text()) else []
    return found


def loaded(page) -> bool:
    if isinstance(page, WorkshopPage):
        return page.detail is not None and len(page.rows) == 3
    if isinstance(page, TicketPage):
        return page.detail is not None
    if isinstance(page, FollowUpPage):
        return bool(page.counter.text())
    if isinstance(page, PrintHistoryPage | CompensationPage):
        return True
    if hasattr(page, "status"):
        return any(ch.isdigit() for ch in page.status.text())
    return True


@pytest.mark.parametrize("page_class", PAGES, ids=lambda c: c.__name__)
def test_a_page_follows_the_language(qtbot, ctx, page_class):
    switch("zh_CN")
    page = page_class(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    if isinstance(page, TicketPage):
        page.load("T0001")
    qtbot.waitUntil(lambda: loaded(page), timeout=5000)
    before = words_of(page)
    assert before, "built in Chinese, the page shows Chinese words"
    switch("en")
    assert words_of(page) == []
    if hasattr(page, "status"):
        assert not CJK.search(page.status.text()), page.status.text()  # "1 row(s)", not "共 1 条"
    if isinstance(page, IntakePage | CompensationPage):  # the fixed choices of its combo boxes
        combo = page.level if isinstance(page, IntakePage) else page.kind
        assert not any(CJK.search(combo.itemText(i)) for i in range(combo.count()))
    if isinstance(page, WorkshopPage):
        assert all(not CJK.search(r.label.text()) for r in page.rows)  # the checks' words
        assert "Appliance repair checklist" in page.header.text()
        assert not any(CJK.search(label.text()) for label in page.step_labels)
    switch("zh_CN")
    assert sorted(words_of(page)) == sorted(before)
    if isinstance(page, WorkshopPage):
        assert "家电维修检查单" in page.header.text()


def test_a_checklist_without_english_shows_its_chinese_name():
    install_language("en")
    assert checklist_title("家电维修检查单", "") == "家电维修检查单"
    assert checklist_title("家电维修检查单", "Appliance") == "Appliance"
