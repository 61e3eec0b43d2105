"""The previous repair system's finished repairs, imported all or none: closed tickets with no
checklist that count in the serial's repair history (the 三包 repeat offer), take nothing but a
recurrence, survive a rebuild, and show where they came from on the ticket screen and the CLI."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from desk.capabilities import REGISTRY
from desk.cli.ticket_cmds import ticket_lines
from desk.platform.errors import DeskError
from desk.platform.projections import rebuild
from desk.repairs import tables as repairs_t
from desk.repairs.clock_tables import ticket_clocks
from desk.repairs.commands import ProposeQuote, ReopenTicket
from desk.repairs.history import HistoricRepair, ImportRepairHistory
from desk.repairs.queries import open_tickets, serial_repairs, ticket_detail
from desk.repairs.warranty_queries import intake_warranty
from desk.sales.commands import RecordSale, SaleLine, Tender
from tests.repairs.helpers import events, record, refused, ticket_row
from tests.returns.seed import ADMIN, CLERK, CUSTOMER, MANAGER
from tests.support.journal import dump

SOURCE = "旧维修系统"
KETTLE_RECEIPT, KETTLE_SERIAL = "R2609210100001", "SN-KETTLE-9"


def kettle(**changes) -> HistoricRepair:
    base = HistoricRepair(code="H-1001", sku="P000003", fault="不加热",
                          opened_at="2026-10-02T10:15:00", closed_at="2026-10-06T16:40:00",
                          serial=KETTLE_SERIAL, fault_kind="no_heat", charged_fen=0)
    return dataclasses.replace(base, **changes)


def history(bus, *repairs: HistoricRepair, actor: str = MANAGER):
    return bus.dispatch(ImportRepairHistory(source=SOURCE, repairs=list(repairs)), actor)


@pytest.fixture
def sold(store):
    """The kettle was bought on 21 September (the bus's clock says 20 November)."""
    store.dispatch(RecordSale(receipt_no=KETTLE_RECEIPT, sold_at="2026-09-21T11:00:00", lines=[
        SaleLine(sku="P000003", qty=1, unit_price_fen=29900, serial=KETTLE_SERIAL)],
        tenders=[Tender(tender="wechat_pay", amount_fen=29900)]), ADMIN)
    return store


def test_imported_repairs_are_closed_tickets_without_a_checklist(sold):
    done = history(sold, kettle(receipt_no=KETTLE_RECEIPT, customer_id=CUSTOMER),
                   kettle(code="H-1002", outcome="unrepaired", serial="", fault_kind="")).value
    assert (done.repairs, done.repaired, done.unrepaired) == (2, 1, 1)
    first, second = ticket_row(sold, "H-1001"), ticket_row(sold, "H-1002")
    assert (first.status, first.closed_at, first.checklist_kind) == (
        "archived", "2026-10-06T16:40:00", "")
    assert (first.receipt_no, first.customer_id, first.opened_by) == (
        KETTLE_RECEIPT, CUSTOMER, MANAGER)
    assert second.status == "returned"
    with sold.db.engine.connect() as conn:
        clocks = conn.execute(select(ticket_clocks.c.code, ticket_clocks.c.status)
                              .order_by(ticket_clocks.c.code)).all()
        assert [tuple(c) for c in clocks] == [("H-1001", "archived"), ("H-1002", "returned")]
        assert open_tickets(conn, date(2026, 11, 20)) == []  # not in the workshop's queue
        detail = ticket_detail(conn, "H-1001", date(2026, 11, 20))
    assert detail.steps == [] and detail.history is not None
    assert (detail.history.source, detail.history.outcome, detail.history.closed_at) == (
        SOURCE, "repaired", "2026-10-06T16:40:00")
    lines = ticket_lines(detail)
    assert f"imported from {SOURCE} on 2026-11-20T10:00:00: repaired, closed " \
           "2026-10-06T16:40:00, charged ¥0.00" in lines


def test_an_imported_repair_counts_in_the_serials_history(sold):
    with sold.db.engine.connect() as conn:
        before = intake_warranty(conn, "P000003", KETTLE_SERIAL, KETTLE_RECEIPT, "no_heat",
                                 date(2026, 11, 20))
    history(sold, kettle())
    with sold.db.engine.connect() as conn:
        after = intake_warranty(conn, "P000003", KETTLE_SERIAL, KETTLE_RECEIPT, "no_heat",
                                date(2026, 11, 20))
        assert serial_repairs(conn, KETTLE_SERIAL).tickets == 1
    # the same fault again within 三包 after a repair: an exchange or a return is offered
    assert not before.offer and after.offer


def test_an_imported_ticket_takes_nothing_but_a_recurrence(sold):
    history(sold, kettle(), kettle(code="H-1002", outcome="unrepaired"))
    refused(sold, "repair.archived", lambda: record(sold, "H-1001", 1, "fault_described",
                                                    CLERK, note="x"))
    refused(sold, "repair.archived", lambda: sold.dispatch(
        ProposeQuote(ticket_code="H-1001", labour_fen=900), CLERK))
    refused(sold, "repair.returned_unrepaired", lambda: record(
        sold, "H-1002", 1, "fault_described", CLERK, note="x"))
    opened = sold.dispatch(ReopenTicket(ticket_code="H-1001", code="T0002", fault="又不加热",
                                        promised_date="2026-11-28"), CLERK).value
    assert opened.previous_code == "H-1001"
    assert ticket_row(sold, "T0002").checklist_kind == "appliance"  # the new cycle has one
    record(sold, "T0002", 1, "fault_described", CLERK, note="又不加热")
    assert ticket_row(sold, "H-1001").status == "archived"  # the recomputation leaves it


@pytest.mark.parametrize(("change", "code", "field"), [
    ({"code": " "}, "value.required", "code"),
    ({"sku": "P999999"}, "product.unknown", None),
    ({"fault": ""}, "value.required", "fault"),
    ({"outcome": "lost"}, "value.invalid", "outcome"),
    ({"service_level": "urgent"}, "value.invalid", "service_level"),
    ({"fault_kind": "gremlins"}, "repair.fault_kind_unknown", None),
    ({"receipt_no": "R0000000000000"}, "receipt.unknown", None),
    ({"customer_id": "C404"}, "customer.unknown", None),
    ({"charged_fen": -1}, "value.invalid", "charged_fen"),
    ({"opened_at": "2026-10-02"}, "value.invalid", "opened_at"),
    ({"closed_at": "yesterday"}, "value.invalid", "closed_at"),
    ({"closed_at": "2026-12-01T09:00:00"}, "value.invalid", "closed_at"),  # in the future
    ({"closed_at": "2026-10-06T16:40:00+08:00"}, "value.invalid", "closed_at"),  # an offset
    ({"closed_at": "2026-10-01T09:00:00"}, "repair.history_closed_before_opened", None),
])
def test_a_bad_record_refuses_the_whole_import(sold, change, code, field):
    before = events(sold)
    with pytest.raises(DeskError) as err:
        history(sold, kettle(code="H-0999"), kettle(**change))
    assert err.value.code == "repair.history_refused" and err.value.params["count"] == 1
    (problem,) = err.value.problems
    assert (problem["position"], problem["code"]) == (2, code)
    if field:
        assert problem["params"]["field"] == field
    assert events(sold) == before  # nothing half written: not even the good first record


def test_times_are_kept_as_the_journal_keeps_them(sold):
    history(sold, kettle(opened_at="2026-10-02 10:15:00"))  # a space for the T: the same time
    assert ticket_row(sold, "H-1001").opened_at == "2026-10-02T10:15:00"


def test_codes_already_taken_or_given_twice_are_refused(sold):
    history(sold, kettle())
    with pytest.raises(DeskError) as err:
        history(sold, kettle(), kettle(code="H-2000"), kettle(code="H-2000"))
    assert [(p["position"], p["code"]) for p in err.value.problems] == [
        (1, "ticket.exists"), (3, "ticket.exists")]
    assert err.value.params["count"] == 2


def test_only_a_manager_or_an_administrator_imports(sold):
    refused(sold, "auth.forbidden", lambda: history(sold, kettle(), actor=CLERK))
    assert history(sold, kettle(), actor=ADMIN).value.repairs == 1


def test_rebuild_gives_the_same_tables(sold, db):
    history(sold, kettle(), kettle(code="H-1002", outcome="unrepaired", charged_fen=5000))
    with db.engine.connect() as conn:
        before = dump(conn)
        assert len(before["ticket_history"]) == 2
    with db.engine.begin() as conn:
        rebuild(conn, REGISTRY)
    with db.engine.connect() as conn:
        assert dump(conn) == before
        rows = conn.execute(select(repairs_t.ticket_history.c.charged_fen)
                            .order_by(repairs_t.ticket_history.c.code)).scalars().all()
    assert rows == [0, 5000]


def test_the_ticket_screen_says_where_an_imported_ticket_came_from(qtbot, sold, tmp_path):
    import os
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ui.context import AppContext
    from ui.i18n import install_language
    from ui.repairs.ticket_page import TicketPage
    from ui.tasks import TaskRunner

    history(sold, kettle(charged_fen=3500))
    runner = TaskRunner()
    ctx = AppContext(sold.db, sold, runner)
    ctx.session.staff_id, ctx.session.role = CLERK, "clerk"
    page = TicketPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    folder = Path(os.environ.get("DESK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for language, words in (
                ("zh_CN", [f"从{SOURCE}导入：2026-10-06 16:40:00 已修好，收费 ¥35.00",
                           "导入的维修记录：本系统未作保修判定", "简单 · 已结案"]),
                ("en", [f"Imported from {SOURCE}: repaired on 2026-10-06 16:40:00, charged"
                        " ¥35.00", "Imported repair: no warranty verdict of this system",
                        "Simple · closed"])):
            assert install_language(language)
            QApplication.processEvents()
            page.detail = None
            page.load("H-1001")
            qtbot.waitUntil(lambda: page.detail is not None, timeout=5000)
            assert words[0] in page.header.text()
            assert page.free.text() == words[1]
            # no answer is awaited from a closed ticket: its level, and that it is closed
            qtbot.waitUntil(lambda w=words[2]: page.service.text() == w, timeout=5000)
            assert not page.sign_completion.isEnabled()
            assert page.grab().save(str(folder / f"ticket-imported-1366x768-{language}.png"))
    finally:
        install_language("zh_CN")
        runner.shutdown(wait=True)


@pytest.mark.parametrize("import_first", [True, False])
def test_a_code_imported_on_one_counter_and_opened_on_another_keeps_the_opened(
        sold, db, clock, import_first):
    from desk.platform import tables as t
    from tests.repairs.helpers import open_ticket
    from tests.support.counters import apply_pulled, events, last_seq, own, second_counter

    db2, bus2 = second_counter(db, clock)
    mark = last_seq(db)
    history(sold, kettle(code="T0001"))  # counter 1 imports T0001
    open_ticket(bus2, "T0001")  # counter 2, offline, opens a ticket of that code
    if import_first:
        apply_pulled(db2, events(db, mark), None)
        apply_pulled(db, own(db2), None)
    else:
        apply_pulled(db, own(db2), None)
        apply_pulled(db2, events(db, mark), None)
    for counter in (db, db2):
        with counter.engine.connect() as conn:
            tables = dump(conn)
            conflicts = conn.execute(select(t.conflicts.c.code)).scalars().all()
        assert conflicts == ["ticket.duplicate_code"]
        assert tables["ticket_history"] == []
        (ticket,) = tables["tickets"]
        assert ticket[0] == "T0001" and "appliance" in ticket  # the opened one, its checklist
    with db.engine.connect() as c1, db2.engine.connect() as c2:
        mine, theirs = dump(c1), dump(c2)
    for table in ("tickets", "ticket_history", "ticket_clocks"):
        assert mine[table] == theirs[table]
    with db.engine.begin() as conn:  # a replay of either journal order gives the same again
        rebuild(conn, REGISTRY)
    with db.engine.connect() as conn:
        assert dump(conn) == mine
    db2.dispose()


def test_no_days_closure_counts_an_imported_repair(sold):
    from desk.closure.queries import read_tickets_closed, read_tickets_opened

    history(sold, kettle(opened_at="2026-11-20T08:00:00", closed_at="2026-11-20T09:30:00"))
    with sold.db.engine.connect() as conn:  # imported today, opened and closed today
        assert read_tickets_closed(conn, "2026-11-20T00:00:00", "2026-11-21T00:00:00", None) == []
        assert read_tickets_opened(conn, "2026-11-20T00:00:00", "2026-11-21T00:00:00", None) == []
