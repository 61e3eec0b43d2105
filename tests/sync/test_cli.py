"""The operator's and scripts' commands, as subprocesses: desk central init/add-store/status,
desk sync (says what it pushed and pulled), desk conflicts list/resolve."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desk.platform.errors import DeskError
from desk.sync.central import add_store


def desk(home, *args, check=True):
    env = {**os.environ, "DESK_HOME": str(home), "DESK_ADMIN_PIN": "2468"}
    env.pop("DESK_CENTRAL_URL", None)
    done = subprocess.run([sys.executable, "-m", "desk.cli.main", *args], capture_output=True,
                          text=True, env=env, timeout=120)
    if check:
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])
    return done


@pytest.fixture
def cli_central(pg):
    """An empty database for `desk central init`; it and the store role are dropped after."""
    import psycopg

    from tests.support.central import drop_database, drop_roles

    with psycopg.connect(pg.admin_conninfo(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS cli_central")
        conn.execute("CREATE DATABASE cli_central")
    yield pg.url(dbname="cli_central")
    drop_database(pg, "cli_central")
    drop_roles(pg, ["desk_store_s009"])


def test_operator_and_counter_commands(tmp_path, pg, cli_central):
    owner = cli_central
    first = desk(tmp_path, "central", "init", owner)
    again = desk(tmp_path, "central", "init", owner)  # idempotent
    assert first["was"] is None and again["was"] == first["schema_version"]
    creds = desk(tmp_path, "central", "add-store", owner, "--store-id", "S009")
    assert creds["role"] == "desk_store_s009" and creds["created"] and len(creds["password"]) > 16
    rekeyed = desk(tmp_path, "central", "add-store", owner, "--store-id", "S009",
                   "--password", "chosen-pw")
    assert not rekeyed["created"]
    with pytest.raises(DeskError) as err:  # another spelling of the same store id
        add_store(owner, "s009", "x")
    assert err.value.code == "sync.store_role_taken"
    url = pg.url(user="desk_store_s009", password="chosen-pw", dbname="cli_central")

    one, two = tmp_path / "one", tmp_path / "two"
    desk(one, "init", "--store-id", "S009", "--store-name", "九号店", "--counter-name", "1",
         "--admin-id", "9901", "--admin-name", "店长")
    pushed = desk(one, "sync", "--central", url)
    assert pushed["pushed"] == 3 and pushed["pulled"] == 0 and pushed["waiting"] == 0
    joined = desk(two, "sync", "--central", url, "--counter-name", "二号柜台")
    assert joined["joined"] and joined["pulled"] == 3 and joined["pushed"] == 1
    again = desk(one, "sync", "--central", url)
    assert again["pulled"] == 1 and again["pushed"] == 0
    status = desk(tmp_path, "central", "status", owner)
    assert status["stores"]["S009"]["events"] == 4 and len(status["devices"]) == 2
    assert desk(one, "db", "verify")["ok"] and desk(two, "db", "verify")["ok"]
    assert desk(one, "conflicts", "list")["conflicts"] == []
    refused = desk(one, "conflicts", "resolve", "nope|x", "--decision", "accepted", "--as",
                   "9901", check=False)
    assert refused.returncode == 2 and "conflict.unknown" in refused.stderr
    missing = desk(two, "sync", check=False)
    assert missing.returncode == 2 and "sync.not_configured" in missing.stderr
