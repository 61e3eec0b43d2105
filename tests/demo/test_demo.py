"""The demo store: built through the journal, verifiable, rebuildable, deterministic, realistic."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desk.capabilities import REGISTRY, open_database
from desk.catalog import tables as catalog_t
from desk.cli.main import main
from desk.demo import build_demo, demo_state
from desk.demo import data as demo_data
from desk.demo.generator import checklists_from, first_ticket_day
from desk.demo.ids import (
    CUSTOMER_ID,
    MEMBER_ID,
    PHONE,
    RECEIPT_NO,
    SERIAL,
    SKU,
    STAFF_ID,
    TICKET_CODE,
    ean13,
    ean13_check_digit,
    is_valid_ean13,
)
from desk.demo.sizes import DemoSize
from desk.demo.walk import TicketToWalk, plan_store, plan_walks
from desk.platform.bus import CommandBus
from desk.platform.errors import DeskError
from desk.platform.journal import verify
from desk.platform.ports import FixedClock
from desk.platform.projections import rebuild
from desk.platform.settings import get_setting
from desk.repairs import tables as repairs_t
from desk.repairs.clock_tables import ticket_clocks
from desk.sales import tables as sales_t
from desk.staff import tables as staff_t
from desk.staff.commands import LogIn

NOW = datetime(2026, 11, 20, 15, 30, 0)
# Columns that differ between two builds of the same seed: PIN salts, clock stamps, device ids,
# the event ids and clock stamps of the walked tickets' facts, and what hangs on those event ids:
# the completion document lists its checks' facts by event id, so its hash and the signature on
# it (id, binding) differ too.
UNSTABLE = {("staff", "pin_hash"), ("customers", "field_hlc"), ("devices", "device_id"),
            ("signatures", "document_sha256"), ("ticket_signoffs", "document_sha256")}
UNSTABLE_NAMES = {"event_id", "hlc", "signature_id", "binding"}


def dump(conn, stable_only: bool = False) -> dict[str, list[tuple]]:
    out = {}
    for table in REGISTRY.projection_tables():
        cols = [c for c in table.columns
                if not (stable_only and ((table.name, c.name) in UNSTABLE
                                         or c.name in UNSTABLE_NAMES))]
        out[table.name] = sorted(tuple(r) for r in conn.execute(select(*cols)))
    return out


def new_bus(now: datetime = NOW) -> CommandBus:
    clock = FixedClock(now)
    return CommandBus(open_database(None, wall_ms=clock.now_ms), clock)


@pytest.fixture(scope="module")
def demo():
    """One small demo store (seed 7) shared by the read-only tests of this module."""
    bus = new_bus()
    stages: list[tuple[str, int, int]] = []
    summary = build_demo(bus, "small", seed=7, progress=lambda *a: stages.append(a))
    yield bus, summary, stages
    bus.db.dispose()


def rows(bus, query):
    with bus.db.engine.connect() as conn:
        return conn.execute(query).all()


def test_counts_match_the_small_size(demo):
    _, summary, _ = demo
    assert summary["receipts"] == 2000
    assert summary["sale_lines"] == 10000
    assert summary["tickets"] == 200
    assert summary["staff"] == len(demo_data.STAFF) + 1
    assert 200 <= summary["products"] <= 2000
    assert summary["customers"] == 800
    assert 0 < summary["overdue_tickets"] < summary["tickets"]
    assert summary["tenders"] > summary["receipts"]  # some receipts are paid with two tenders
    assert summary["events"] == (summary["receipts"] + summary["tickets"] + summary["customers"]
                                 + summary["products"] + summary["categories"]
                                 + summary["staff"] + summary["checklists"]
                                 + summary["walk_events"]  # one per command walking a ticket
                                 + 2)  # + store and device; checklists adopted by tickets


def test_progress_reports_every_stage_to_the_end(demo):
    _, _, stages = demo
    finished = {stage for stage, done, total in stages if done == total}
    assert finished == {"setup", "catalogue", "customers", "sales", "tickets", "repairs"}


def test_journal_verifies_and_rebuild_reproduces_every_table():
    bus = new_bus()
    build_demo(bus, "small", seed=3)
    with bus.db.engine.begin() as conn:
        assert verify(conn).ok
        before = dump(conn)
        rebuild(conn, REGISTRY)
        after = dump(conn)
    assert before == after
    assert len(before["receipt_lines"]) == 10000


def test_same_seed_same_store_other_seed_other_store():
    stores = []
    for seed in (11, 11, 12):
        bus = new_bus()
        build_demo(bus, "small", seed=seed)
        with bus.db.engine.connect() as conn:
            stores.append(dump(conn, stable_only=True))
        bus.db.dispose()
    assert stores[0] == stores[1]
    assert stores[0]["receipts"] != stores[2]["receipts"]


def test_identifier_formats(demo):
    bus, _, _ = demo
    for no, sold_at in rows(bus, select(sales_t.receipts.c.receipt_no, sales_t.receipts.c.sold_at)):
        assert RECEIPT_NO.match(no) and len(no) == 13  # R + yymmdd + till 2 + sequence 4
        assert no[1:7] == datetime.fromisoformat(sold_at).strftime("%y%m%d")
    tk = repairs_t.tickets.c
    for code, opened_at in rows(bus, select(tk.code, tk.opened_at)):
        assert TICKET_CODE.match(code)
        assert code[1:7] == datetime.fromisoformat(opened_at).strftime("%y%m%d")
    for cid, phone, member in rows(
        bus,
        select(
            catalog_t.customers.c.customer_id,
            catalog_t.customers.c.phone,
            catalog_t.customers.c.member_id,
        ),
    ):
        assert CUSTOMER_ID.match(cid) and PHONE.match(phone)
        assert member == "" or MEMBER_ID.match(member)
    for sku, barcode in rows(bus, select(catalog_t.products.c.sku, catalog_t.products.c.barcode)):
        assert SKU.match(sku)
        assert barcode.startswith("69") and is_valid_ean13(barcode)
    for (staff_id,) in rows(bus, select(staff_t.staff.c.staff_id)):
        assert STAFF_ID.match(staff_id)
    serials = [s for (s,) in rows(bus, select(sales_t.receipt_lines.c.serial)) if s]
    assert serials and all(SERIAL.match(s) for s in serials)
    assert len(serials) == len(set(serials))
    (store,) = rows(bus, select(catalog_t.stores))
    assert store.store_id == "S001" and store.tracking_url == "https://service.example-store.cn/t"


def test_unique_identifiers(demo):
    bus, _, _ = demo
    phones = [p for (p,) in rows(bus, select(catalog_t.customers.c.phone))]
    members = [m for (m,) in rows(bus, select(catalog_t.customers.c.member_id)) if m]
    barcodes = [b for (b,) in rows(bus, select(catalog_t.products.c.barcode))]
    for values in (phones, members, barcodes):
        assert len(values) == len(set(values))


def test_ean13_check_digit():
    assert ean13_check_digit("400638133393") == 1  # 4006381333931, a textbook example
    assert ean13("690123456789") == "6901234567892"
    assert not is_valid_ean13("6901234567891")


def test_a_year_of_sales_ending_now(demo):
    bus, _, _ = demo
    ((first, last),) = rows(
        bus, select(func.min(sales_t.receipts.c.sold_at), func.max(sales_t.receipts.c.sold_at))
    )
    first_at, last_at = datetime.fromisoformat(first), datetime.fromisoformat(last)
    assert first_at.date() >= NOW.date() - timedelta(days=364)
    assert first_at.date() <= NOW.date() - timedelta(days=355)
    assert NOW - timedelta(days=2) < last_at <= NOW
    months = {m for (m,) in rows(bus, select(sales_t.receipts.c.business_date)) for m in [m[:7]]}
    assert len(months) >= 12


def test_sales_are_realistic(demo):
    bus, _, _ = demo
    tenders = {k for (k,) in rows(bus, select(sales_t.receipt_tenders.c.tender))}
    assert tenders == {"cash", "bank_card", "wechat_pay", "alipay", "store_card"}
    promos = {k for (k,) in rows(bus, select(sales_t.receipt_promotions.c.kind))}
    assert promos == {"full_reduction", "coupon"}
    gifts = rows(bus, select(sales_t.receipt_lines).where(sales_t.receipt_lines.c.is_gift))
    assert gifts and all(g.unit_price_fen == 0 and g.gift_value_fen > 0 for g in gifts)
    kinds = {c.category_id: c.kind for c in rows(bus, select(catalog_t.categories))}
    assert {"fresh_food", "clothing", "down_jacket", "appliance", "electronics", "jewelry"} <= set(
        kinds.values()
    )
    lines = rows(
        bus,
        select(sales_t.receipt_lines.c.serial, catalog_t.products.c.category_id).join(
            catalog_t.products, catalog_t.products.c.sku == sales_t.receipt_lines.c.sku
        ),
    )
    for serial, category in lines:
        assert bool(serial) == (kinds[category] in ("appliance", "electronics")), category
    names = {n for (n,) in rows(bus, select(catalog_t.products.c.name))}
    for word in ("羽绒服", "电饭煲", "空气炸锅", "蓝牙耳机", "黄金项链"):
        assert any(word in n for n in names), word
    for r in rows(bus, select(sales_t.receipts)):
        assert r.paid_fen == r.list_total_fen - r.discount_fen
        assert (r.points_earned > 0) <= (r.customer_id is not None)
    paid = dict(rows(bus, select(sales_t.receipts.c.receipt_no, sales_t.receipts.c.paid_fen)))
    tendered: dict[str, int] = {}
    for no, amount in rows(
        bus, select(sales_t.receipt_tenders.c.receipt_no, sales_t.receipt_tenders.c.amount_fen)
    ):
        tendered[no] = tendered.get(no, 0) + amount
    assert tendered == paid


def test_tickets_open_with_promised_dates_some_overdue(demo):
    bus, _, _ = demo
    tickets = rows(bus, select(repairs_t.tickets))
    sold = dict(rows(bus, select(sales_t.receipts.c.receipt_no, sales_t.receipts.c.sold_at)))
    staff_roles = dict(rows(bus, select(staff_t.staff.c.staff_id, staff_t.staff.c.role)))
    with_receipt = 0
    for tk in tickets:
        opened = datetime.fromisoformat(tk.opened_at)
        assert tk.status in ("open", "archived") and opened <= NOW
        assert date.fromisoformat(tk.promised_date) > opened.date()
        assert staff_roles[tk.opened_by] == "clerk"
        if tk.receipt_no:
            with_receipt += 1
            assert datetime.fromisoformat(sold[tk.receipt_no]) < opened
    assert with_receipt >= len(tickets) * 0.8


def test_tickets_are_spread_over_the_steps_about_a_tenth_overdue(demo):
    bus, summary, _ = demo
    stages = summary["ticket_stages"]
    assert sum(stages.values()) == summary["tickets"] == 200
    working = [n for n in range(1, 8) if stages[f"step {n}"]]
    assert len(working) >= 5 and stages["pickup"] and stages["picked_up"] and stages["archived"]
    tk, ck = repairs_t.tickets.c, ticket_clocks.c
    by_step = dict(rows(bus, select(tk.step, func.count()).where(tk.status == "open")
                        .group_by(tk.step)))
    assert sum(by_step.values()) == summary["tickets"] - stages["archived"]
    assert len(rows(bus, select(tk.code).where(tk.status == "archived"))) == stages["archived"]
    picked = rows(bus, select(ck.code).where(ck.picked_up_at != ""))
    assert len(picked) == stages["picked_up"] + stages["archived"]
    in_workshop = summary["in_workshop"]
    assert in_workshop == summary["tickets"] - len(picked)
    assert 0.05 * in_workshop <= summary["overdue_tickets"] <= 0.15 * in_workshop
    assert summary["signatures"] > 0


def test_the_first_ticket_day_waits_for_the_checklists():
    assert checklists_from() == date(2026, 1, 1)  # the shipped 2026.1 files
    assert first_ticket_day(date(2026, 11, 20), 10) == date(2026, 11, 11)
    assert first_ticket_day(date(2026, 1, 20), 365) == date(2026, 1, 1)
    with pytest.raises(DeskError) as err:
        first_ticket_day(date(2025, 12, 20), 365)
    assert err.value.code == "repair.no_checklist"


def test_a_year_of_tickets_early_in_2026_opens_none_before_the_checklists():
    """The large store's 365 days of tickets, built on 20 January 2026 (in miniature)."""
    tiny = DemoSize("tiny", receipts=300, lines=900, tickets=40, customers=50, skus_per_item=1,
                    pos_counters=2, ticket_days=365, batch=500)
    bus = new_bus(datetime(2026, 1, 20, 15, 0))
    summary = build_demo(bus, tiny, seed=5)
    opened = [row.opened_at for row in rows(bus, select(repairs_t.tickets.c.opened_at))]
    assert summary["tickets"] == len(opened) == 40
    assert min(opened) >= "2026-01-01"
    bus.db.dispose()


