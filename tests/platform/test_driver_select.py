"""`DriverSelect`: a select run on the SQLite driver gives the rows `conn.execute` gives, inside
the caller's transaction, and refuses a statement whose types would convert values."""

from __future__ import annotations

import pytest
from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, bindparam, select

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


def test_a_type_that_converts_values_is_refused():
    flags = Table("flags", MetaData(), Column("id", Integer, primary_key=True),
                  Column("on", Boolean), Column("name", String))
    with pytest.raises(TypeError, match="converts"):
        DriverSelect(select(flags.c.on))
    with pytest.raises(TypeError, match="converts"):
        DriverSelect(select(flags.c.name).where(flags.c.on == bindparam("on", type_=Boolean)))
