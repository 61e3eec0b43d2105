"""Reference data: the store and its counters, categories, products, customers."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import bindparam, select

from desk.catalog import tables as catalog_t
from desk.catalog.commands import (
    CategoryDefined,
    CounterInitialised,
    CustomerRegistered,
    CustomerUpdated,
    DefineCategory,
    InitialiseCounter,
    ProductRegistered,
    RegisterCustomer,
    RegisterProduct,
    UpdateCustomer,
)
from desk.closure.queries import TIMEZONE_KEY
from desk.platform.bus import Context
from desk.platform.driver_select import DriverSelect
from desk.platform.errors import DeskError
from desk.platform.queries import exists
from desk.platform.roles import Role
from desk.platform.settings import get_setting, set_setting
from desk.platform.uow import UnitOfWork
from desk.platform.values import require
from desk.staff.handlers import record_new_staff

CATEGORY_KINDS = frozenset({"fresh_food", "clothing", "down_jacket", "appliance", "electronics",
                            "jewelry", "general"})


def initialise_counter(cmd: InitialiseCounter, uow: UnitOfWork, ctx: Context) -> CounterInitialised:
    _record_store(uow, cmd.store_id, cmd.store_name, cmd.tracking_url, cmd.timezone)
    _record_device(uow, cmd.device_name)
    record_new_staff(uow, cmd.admin_id, cmd.admin_name, Role.ADMIN, cmd.admin_pin)
    return CounterInitialised(cmd.store_id, uow.db.device_id, cmd.admin_id)


def _record_store(uow: UnitOfWork, store_id: str, name: str, tracking_url: str,
                  timezone: str = "") -> None:
    """Binds this counter to a store (first run); the store row is a projection like any other.
    The time zone is a setting of this counter (closure reads it) and, for the audit, part of the
    store's event (only when one was given: older events stay as they were)."""
    if get_setting(uow.conn, "store_id") is not None:
        raise DeskError("store.exists", store_id=get_setting(uow.conn, "store_id"))
    store_id = require(store_id, "store_id")
    if exists(uow.conn, catalog_t.stores, "store_id", store_id):
        raise DeskError("store.exists", store_id=store_id)
    uow.use_store(store_id)
    set_setting(uow.conn, "store_id", store_id)
    payload = {"store_id": store_id, "name": require(name, "store_name"),
               "address": "", "tracking_url": tracking_url}
    if timezone:
        set_setting(uow.conn, TIMEZONE_KEY, check_timezone(timezone))
        payload["timezone"] = timezone
    uow.record("store.registered", store_id, payload)


def check_timezone(name: str) -> str:
    """An IANA zone name the machine knows ("Asia/Shanghai"), else `value.invalid`."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DeskError("value.invalid", field=TIMEZONE_KEY, reason=name) from None
    return name


def _record_device(uow: UnitOfWork, name: str) -> None:
    device_id = uow.db.device_id
    uow.record("device.registered", device_id, {
        "device_id": device_id, "store_id": uow.store_id(),
        "name": require(name, "device_name"),
    })


def define_category(cmd: DefineCategory, uow: UnitOfWork, ctx: Context) -> CategoryDefined:
    if cmd.kind not in CATEGORY_KINDS:
        raise DeskError("value.invalid", field="kind", reason=f"one of {sorted(CATEGORY_KINDS)}")
    uow.record("category.defined", cmd.category_id, {
        "category_id": require(cmd.category_id, "category_id"),
        "name": require(cmd.category_name, "category_name"), "kind": cmd.kind,
    })
    return CategoryDefined(cmd.category_id)


def register_product(cmd: RegisterProduct, uow: UnitOfWork, ctx: Context) -> ProductRegistered:
    sku = require(cmd.sku, "sku")
    if exists(uow.conn, catalog_t.products, "sku", sku):
        raise DeskError("product.exists", sku=sku)
    if not exists(uow.conn, catalog_t.categories, "category_id", cmd.category_id):
        raise DeskError("category.unknown", category=cmd.category_id)
    if cmd.price_fen < 0:
        raise DeskError("money.negative", field="price_fen")
    uow.record("product.registered", sku, {
        "sku": sku, "name": require(cmd.product_name, "product_name"),
        "category_id": cmd.category_id, "price_fen": cmd.price_fen, "barcode": cmd.barcode.strip(),
    })
    return ProductRegistered(sku)


# compiled once and run on the driver: every registration asks it (SQLAlchemy's cost per
# statement was most of the probe: ~40 of a registration's ~170 us in the large demo's build)
_MEMBER_OWNER = DriverSelect(select(catalog_t.customers.c.customer_id).where(
    catalog_t.customers.c.member_id == bindparam("member_id")).limit(1))


def _check_member_free(uow: UnitOfWork, member_id: str, customer_id: str) -> None:
    if not member_id:  # no card: nothing to be taken
        return
    found = _MEMBER_OWNER.first(uow.conn, member_id=member_id)
    owner = None if found is None else found[0]
    if owner is not None and owner != customer_id:
        raise DeskError("customer.member_taken", member_id=member_id)


def register_customer(cmd: RegisterCustomer, uow: UnitOfWork,
                      ctx: Context) -> CustomerRegistered:
    customer_id = require(cmd.customer_id, "customer_id")
    if exists(uow.conn, catalog_t.customers, "customer_id", customer_id):
        raise DeskError("customer.exists", customer_id=customer_id)
    _check_member_free(uow, cmd.member_id, customer_id)
    uow.record("customer.registered", customer_id, {
        "name": require(cmd.customer_name, "customer_name"), "phone": cmd.phone.strip(),
        "member_id": cmd.member_id.strip(), "note": cmd.note,
    })
    return CustomerRegistered(customer_id)


def update_customer(cmd: UpdateCustomer, uow: UnitOfWork, ctx: Context) -> CustomerUpdated:
    if not exists(uow.conn, catalog_t.customers, "customer_id", cmd.customer_id):
        raise DeskError("customer.unknown", customer_id=cmd.customer_id)
    given = {"name": cmd.customer_name, "phone": cmd.phone, "member_id": cmd.member_id,
             "note": cmd.note}
    fields = {k: v.strip() for k, v in given.items() if v is not None}
    if "name" in fields:
        require(fields["name"], "customer_name")
    if "member_id" in fields:
        _check_member_free(uow, fields["member_id"], cmd.customer_id)
    uow.record("customer.updated", cmd.customer_id, {"fields": fields})
    return CustomerUpdated(cmd.customer_id, tuple(sorted(fields)))