def test_plans_older_tickets_done_recent_ones_at_work():
    now = datetime(2026, 11, 20, 15, 30)
    rng = random.Random(4)
    tickets = []
    for n in range(600):
        opened = now - timedelta(days=120 * n / 600 + 0.01)
        level = ("simple", "complex", "major")[n % 3]
        promised = opened.date() + timedelta(days={"simple": 3, "complex": 8, "major": 15}[level])
        tickets.append(TicketToWalk(f"T{n:04d}", "appliance", "不加热", opened,
                                    promised.isoformat(), level))
    plans = plan_walks(rng, tickets, now)
    old = [p for p in plans if p.ticket.opened < now - timedelta(days=40)]
    assert sum(p.stage == "archived" for p in old) >= 0.9 * len(old)
    working = [p for p in plans if p.picked_up is None]
    late = [p for p in working if p.ticket.promised < now.date().isoformat()]
    assert 0.07 * len(working) <= len(late) <= 0.13 * len(working)
    assert {p.stage for p in working} >= {"step 3", "step 5", "step 7", "pickup"}
    for p in plans:
        assert list(p.steps) == sorted(p.steps) and all(p.ticket.opened < at < now
                                                           for at in p.steps)
    limited = plan_walks(random.Random(4), tickets, now, limit=200)
    assert len(limited) == 200
    assert min(p.ticket.opened for p in limited) > now - timedelta(days=41)
    working = [p for p in limited if p.picked_up is None]  # the late ones are among the walked
    late = [p for p in working if p.ticket.promised < now.date().isoformat()]
    assert 0.07 * len(working) <= len(late) <= 0.13 * len(working)


