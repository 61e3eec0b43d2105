"""A recurrence reopens an archived ticket as a new cycle linked to the first, counted as a
repeat repair of the serial; it is the only command an archived ticket still takes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import func, select

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.capabilities import REGISTRY
from desk.platform import tables as t
from desk.platform.projections import rebuild
from desk.repairs.commands import OpenTicket, ProposeQuote, RefuseQuote, ReopenTicket
from desk.repairs.queries import serial_repairs, ticket_detail
from tests.repairs.helpers import archive, open_ticket, record, refused, ticket_row, walk
from tests.returns.seed import CLERK
from tests.support.journal import dump
from ui.context import AppContext
from ui.repairs.ticket_page import TicketPage
from ui.tasks import TaskRunner


def reopen(bus, code="T0001", new="T0002", fault="又不加热了"):
    return bus.dispatch(ReopenTicket(ticket_code=code, code=new, fault=fault,
                                     promised_date="2026-11-28", service_level="simple"), CLERK)


def archived_ticket(bus, photo, code="T0001", serial="SN-42") -> str:
    bus.dispatch(OpenTicket(code=code, sku="P000003", fault="不加热", serial=serial,
                            promised_date="2026-11-25", service_level="complex"), CLERK)
    archive(bus, code, photo)
    return code


def test_a_recurrence_opens_a_new_cycle_linked_to_the_first(store, photo):
    archived_ticket(store, photo)
    opened = reopen(store).value
    assert opened.code == "T0002" and opened.previous_code == "T0001"
    new, old = ticket_row(store, "T0002"), ticket_row(store, "T0001")
    assert (new.status, new.step, new.previous_code) == ("open", 1, "T0001")
    assert (new.sku, new.serial, new.fault) == (old.sku, old.serial, "又不加热了")
    assert old.status == "archived"  # the first cycle stays as it was
    with store.db.engine.connect() as conn:
        assert serial_repairs(conn, "SN-42") == serial_repairs(conn, " SN-42 ")
        assert (serial_repairs(conn, "SN-42").tickets, serial_repairs(conn, "SN-42").repeats) \
            == (2, 1)
        first = ticket_detail(conn, "T0001", date(2026, 11, 20))
        second = ticket_detail(conn, "T0002", date(2026, 11, 20))
    assert first.reopened_as == ["T0002"] and second.previous_code == "T0001"
    record(store, "T0002", 1, "fault_described", CLERK, note="又不加热")  # a normal new cycle


def test_only_an_archived_ticket_reopens(store, photo):
    code = open_ticket(store)
    walk(store, code, photo, 8)
    refused(store, "repair.reopen_not_archived", lambda: reopen(store, code))
    returned = open_ticket(store, "T0009")
    store.dispatch(ProposeQuote(ticket_code=returned, labour_fen=900), CLERK)
    store.dispatch(RefuseQuote(ticket_code=returned), CLERK)
    refused(store, "repair.reopen_not_archived", lambda: reopen(store, returned, "T0010"))
    refused(store, "ticket.unknown", lambda: reopen(store, "T9999", "T0011"))


def test_one_recurrence_per_cycle_and_a_fresh_code(store, photo):
    archived_ticket(store, photo)
    refused(store, "ticket.exists", lambda: reopen(store, "T0001", "T0001"))
    refused(store, "value.required", lambda: reopen(store, "T0001", "T0002", fault=" "))
    reopen(store)
    refused(store, "repair.already_reopened", lambda: reopen(store, "T0001", "T0003"))
    with store.db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.journal)
                            .where(t.journal.c.kind == "ticket.opened")).scalar_one() == 2


def test_the_archived_ticket_still_refuses_everything_else(store, photo):
    archived_ticket(store, photo)
    reopen(store)
    refused(store, "repair.archived", lambda: record(store, "T0001", 1, "fault_described",
                                                     CLERK, note="x"))


def test_rebuild_keeps_the_link(store, photo, db):
    archived_ticket(store, photo)
    reopen(store)
    with db.engine.connect() as conn:
        before = dump(conn)
    with db.engine.begin() as conn:
        rebuild(conn, REGISTRY)
    with db.engine.connect() as conn:
        assert dump(conn) == before


def test_the_ticket_screen_reopens_an_archived_ticket(qtbot, store, photo):
    archived_ticket(store, photo)
    runner = TaskRunner()
    ctx = AppContext(store.db, store, runner)
    ctx.session.staff_id, ctx.session.role = CLERK, "clerk"
    desk = TicketPage(ctx)
    qtbot.addWidget(desk)
    try:
        desk.load("T0001")
        qtbot.waitUntil(lambda: desk.detail is not None, timeout=5000)
        box = desk.recurrence
        assert box.reopen.isEnabled()
        box.fault.setText("又不加热了")
        qtbot.mouseClick(box.reopen, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: desk.detail.code != "T0001", timeout=5000)
        assert desk.detail.previous_code == "T0001" and desk.detail.status == "open"
        assert desk.detail.code == "T2611200001"  # the day's next code
        assert "T0001" in box.links.text() and not box.reopen.isEnabled()
        desk.load("T0001")
        qtbot.waitUntil(lambda: desk.detail.code == "T0001", timeout=5000)
        assert "T2611200001" in box.links.text() and not box.reopen.isEnabled()
    finally:
        runner.shutdown(wait=True)
