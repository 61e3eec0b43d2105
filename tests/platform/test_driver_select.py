"""`DriverSelect`: a select run on the SQLite driver gives the rows `conn.execute` gives, inside
the caller's transaction, and refuses a statement whose types would convert values."""

from __future__ import annotations

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    select,
)

from desk.catalog import tables as catalog_t
from desk.catalog.commands import RegisterCustomer
from desk.platform.batch import BatchConnection
from desk.platform.driver_select import DriverSelect
from desk.platform.uow import UnitOfWork
from tests.support.staff import ADMIN

_C = catalog_t.customers.c
BY_NAME = (select(_C.customer_id, _C.name, _C.phone).where(_C.name == bindparam("name"))
           .order_by(_C.customer_id))


@pytest.fixture
def customers(bus):
    for i, name in enumerate(("张三", "李四", "张三")):
        bus.dispatch(RegisterCustomer(f"C000000{i}", name, f"1391234567{i}"), ADMIN)
    return bus


def test_the_rows_are_those_conn_execute_gives(customers):
    query = DriverSelect(BY_NAME)
    with customers.db.engine.connect() as conn:
        expected = [tuple(r) for r in conn.execute(BY_NAME, {"name": "张三"})]
        assert query.rows(conn, name="张三") == expected
        assert [r[0] for r in expected] == ["C0000000", "C0000002"]
        assert query.first(conn, name="王五") is None


def test_a_literal_of_the_statement_is_bound_with_its_value(customers):
    query = DriverSelect(BY_NAME.limit(1))
    with customers.db.engine.connect() as conn:
        assert query.rows(conn, name="张三") == [("C0000000", "张三", "13912345670")]


def test_it_reads_the_unit_of_works_uncommitted_writes(customers):
    query = DriverSelect(BY_NAME)
    with UnitOfWork(customers.db, ADMIN) as uow:
        uow.conn.execute(catalog_t.customers.update().where(_C.customer_id == "C0000001")
                         .values(name="张三"))
        assert len(query.rows(uow.conn, name="张三")) == 3
    with customers.db.engine.connect() as conn:  # rolled back: never committed
        assert len(query.rows(conn, name="张三")) == 2


def test_a_batch_writes_its_queued_rows_before_the_read(customers):
    query = DriverSelect(BY_NAME)
    with UnitOfWork(customers.db, ADMIN) as uow:
        batch = BatchConnection(uow.conn)
        batch.execute(catalog_t.customers.insert(), {
            "customer_id": "C0000009", "name": "张三", "phone": "13900000009"})
        assert [r[0] for r in query.rows(batch.as_connection(), name="张三")] == [
            "C0000000", "C0000002", "C0000009"]


def test_the_first_read_begins_the_transaction_as_execute_would(customers):
    query = DriverSelect(BY_NAME)
    with customers.db.engine.connect() as conn:
        assert not conn.in_transaction()
        query.rows(conn, name="张三")
        assert conn.in_transaction()


def test_types_convert_as_sqlalchemy_converts_them(tmp_path):
    flags = Table("flags", MetaData(), Column("id", Integer, primary_key=True),
                  Column("on", Boolean), Column("name", String))
    engine = create_engine(f"sqlite:///{tmp_path / 'flags.sqlite3'}")
    flags.metadata.create_all(engine)
    query = select(flags.c.id, flags.c.on, flags.c.name).where(
        flags.c.on == bindparam("on", type_=Boolean)).order_by(flags.c.id)
    with engine.begin() as conn:
        conn.execute(flags.insert(), [{"id": 1, "on": True, "name": "a"},
                                      {"id": 2, "on": False, "name": None}])
        for on in (True, False):
            got = DriverSelect(query).rows(conn, on=on)
            assert got == [tuple(r) for r in conn.execute(query, {"on": on})]
            assert got[0][1] is on
    engine.dispose()


def test_a_literal_list_is_expanded_once(customers):
    query = select(_C.customer_id).where(_C.name.in_(("张三", "李四")),
                                         _C.phone != bindparam("phone")).order_by(_C.customer_id)
    with customers.db.engine.connect() as conn:
        assert DriverSelect(query).rows(conn, phone="13912345671") == [
            ("C0000000",), ("C0000002",)]


def test_a_list_given_at_each_call_is_refused():
    with pytest.raises(TypeError, match="IN"):
        DriverSelect(select(_C.name).where(_C.customer_id.in_(bindparam("ids", expanding=True))))
