"""Evidence photos between the counters of a store, through a real PostgreSQL central server:
a photo taken on counter A is read on counter B with the same bytes; a blob altered on the
server is refused on B; a round cut between the events and the photos hands the photo in next
time; another store's role cannot read it; an older central schema is upgraded."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from desk.catalog.commands import DefineCategory, RegisterProduct
from desk.platform.errors import DeskError
from desk.repairs.evidence import blob_path, evidence_root, store_photo
from desk.repairs.queries import ticket_detail
from desk.sync.blobs import fetch_photo, photo_hashes
from desk.sync.central import SCHEMA_VERSION, init_central
from desk.sync.transport import PgTransport
from tests.repairs.helpers import open_ticket, png_bytes, walk
from tests.sync.helpers import Counter

BLOBS = "SELECT count(*) FROM desk.blobs"
LINKS = "SELECT count(*) FROM desk.blob_stores"
EVENTS = "SELECT count(*) FROM desk.events"


def counter_path(tmp_path: Path, name: str) -> Path:
    """Each counter in its own folder: its own evidence folder beside its database."""
    folder = tmp_path / name
    folder.mkdir()
    return folder / "desk.sqlite3"


def seed_repair(counter: Counter) -> None:
    counter.run(DefineCategory(category_id="AP", category_name="家电", kind="appliance"))
    counter.run(RegisterProduct(sku="P000003", product_name="电热水壶", category_id="AP",
                                price_fen=29900))


@pytest.fixture
def pair(central, tmp_path):
    """Counter A of S001 with a ticket whose condition photo was taken on A; counter B joined
    the store before it."""
    a = Counter.first(counter_path(tmp_path, "a"), "S001", central.store_url("S001"))
    seed_repair(a)
    a.sync()
    b = Counter.joining(counter_path(tmp_path, "b"), central.store_url("S001"), "counter-b")
    photo = store_photo(evidence_root(a.db.path), png_bytes()).sha256
    open_ticket(a.bus)
    walk(a.bus, "T0001", photo, 2, actor=a.admin)
    yield a, b, photo
    a.close()
    b.close()


def detail(counter: Counter):
    with counter.db.engine.connect() as conn:
        return ticket_detail(conn, "T0001", counter.bus.clock.local_now().date(),
                             evidence_root(counter.db.path))


def photo_views(counter: Counter):
    return [c for step in detail(counter).steps for c in step if c.shown.get("photo_sha256")]


def test_a_photo_taken_on_a_is_read_on_b_with_the_same_bytes(central, pair):
    a, b, photo = pair
    ra = a.sync()
    assert ra.blobs_sent == 1 and ra.blobs_unavailable == 0
    assert central.count(BLOBS) == 1 and central.count(LINKS) == 1
    b.sync()
    views = photo_views(b)
    assert views and all(v.shown["photo_sha256"] == photo for v in views)
    assert not views[0].photo_ok  # B knows the photo from the journal, not its bytes yet
    got = fetch_photo(b.db, b.transport, photo)
    assert got.sha256 == photo and got.type == "image/png"
    mine = blob_path(evidence_root(a.db.path), photo).read_bytes()
    assert blob_path(evidence_root(b.db.path), photo).read_bytes() == mine
    assert all(v.photo_ok for v in photo_views(b))
    # Nothing is sent twice: another round on either side hands in nothing.
    assert a.sync().blobs_sent == 0 and b.sync().blobs_sent == 0
    assert central.count(BLOBS) == 1 and central.count(LINKS) == 1


def test_a_blob_altered_on_the_server_is_refused_on_b(central, pair):
    a, b, photo = pair
    a.sync()
    b.sync()
    with central.admin() as conn:
        conn.execute("UPDATE desk.blobs SET data = %s WHERE sha256 = %s",
                     (png_bytes("JPEG"), photo))
    with pytest.raises(DeskError) as err:
        fetch_photo(b.db, b.transport, photo)
    assert err.value.code == "sync.blob_mismatch"
    assert not blob_path(evidence_root(b.db.path), photo).exists()  # nothing kept
    assert not any(v.photo_ok for v in photo_views(b))


class CutBeforePhotos:
    """The real transport, with the connection lost when the first photo is handed in."""

    def __init__(self, inner: PgTransport) -> None:
        self.inner = inner
        self.cuts = 1

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def put_blob(self, sha256: str, kind: str, data: bytes) -> bool:
        if self.cuts:
            self.cuts -= 1
            raise DeskError("sync.connection_lost", reason="cut in the test")
        return self.inner.put_blob(sha256, kind, data)


def test_a_round_cut_between_events_and_photos_hands_the_photo_in_next_time(central, pair):
    a, b, photo = pair
    from desk.sync.engine import sync_once

    with pytest.raises(DeskError) as err:
        sync_once(a.db, CutBeforePhotos(a.transport))
    assert err.value.code == "sync.connection_lost"
    events = central.count(EVENTS)
    assert events > 0 and central.count(BLOBS) == 0  # the events went up, the photo did not
    again = a.sync()
    assert again.blobs_sent == 1 and again.pushed == 0
    assert central.count(BLOBS) == 1 and central.count(LINKS) == 1
    assert central.count(EVENTS) == events  # nothing duplicated
    b.sync()
    assert fetch_photo(b.db, b.transport, photo).sha256 == photo


def test_another_store_cannot_read_the_photo_and_head_office_can(central, pair):
    a, _b, photo = pair
    a.sync()
    other, hq = PgTransport(central.store_url("S002")), PgTransport(central.store_url("HQ"))
    try:
        assert other.get_blob(photo) is None  # deny by default
        assert other.missing_blobs([photo]) == [photo]  # S002 never handed it in
        kind, data = hq.get_blob(photo)
        assert kind == "image/png" and data == png_bytes()
        with pytest.raises(DeskError) as err:  # bytes that do not hash to their name
            other.put_blob("0" * 64, "image/png", png_bytes())
        assert err.value.code == "sync.blob_refused"
        with pytest.raises(DeskError) as err:
            other.put_blob(photo, "text/plain", png_bytes())
        assert err.value.code == "sync.blob_refused"
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no table written directly
            other.connection().execute("UPDATE desk.blobs SET data = ''")
    finally:
        other.close()
        hq.close()
    assert central.count(BLOBS) == 1


def test_photo_hashes_are_found_at_any_depth():
    sha, other = "a" * 64, "B" * 64
    payload = {"evidence": {"photo_sha256": sha}, "condition_photos": [{"photo_sha256": other}, 3],
               "photo_sha256": "short", "note": "photo_sha256"}
    assert photo_hashes(payload) == {sha, other.lower()}


def test_a_schema_2_central_is_upgraded_and_takes_photos(central, pair):
    a, _b, _photo = pair
    with central.admin() as conn:
        conn.execute("DROP TABLE desk.blob_stores CASCADE")
        conn.execute("DROP TABLE desk.blobs")
        conn.execute("DROP FUNCTION desk.put_blob(text, text, bytea)")
        conn.execute("UPDATE desk.meta SET value = '2' WHERE key = 'schema_version'")
    with pytest.raises(DeskError) as err:
        a.sync()
    assert err.value.code == "sync.central_outdated"
    done = init_central(central.admin_url)
    assert done["was"] == 2 and done["schema_version"] == SCHEMA_VERSION == 3
    assert a.sync().blobs_sent == 1
    assert central.count(BLOBS) == 1


@pytest.fixture
def b_screen(qtbot, pair):
    """Counter B's ticket page (its own runner), after both counters synced."""
    from ui.context import AppContext
    from ui.repairs.ticket_page import TicketPage
    from ui.tasks import TaskRunner

    a, b, photo = pair
    a.sync()
    b.sync()
    runner = TaskRunner()
    ctx = AppContext(b.db, b.bus, runner)
    page = TicketPage(ctx)
    qtbot.addWidget(page)
    yield ctx, page, photo
    runner.shutdown(wait=True)


