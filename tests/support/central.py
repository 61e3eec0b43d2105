"""A fresh central database on the session's PostgreSQL (tests/sync/conftest.py `pg`), with a
role per store."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import psycopg

from desk.bench.pgserver import TempPostgres
from desk.sync.central import add_store, init_central

STORE_PASSWORDS = {"S001": "pw-s001", "S002": "pw-s002", "HQ": "pw-hq"}
_numbers = itertools.count(1)


@dataclass
class Central:
    pg: TempPostgres
    dbname: str

    @property
    def admin_url(self) -> str:
        return self.pg.url(dbname=self.dbname)

    def store_url(self, store_id: str, password: str | None = None) -> str:
        from desk.sync.central import role_for_store

        return self.pg.url(user=role_for_store(store_id),
                           password=password or STORE_PASSWORDS[store_id], dbname=self.dbname)

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_url, autocommit=True)

    def count(self, sql: str = "SELECT count(*) FROM desk.events", *params: object) -> int:
        with self.admin() as conn:
            return int(conn.execute(sql, params).fetchone()[0])


def new_central(pg: TempPostgres, stores: tuple[str, ...] = ("S001", "S002", "HQ")) -> Central:
    name = f"central_{next(_numbers)}"
    with psycopg.connect(pg.admin_conninfo(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    central = Central(pg, name)
    init_central(central.admin_url)
    for store in stores:
        add_store(central.admin_url, store, STORE_PASSWORDS[store])
    return central


def drop_central(central: Central, stores: tuple[str, ...] = ("S001", "S002", "HQ")) -> None:
    """Drop the database and its store roles (roles are cluster-wide: the next test's central
    database creates them anew)."""
    from desk.sync.central import role_for_store

    drop_database(central.pg, central.dbname)
    drop_roles(central.pg, [role_for_store(store) for store in stores])


def drop_database(pg: TempPostgres, dbname: str) -> None:
    with psycopg.connect(pg.admin_conninfo(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")


def drop_roles(pg: TempPostgres, roles: list[str]) -> None:
    """Drop store roles wherever they still hold rights: a role granted rights in a database
    that still exists cannot be dropped until they are revoked there (DROP OWNED)."""
    with psycopg.connect(pg.admin_conninfo(), autocommit=True) as conn:
        present = [r for r in roles if conn.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (r,)).fetchone()]
        databases = [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE datallowconn")]
    if not present:
        return
    for dbname in databases:
        with psycopg.connect(pg.admin_conninfo(dbname), autocommit=True) as conn:
            for role in present:
                conn.execute(f"DROP OWNED BY {role}")
    with psycopg.connect(pg.admin_conninfo(), autocommit=True) as conn:
        for role in present:
            conn.execute(f"DROP ROLE IF EXISTS {role}")


def store_roles_left(pg: TempPostgres) -> list[str]:
    with psycopg.connect(pg.admin_conninfo(), autocommit=True) as conn:
        return [r[0] for r in conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE 'desk\\_store\\_%' ORDER BY 1")]
