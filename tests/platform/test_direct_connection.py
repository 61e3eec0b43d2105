"""`DirectConnection`: a command's projection writes its plain inserts on the driver at once —
the rows SQLAlchemy would write (defaults included), visible to the next statement."""

from __future__ import annotations

from sqlalchemy import select

from desk.catalog import tables as catalog_t
from desk.platform.batch import DirectConnection, plain_insert
from desk.platform.uow import UnitOfWork
from tests.support.staff import ADMIN

_C = catalog_t.customers.c


def test_a_plain_insert_is_written_at_once_with_the_columns_defaults(bus):
    with UnitOfWork(bus.db, ADMIN) as uow:
        direct = DirectConnection(uow.conn).as_connection()
        assert direct.execute(plain_insert(catalog_t.customers),
                              {"customer_id": "C1", "name": "张三"}) is None
        direct.execute(catalog_t.customers.insert(), [
            {"customer_id": "C2", "name": "李四"}, {"customer_id": "C3", "name": "王五"}])
        via_driver = [tuple(r) for r in direct.execute(
            select(catalog_t.customers).order_by(_C.customer_id))]
        uow.conn.rollback()
    with UnitOfWork(bus.db, ADMIN) as uow:  # the same rows through SQLAlchemy
        uow.conn.execute(catalog_t.customers.insert(), [
            {"customer_id": "C1", "name": "张三"}, {"customer_id": "C2", "name": "李四"},
            {"customer_id": "C3", "name": "王五"}])
        via_sqlalchemy = [tuple(r) for r in uow.conn.execute(
            select(catalog_t.customers).order_by(_C.customer_id))]
    assert via_driver == via_sqlalchemy
    assert [r[0] for r in via_driver] == ["C1", "C2", "C3"]
    assert via_driver[0][-1] == "{}"  # field_hlc's default


def test_any_other_statement_goes_to_the_connection(bus):
    with UnitOfWork(bus.db, ADMIN) as uow:
        direct = DirectConnection(uow.conn).as_connection()
        direct.execute(plain_insert(catalog_t.customers), {"customer_id": "C1", "name": "张三"})
        result = direct.execute(catalog_t.customers.update().where(_C.customer_id == "C1")
                                .values(name="张三丰"))
        assert result.rowcount == 1
        assert direct.in_transaction()
        assert uow.conn.execute(select(_C.name)).scalar_one() == "张三丰"
