"""Reference data: the store and its counters, categories, products, customers, repair tickets."""

from __future__ import annotations

from datetime import date
from typing import Any

from desk.platform import tables as t
from desk.platform.bus import Context, handles
from desk.platform.commands import (
    DefineCategory,
    InitialiseCounter,
    OpenTicket,
    RegisterCustomer,
    RegisterDevice,
    RegisterProduct,
    RegisterStore,
    UpdateCustomer,
)
from desk.platform.db import get_setting, set_setting
from desk.platform.errors import DeskError
from desk.platform.queries import exists
from desk.platform.uow import UnitOfWork
from desk.staff.handlers import record_new_staff
from desk.staff.roles import Role

CATEGORY_KINDS = frozenset({"fresh_food", "clothing", "down_jacket", "appliance", "electronics",
                            "jewelry", "general"})
SERVICE_LEVELS = frozenset({"simple", "complex", "major"})


def require(value: str | None, field: str) -> str:
    if value is None or not value.strip():
        raise DeskError("value.required", field=field)
    return value.strip()


@handles(InitialiseCounter)
def initialise_counter(cmd: InitialiseCounter, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    register_store(RegisterStore(store_id=cmd.store_id, store_name=cmd.store_name,
                                 tracking_url=cmd.tracking_url), uow, ctx)
    register_device(RegisterDevice(device_name=cmd.device_name), uow, ctx)
    record_new_staff(uow, cmd.admin_id, cmd.admin_name, Role.ADMIN, cmd.admin_pin)
    return {"store_id": cmd.store_id, "device_id": uow.db.device_id, "admin_id": cmd.admin_id}


def register_store(cmd: RegisterStore, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    """Binds this counter to a store (first run); the store row is a projection like any other."""
    if get_setting(uow.conn, "store_id") is not None:
        raise DeskError("store.exists", store_id=get_setting(uow.conn, "store_id"))
    store_id = require(cmd.store_id, "store_id")
    if exists(uow.conn, t.stores, "store_id", store_id):
        raise DeskError("store.exists", store_id=store_id)
    uow.use_store(store_id)
    set_setting(uow.conn, "store_id", store_id)
    uow.record("store.registered", store_id, {
        "store_id": store_id, "name": require(cmd.store_name, "store_name"),
        "address": cmd.address, "tracking_url": cmd.tracking_url,
    })
    return {"store_id": store_id}


def register_device(cmd: RegisterDevice, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    device_id = uow.db.device_id
    uow.record("device.registered", device_id, {
        "device_id": device_id, "store_id": uow.store_id(),
        "name": require(cmd.device_name, "device_name"),
    })
    return {"device_id": device_id}


@handles(DefineCategory)
def define_category(cmd: DefineCategory, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    if cmd.kind not in CATEGORY_KINDS:
        raise DeskError("value.invalid", field="kind", reason=f"one of {sorted(CATEGORY_KINDS)}")
    uow.record("category.defined", cmd.category_id, {
        "category_id": require(cmd.category_id, "category_id"),
        "name": require(cmd.category_name, "category_name"), "kind": cmd.kind,
    })
    return {"category_id": cmd.category_id}


@handles(RegisterProduct)
def register_product(cmd: RegisterProduct, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    sku = require(cmd.sku, "sku")
    if exists(uow.conn, t.products, "sku", sku):
        raise DeskError("product.exists", sku=sku)
    if not exists(uow.conn, t.categories, "category_id", cmd.category_id):
        raise DeskError("category.unknown", category=cmd.category_id)
    if cmd.price_fen < 0:
        raise DeskError("money.negative", field="price_fen")
    uow.record("product.registered", sku, {
        "sku": sku, "name": require(cmd.product_name, "product_name"),
        "category_id": cmd.category_id, "price_fen": cmd.price_fen, "barcode": cmd.barcode.strip(),
    })
    return {"sku": sku}


def _check_member_free(uow: UnitOfWork, member_id: str, customer_id: str) -> None:
    from sqlalchemy import select

    c = t.customers.c
    owner = uow.conn.execute(select(c.customer_id).where(c.member_id == member_id)).scalar()
    if member_id and owner is not None and owner != customer_id:
        raise DeskError("customer.member_taken", member_id=member_id)


@handles(RegisterCustomer)
def register_customer(cmd: RegisterCustomer, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    customer_id = require(cmd.customer_id, "customer_id")
    if exists(uow.conn, t.customers, "customer_id", customer_id):
        raise DeskError("customer.exists", customer_id=customer_id)
    _check_member_free(uow, cmd.member_id, customer_id)
    uow.record("customer.registered", customer_id, {
        "name": require(cmd.customer_name, "customer_name"), "phone": cmd.phone.strip(),
        "member_id": cmd.member_id.strip(), "note": cmd.note,
    })
    return {"customer_id": customer_id}


@handles(UpdateCustomer)
def update_customer(cmd: UpdateCustomer, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    if not exists(uow.conn, t.customers, "customer_id", cmd.customer_id):
        raise DeskError("customer.unknown", customer_id=cmd.customer_id)
    given = {"name": cmd.customer_name, "phone": cmd.phone, "member_id": cmd.member_id,
             "note": cmd.note}
    fields = {k: v.strip() for k, v in given.items() if v is not None}
    if "name" in fields:
        require(fields["name"], "customer_name")
    if "member_id" in fields:
        _check_member_free(uow, fields["member_id"], cmd.customer_id)
    uow.record("customer.updated", cmd.customer_id, {"fields": fields})
    return {"customer_id": cmd.customer_id, "fields": sorted(fields)}


@handles(OpenTicket)
def open_ticket(cmd: OpenTicket, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    code = require(cmd.code, "code")
    if exists(uow.conn, t.tickets, "code", code):
        raise DeskError("ticket.exists", code=code)
    if not exists(uow.conn, t.products, "sku", cmd.sku):
        raise DeskError("product.unknown", sku=cmd.sku)
    if cmd.service_level not in SERVICE_LEVELS:
        raise DeskError("value.invalid", field="service_level", reason="simple, complex or major")
    try:
        date.fromisoformat(cmd.promised_date)
    except ValueError:
        raise DeskError("value.invalid", field="promised_date", reason="YYYY-MM-DD") from None
    if cmd.receipt_no and not exists(uow.conn, t.receipts, "receipt_no", cmd.receipt_no):
        raise DeskError("receipt.unknown", receipt_no=cmd.receipt_no)
    if cmd.customer_id and not exists(uow.conn, t.customers, "customer_id", cmd.customer_id):
        raise DeskError("customer.unknown", customer_id=cmd.customer_id)
    uow.record("ticket.opened", code, {
        "code": code, "sku": cmd.sku, "serial": cmd.serial.strip(),
        "fault": require(cmd.fault, "fault"), "service_level": cmd.service_level,
        "promised_date": cmd.promised_date, "receipt_no": cmd.receipt_no,
        "customer_id": cmd.customer_id,
        "opened_at": ctx.clock.local_now().isoformat(timespec="seconds"),
    })
    return {"code": code}
