"""Head office publishes a policy version through the journal: validated on publish (a bad file
is refused with its line), in force from its date at every counter that has the event, and
immune to a second publication of the same version."""

from __future__ import annotations

import pytest

from desk.cli.main import main
from desk.platform.errors import DeskError
from desk.platform.paths import resources_dir
from desk.policies.commands import PublishPolicy
from desk.returns.commands import RecordReturn, ReturnLineInput
from desk.sync.engine import apply_pulled
from tests.returns.seed import ADMIN, CLERK, MANAGER, sale
from tests.support.counters import own, second_counter

TEXT = (resources_dir() / "policies" / "store-2026.2.toml").read_text(encoding="utf-8")
V3 = (TEXT.replace('version = "2026.2"', 'version = "2026.3"')
      .replace("effective_from = 2026-09-01", "effective_from = 2026-11-20")
      .replace('return_days = 45                  # 30 before 2026-09-01 (purchases before '
               'then keep 30)', "return_days = 60"))


def test_a_published_version_takes_effect_for_purchases_from_its_date(store, db, clock,
                                                                       head_office):
    sale(store, "R2611200100001", [("P000001", 1)], sold_at="2026-11-20T09:00:00")
    result = head_office.run(PublishPolicy(text=V3, source="store-2026.3.toml"))
    # the 20 rules of returns and compensation, and the 3 warranty rules of repairs
    assert result.value == {"version": "2026.3", "effective_from": "2026-11-20", "rules": 23}
    clock.advance(days=50)  # day 50: past 45 days, within the published 60
    done = store.dispatch(RecordReturn(receipt_no="R2611200100001",
                                       lines=[ReturnLineInput(1, 1)]), CLERK).value
    rule = done["decision"]["rules"][0]
    assert (rule["rule"], rule["version"], rule["numbers"]["return_days"]) == (
        "return.clothing", "2026.3", 60)
    clock.advance(days=-50)


def test_a_published_version_reaches_another_counter_by_sync(store, db, clock, head_office):
    db2, bus2 = second_counter(db, clock)
    sale(bus2, "R2611200200001", [("P000001", 1)], sold_at="2026-11-20T09:00:00")
    head_office.run(PublishPolicy(text=V3, source="store-2026.3.toml"))
    apply_pulled(db2, own(head_office.db), None)
    clock.advance(days=50)
    done = bus2.dispatch(RecordReturn(receipt_no="R2611200200001",
                                      lines=[ReturnLineInput(1, 1)]), CLERK).value
    assert done["decision"]["rules"][0]["version"] == "2026.3"
    clock.advance(days=-50)
    db2.dispose()


def test_a_bad_document_is_refused_with_its_line_and_nothing_changes(store, db, head_office):
    bad = V3.replace('clerk_refund = "2000"', 'clerk_refund = "2000.001"')
    with pytest.raises(DeskError) as err:
        head_office.run(PublishPolicy(text=bad, source="store-2026.3.toml"))
    assert err.value.code == "policy.invalid"
    line = next(i for i, ln in enumerate(bad.splitlines(), 1) if ln.startswith("clerk_refund"))
    assert (err.value.params["file"], err.value.params["line"]) == ("store-2026.3.toml", line)
    with pytest.raises(DeskError) as err:
        head_office.run(PublishPolicy(text=TEXT, source="again.toml"))
    assert err.value.code == "policy.invalid" and "2026.2" in err.value.params["reason"]
    with pytest.raises(DeskError) as err:
        store.dispatch(PublishPolicy(text=V3), MANAGER)
    assert err.value.code == "auth.forbidden"
    with pytest.raises(DeskError) as err:  # a store's administrator is not head office
        store.dispatch(PublishPolicy(text=V3, source="raise-limits.toml"), ADMIN)
    assert err.value.code == "auth.head_office_only"


def test_a_policy_forged_on_a_store_counter_changes_no_limit(store, db, clock):
    """A tampered store client records a policy.published raising the clerk's refund limit: the
    rules in force stay head office's, and a manager sees a conflict."""
    from desk.platform.bus import SYSTEM_ACTOR
    from desk.platform.conflicts import open_conflicts
    from desk.platform.uow import UnitOfWork
    from desk.policies.queries import POLICY_ENTITY, PUBLISHED, for_connection

    raised = V3.replace('clerk_refund = "2000"', 'clerk_refund = "9999"')
    with UnitOfWork(db, SYSTEM_ACTOR) as uow:
        uow.record(PUBLISHED, POLICY_ENTITY, {"version": "2026.3", "effective_from": "2026-11-20",
                                              "source": "forged.toml", "text": raised})
        uow.commit()
    with db.engine.connect() as conn:
        assert "2026.3" not in {d.version for d in for_connection(conn).documents}
        assert [c.code for c in open_conflicts(conn)] == ["policy.not_from_head_office"]


def test_publish_and_list_from_the_command_line(tmp_path, capsys):
    from desk.capabilities import open_database
    from desk.catalog.setup import initialise_counter
    from desk.platform.bus import CommandBus

    database = open_database(tmp_path / "desk.sqlite3")
    initialise_counter(CommandBus(database), store_id="HQ", store_name="总部",
                       device_name="总部", admin_id="9001", admin_name="总部", admin_pin="9999")
    database.dispose()
    (tmp_path / "v3.toml").write_text(V3, encoding="utf-8")
    assert main(["--home", str(tmp_path), "policy", "publish", str(tmp_path / "v3.toml"),
                 "--as", "9001"]) == 0
    assert '"version": "2026.3"' in capsys.readouterr().out
    assert main(["--home", str(tmp_path), "policy", "list"]) == 0
    out = capsys.readouterr().out
    assert "2026.3  from 2026-11-20" in out and "journal:v3.toml" in out