def test_b_shows_photo_being_fetched_then_the_photo(central, b_screen, qtbot):
    import threading

    ctx, page, photo = b_screen
    gate = threading.Event()
    transport = PgTransport(central.store_url("S001"))

    def fetch(sha: str):  # on the I/O worker: held until the screen has said it is fetching
        assert gate.wait(timeout=30)
        return fetch_photo(ctx.db, transport, sha)

    ctx.fetch_photo = fetch
    try:
        page.load("T0001")
        qtbot.waitUntil(lambda: page.photos.state.get(photo) == "fetching", timeout=10000)
        assert page.photos.labels[photo].text() == "Photo being fetched…"
        gate.set()
        qtbot.waitUntil(lambda: page.photos.state.get(photo) == "shown", timeout=10000)
        assert not page.photos.labels[photo].pixmap().isNull()
        assert blob_path(evidence_root(ctx.db.path), photo).read_bytes() == png_bytes()
    finally:
        gate.set()
        transport.close()


def test_b_through_the_sync_service_refuses_an_altered_blob(central, b_screen, qtbot):
    from desk.sync import settings as central_settings
    from desk.sync.central import role_for_store
    from tests.support.central import STORE_PASSWORDS
    from ui.sync.secrets import PasswordStore
    from ui.sync.service import SyncService

    ctx, page, photo = b_screen
    with central.admin() as conn:
        conn.execute("UPDATE desk.blobs SET data = %s WHERE sha256 = %s",
                     (png_bytes("JPEG"), photo))
    service = SyncService(ctx, PasswordStore(use_keyring=False))
    service.settings = central_settings.CentralSettings(
        host="127.0.0.1", port=central.pg.port, dbname=central.dbname,
        user=role_for_store("S001"), sslmode="disable")
    service.passwords.set(service.settings.keyring_user(), STORE_PASSWORDS["S001"], False)
    ctx.fetch_photo = service.fetch_photo
    try:
        page.load("T0001")
        qtbot.waitUntil(lambda: page.photos.state.get(photo) == "unavailable", timeout=10000)
        assert page.photos.errors[photo].code == "sync.blob_mismatch"
        assert page.photos.labels[photo].pixmap().isNull()
        assert not blob_path(evidence_root(ctx.db.path), photo).exists()
    finally:
        service.stop()