def test_plan_store_sets_the_long_past_apart_finished():
    now = datetime(2026, 11, 20, 15, 30)
    tickets = [TicketToWalk(f"T{n:04d}", "appliance", "不加热",
                            now - timedelta(days=120 * n / 600 + 0.01),
                            (now - timedelta(days=120 * n / 600 - 5)).date().isoformat(),
                            "complex") for n in range(600)]
    before, walked = plan_store(random.Random(4), tickets, now, limit=200)
    assert len(before) + len(walked) == 600 and len(walked) >= 200
    assert all(p.stage == "archived" and p.picked_up is not None for p in before)
    newest = sorted(t.opened for t in tickets)[-200:]
    assert {p.ticket.opened for p in walked} >= set(newest)
    assert max(p.ticket.opened for p in before) < min(newest)
    assert plan_store(random.Random(4), tickets, now)[0] == []  # no limit: every ticket walked


def test_a_long_past_arrives_as_imported_history_and_nothing_waits_at_step_1():
    """The large store's shape in miniature: a year of tickets, only the newest walked."""
    shape = DemoSize("shape", receipts=3000, lines=9000, tickets=400, customers=300,
                     skus_per_item=2, pos_counters=2, ticket_days=365, batch=500, walk_limit=60)
    bus = new_bus(datetime(2026, 11, 20, 15, 0))
    summary = build_demo(bus, shape, seed=5)
    stages = summary["ticket_stages"]
    assert summary["tickets"] == 400 and stages["step 1"] == 0
    assert summary["imported_history"] > 250 and stages["archived"] > summary["imported_history"]
    assert 0.05 * summary["in_workshop"] <= summary["overdue_tickets"] \
        <= 0.15 * summary["in_workshop"]
    with bus.db.engine.connect() as conn:
        imported = conn.execute(select(func.count()).select_from(repairs_t.ticket_history)
                                ).scalar_one()
        walked_steps = {s for s, n in stages.items() if n and s.startswith("step")}
    assert imported == summary["imported_history"]
    assert len(walked_steps) >= 4  # the walked ones spread over the steps
    bus.db.dispose()


