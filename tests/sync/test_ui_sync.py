"""The app's side of sync, offscreen: background rounds with backoff, the status bar section, the
connection dialog (no keyring here: asked per session, never written) and the conflicts page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.bench.pgserver import free_port
from desk.capabilities import open_database
from desk.platform import tables as t
from desk.platform.bus import CommandBus
from desk.platform.changes import Changed, Changes
from desk.sales import tables as sales_t
from desk.sales.commands import RecordSale, SaleLine, Tender
from desk.sync import settings as central_settings
from desk.sync.central import role_for_store
from desk.sync.engine import sync_once
from desk.sync.transport import PgTransport
from tests.support.central import STORE_PASSWORDS
from tests.support.journal import journal_facts
from tests.sync.helpers import ADMIN, Counter, seed_catalogue
from ui.context import AppContext
from ui.sync.conflicts_page import ConflictsPage
from ui.sync.secrets import PasswordStore
from ui.sync.service import SyncService
from ui.sync.settings_dialog import ConnectionDialog
from ui.sync.widgets import SyncStatusWidget
from ui.tasks import TaskRunner


@pytest.fixture
def store(central, tmp_path):
    """Head office and a first counter of S001 that has synced once (file databases)."""
    hq = Counter.first(None, "HQ", central.store_url("HQ"))
    seed_catalogue(hq)
    hq.sync()
    first = Counter.first(tmp_path / "first.sqlite3", "S001", central.store_url("S001"))
    first.sync()
    yield first
    hq.close()
    first.close()


@pytest.fixture
def app_ctx(qtbot, tmp_path):
    db = open_database(tmp_path / "app.sqlite3")
    runner = TaskRunner()
    ctx = AppContext(db, CommandBus(db), runner)
    yield ctx
    runner.shutdown(wait=True)
    db.dispose()


def settings_for(central, port: int | None = None) -> central_settings.CentralSettings:
    return central_settings.CentralSettings(
        host="127.0.0.1", port=port or central.pg.port, dbname=central.dbname,
        user=role_for_store("S001"), sslmode="disable", interval_s=3600)


def save(ctx: AppContext, s: central_settings.CentralSettings) -> None:
    with ctx.db.write_lock, ctx.db.engine.begin() as conn:
        central_settings.save(conn, s)


def test_background_sync_joins_reports_and_follows_local_work(qtbot, central, store, app_ctx):
    s = settings_for(central)
    save(app_ctx, s)
    passwords = PasswordStore(use_keyring=False)
    passwords.set(s.keyring_user(), STORE_PASSWORDS["S001"], remember=False)
    service = SyncService(app_ctx, passwords)
    widget = SyncStatusWidget(service)
    qtbot.addWidget(widget)
    changed: list[Changes] = []
    app_ctx.hub.changed.connect(changed.append)
    service.start()
    qtbot.waitUntil(lambda: service.state.state == "online", timeout=20_000)
    assert app_ctx.db.store_id() == "S001"  # the fresh counter joined its store
    assert any(c.touches(frozenset({Changed.RECEIPTS, Changed.CATALOG})) and c.initiator == "sync"
               for c in changed)  # screens were told, and by whom
    assert "online" in widget.text() and "0 waiting" in widget.text()
    # Work done here waits until the next round, then goes up.
    store.sale("R2611200100001")
    store.sync()
    with qtbot.waitSignal(service.sig_round_done, timeout=20_000,
                          check_params_cb=lambda report: "receipts" in report.changes):
        service.sync_now()
    with app_ctx.db.engine.connect() as conn:
        assert conn.execute(select(sales_t.receipts.c.receipt_no)).scalar() == "R2611200100001"
    service.stop()


def test_an_unreachable_server_backs_off_and_says_so(qtbot, central, app_ctx):
    s = settings_for(central, port=free_port())
    save(app_ctx, s)
    passwords = PasswordStore(use_keyring=False)
    passwords.set(s.keyring_user(), "x", remember=False)
    service = SyncService(app_ctx, passwords)
    widget = SyncStatusWidget(service)
    qtbot.addWidget(widget)
    service.start()
    qtbot.waitUntil(lambda: service.state.state == "offline", timeout=20_000)
    assert service.state.error.code == "sync.unreachable"
    assert service.state.retry_in_s == 5 and "retry in 5 s" in widget.text()
    assert "cannot reach the central server" in widget.toolTip().lower()
    service._timer.stop()
    service.sync_now()  # the next attempt waits twice as long
    qtbot.waitUntil(lambda: service.state.state == "offline" and service.state.retry_in_s == 10,
                    timeout=20_000)
    service.stop()


def test_without_a_password_it_asks_instead_of_failing(qtbot, central, app_ctx):
    save(app_ctx, settings_for(central))
    service = SyncService(app_ctx, PasswordStore(use_keyring=False))
    service.start()
    qtbot.waitUntil(lambda: service.state.state == "needs_password", timeout=20_000)
    service.set_session_password(STORE_PASSWORDS["S001"])
    qtbot.waitUntil(lambda: service.state.state == "online", timeout=20_000)
    service.stop()


def test_not_configured_is_shown_plainly(qtbot, app_ctx):
    service = SyncService(app_ctx, PasswordStore(use_keyring=False))
    widget = SyncStatusWidget(service)
    qtbot.addWidget(widget)
    service.start()
    qtbot.waitUntil(lambda: service.state.state == "not_configured", timeout=10_000)
    assert "not configured" in widget.text()
    service.stop()


def test_the_dialog_tests_saves_and_never_writes_the_password(qtbot, central, store, app_ctx):
    # saving is an audited manager/admin command: the counter joins S001 and its admin signs in
    sync_once(app_ctx.db, PgTransport(central.store_url("S001")), counter_name="S001-2")
    app_ctx.session.staff_id = ADMIN["S001"]
    passwords = PasswordStore(use_keyring=False)  # a machine without a keyring backend
    service = SyncService(app_ctx, passwords)
    service.start()
    qtbot.waitUntil(lambda: service.state.state == "not_configured", timeout=10_000)
    dialog = ConnectionDialog(app_ctx, service)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.keyring_note.text() != "", timeout=10_000)
    assert not dialog.remember.isChecked() and not dialog.remember.isEnabled()
    assert "never written to disk" in dialog.keyring_note.text()
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(central.pg.port)
    dialog.dbname.setText(central.dbname)
    dialog.user.setText(role_for_store("S001"))
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("disable"))
    dialog.password.setText("wrong-password")
    dialog.test()
    qtbot.waitUntil(lambda: "refused" in dialog.result_label.text(), timeout=20_000)
    dialog.password.setText(STORE_PASSWORDS["S001"])
    dialog.test()
    qtbot.waitUntil(lambda: "store S001" in dialog.result_label.text(), timeout=20_000)
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("verify-full"))
    dialog.save()  # verify-full needs a CA certificate
    assert "sslrootcert" in dialog.result_label.text()
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("disable"))
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.save()
    with app_ctx.db.engine.connect() as conn:
        saved = central_settings.load(conn)
    assert saved.user == role_for_store("S001") and saved.port == central.pg.port
    facts = journal_facts(app_ctx.db, "device.central_settings_saved")
    assert [(actor, p["settings"]["user"]) for _, actor, p in facts] == [
        (ADMIN["S001"], role_for_store("S001"))]
    qtbot.waitUntil(lambda: service.state.state == "online", timeout=20_000)
    service.stop()
    app_ctx.db.dispose()
    raw = b"".join(p.read_bytes() for p in app_ctx.db.path.parent.glob("app.sqlite3*"))
    assert STORE_PASSWORDS["S001"].encode() not in raw


def test_with_no_conflict_nothing_offers_to_resolve(qtbot, app_ctx):
    page = ConflictsPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: "0" in page.status.text(), timeout=5_000)
    assert page.model.rowCount() == 0
    assert not any(w.isEnabled() for w in (page.resolve_button, page.decision, page.note))
    page.resolve()  # a stray call does nothing either
    assert journal_facts(app_ctx.db, "conflict.") == []


def test_the_manager_sees_and_resolves_a_conflict(qtbot, central, store, app_ctx):
    s = settings_for(central)
    save(app_ctx, s)
    passwords = PasswordStore(use_keyring=False)
    passwords.set(s.keyring_user(), STORE_PASSWORDS["S001"], remember=False)
    service = SyncService(app_ctx, passwords)
    service.start()
    qtbot.waitUntil(lambda: service.state.state == "online", timeout=20_000)
    # Both counters record receipt 77 offline, with different amounts.
    store.sale("R2611200100077", price_fen=19900)
    app_ctx.bus.dispatch(RecordSale(
        receipt_no="R2611200100077", sold_at="2026-11-20T10:05:00",
        lines=[SaleLine(sku="P000001", qty=1, unit_price_fen=5000)],
        tenders=[Tender(tender="cash", amount_fen=5000)]), "1001")
    store.sync()
    page = ConflictsPage(app_ctx)
    qtbot.addWidget(page)
    service.sync_now()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
    assert service.state.open_conflicts == 1
    qtbot.waitUntil(lambda: page.resolve_button.isEnabled(), timeout=5_000)
    assert "receipt number" in page.detail.toPlainText()
    app_ctx.session.staff_id = "1001"  # the store's administrator
    page.decision.setCurrentIndex(page.decision.findData("keep_first"))
    page.note.setText("第二笔为误录")
    page.resolve()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)
    page.show_resolved.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "keep" in page.detail.toPlainText().lower()
                    or "first record" in page.detail.toPlainText(), timeout=5_000)
    service.sync_now()
    qtbot.waitUntil(lambda: service.state.state == "online" and service.state.open_conflicts == 0,
                    timeout=20_000)
    store.sync()
    with store.db.engine.connect() as conn:
        status = conn.execute(select(t.conflicts.c.status)).scalar()
    assert status == "resolved"  # the resolution reached the other counter
    service.stop()


def test_gui_stall_measurement_runs(qtbot, pg):
    """The benchmark's own code, on a small backlog (the figure is for `desk bench`)."""
    import psycopg

    from ui.bench.sync_stall import BUDGET_MS, measure_stall

    with psycopg.connect(pg.admin_conninfo(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS stall")
        conn.execute("CREATE DATABASE stall")
    try:
        figures = measure_stall(pg.url(dbname="stall"), events=300)
    finally:  # the bench made the store's role on the shared server: take it off again
        from tests.support.central import drop_database, drop_roles

        drop_database(pg, "stall")
        drop_roles(pg, ["desk_store_s001"])
    assert figures["applied"] >= 300 and 0 < figures["stall_ms"] <= BUDGET_MS