def test_a_condition_photo_taken_at_intake_travels_too(central, pair):
    from desk.repairs.commands import OpenTicket

    a, b, _photo = pair
    jpeg = store_photo(evidence_root(a.db.path), png_bytes("JPEG")).sha256
    a.run(OpenTicket(code="T0002", sku="P000003", fault="不加热", promised_date="2026-11-25",
                     accessories=["盒子"], condition="划痕", condition_photos=[jpeg]))
    assert a.sync().blobs_sent == 2  # the check's photo and the intake's
    b.sync()
    assert fetch_photo(b.db, b.transport, jpeg).type == "image/jpeg"


def test_the_workshop_screen_on_b_fetches_the_photo_too(central, b_screen, qtbot):
    from ui.repairs.workshop_page import WorkshopPage

    ctx, _page, photo = b_screen
    transport = PgTransport(central.store_url("S001"))
    ctx.fetch_photo = lambda sha: fetch_photo(ctx.db, transport, sha)
    try:
        shop = WorkshopPage(ctx)
        qtbot.addWidget(shop)
        qtbot.waitUntil(lambda: shop.photos.state.get(photo) == "shown", timeout=10000)
        assert not shop.photos.labels[photo].pixmap().isNull()
    finally:
        transport.close()


def test_rebinding_hands_the_photos_in_again(central, pair):
    from desk.platform.settings import get_setting
    from desk.sync.blobs import BLOBS_SEQ
    from desk.sync.engine import rebind

    a, _b, _photo = pair
    a.sync()
    with a.db.engine.connect() as conn:
        assert int(get_setting(conn, BLOBS_SEQ)) > 0
    rebind(a.db, a.transport, a.admin)
    with a.db.engine.connect() as conn:
        assert get_setting(conn, BLOBS_SEQ) == "0"  # the new server is asked for every photo
    a.sync()
    assert central.count(BLOBS) == 1 and central.count(LINKS) == 1