def test_demo_logins_are_listed_and_work(demo):
    bus, _, _ = demo
    with bus.db.engine.connect() as conn:
        logins = json.loads(get_setting(conn, "demo_logins"))
    assert demo_state(bus.db) == "complete"
    roles = {entry["role"] for entry in logins}
    assert roles == {"clerk", "technician", "manager", "admin"}
    assert {"staff_id", "name", "role", "pin"} <= set(logins[0])
    clerk = next(e for e in logins if e["role"] == "clerk")
    result = bus.dispatch(LogIn(staff_id=clerk["staff_id"], pin=clerk["pin"]), clerk["staff_id"])
    assert result.value.role == "clerk"


def test_demo_refuses_a_database_that_has_a_store(demo):
    bus, _, _ = demo
    with pytest.raises(DeskError) as err:
        build_demo(bus, "small")
    assert err.value.code == "demo.not_empty"


def test_cli_builds_then_if_missing_does_nothing(tmp_path, capsys):
    home = str(tmp_path / "home")
    assert main(["--home", home, "demo", "--seed", "5"]) == 0
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert summary["ok"] and summary["receipts"] == 2000 and summary["db_bytes"] > 0
    assert "sales" in err and "100%" in err and "/s" in err
    assert main(["--home", home, "demo", "--if-missing"]) == 0
    assert json.loads(capsys.readouterr().out)["skipped"] is True
    assert main(["--home", home, "demo"]) == 2
    assert "demo.not_empty" in capsys.readouterr().err
    assert main(["--home", home, "db", "verify"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_an_interrupted_build_is_recognised_not_mistaken_for_a_store(tmp_path, capsys):
    class Stop(Exception):
        pass

    def stop_in_sales(stage: str, done: int, total: int) -> None:
        if stage == "sales" and done:
            raise Stop

    home = tmp_path / "home"
    bus = CommandBus(open_database(home / "desk.sqlite3"), FixedClock(NOW))
    with pytest.raises(Stop):
        build_demo(bus, "small", progress=stop_in_sales)
    assert demo_state(bus.db) == "building"
    with bus.db.engine.connect() as conn:
        assert verify(conn).ok  # whole batches only
        assert conn.execute(select(func.count()).select_from(sales_t.receipts)).scalar_one() == 500
    bus.db.dispose()
    assert main(["--home", str(home), "demo", "--if-missing"]) == 2
    assert "demo.incomplete" in capsys.readouterr().err
