"""`desk ticket show CODE [--json]`: the checklist state in words, the quote and signatures."""

from __future__ import annotations

import json

import pytest

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.cli.main import main
from desk.platform.bus import CommandBus
from desk.platform.paths import database_path
from desk.platform.ports import FixedClock
from desk.repairs.commands import WaiveCheck
from desk.repairs.evidence import evidence_root, store_photo
from tests.repairs.helpers import TECH, open_ticket, png_bytes, record, seed_repairs, walk
from tests.returns.seed import MANAGER, MANAGER_PIN


@pytest.fixture
def home(tmp_path, clock: FixedClock):
    db = open_database(database_path(tmp_path), wall_ms=clock.now_ms)
    bus = CommandBus(db, clock)
    initialise_counter(bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999")
    seed_repairs(bus)
    photo = store_photo(evidence_root(db.path), png_bytes()).sha256
    open_ticket(bus, "T0001")
    walk(bus, "T0001", photo, until_step=3)
    record(bus, "T0001", 4, "safety_isolation", TECH)
    bus.dispatch(WaiveCheck(ticket_code="T0001", step=4, check_id="parts_recorded",
                            reason_code="part_unavailable", note="无需换件",
                            approver_id=MANAGER, approver_pin=MANAGER_PIN), TECH)
    db.dispose()
    return tmp_path


def test_show_prints_each_check_in_words(home, capsys):
    assert main(["--home", str(home), "ticket", "show", "T0001"]) == 0
    out = capsys.readouterr().out
    assert "ticket T0001  电热水壶" in out
    assert "step 1 booking: complete" in out
    assert "step 4 repair: open" in out
    assert ("[done] safety_isolation — Safety isolation (power off, discharge) (tick, technician)"
            f" by {TECH} at 2026-11-20T10:00:00") in out
    assert "[waived] parts_recorded" in out and f"approved by {MANAGER}" in out
    assert "reason part_unavailable" in out
    assert "[todo] key_steps" in out
    assert "note “已记录”" in out
    assert "quote #1: ¥80.00, signed" in out
    assert "part 温控器 serial SN-1 × 1 ¥30.00" in out
    assert "quote_signed by 1001" in out
    assert "completion: not signed" in out
    # answered by the first check after intake; days later (the real clock) it has gone quiet
    [service] = [line for line in out.splitlines() if line.startswith("service level")]
    assert service.startswith("service level complex: answered 2026-11-20T10:00:00; now ")
    assert "stale" in service


def test_show_json_has_the_detail(home, capsys):
    assert main(["--home", str(home), "ticket", "show", "T0001", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["code"] == "T0001" and shown["current_step"] == 4
    assert shown["service"]["service_level"] == "complex"
    assert shown["service"]["responded_at"] == "2026-11-20T10:00:00"
    step4 = {c["check_id"]: c for c in shown["steps"][3]}
    assert step4["parts_recorded"]["waived"] and step4["parts_recorded"]["approved_by"] == MANAGER
    assert step4["safety_isolation"]["done"] and step4["safety_isolation"]["actor"] == TECH
    assert not step4["key_steps"]["done"]
    assert shown["quote_signed"] and len(shown["quote_sha256"]) == 64
    assert [s["kind"] for s in shown["signoffs"]] == ["quote_signed"]


def test_unknown_code_is_a_clear_error(home, capsys):
    assert main(["--home", str(home), "ticket", "show", "T9999"]) == 2
    err = capsys.readouterr().err
    assert "ticket.unknown" in err and "T9999" in err
