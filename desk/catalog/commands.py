"""Commands of the catalogue: the store and its counters, categories, products, customers.

`docs/commands.md` documents every field; keep them in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class InitialiseCounter(Command):
    """First run: bind this counter to its store, name it and create the first administrator —
    all in one transaction, so a refused PIN leaves nothing half set up."""

    name: ClassVar[str] = "initialise_counter"
    limits: ClassVar[Mapping[str, int]] = {"tracking_url": 500, "timezone": 64}
    store_id: str
    store_name: str
    device_name: str
    admin_id: str
    admin_name: str
    admin_pin: str
    tracking_url: str = ""
    timezone: str = ""  # the store's IANA time zone (closure's business day); "" keeps the default


@dataclass(frozen=True)
class DefineCategory(Command):
    name: ClassVar[str] = "define_category"
    category_id: str
    category_name: str
    kind: str


@dataclass(frozen=True)
class RegisterProduct(Command):
    name: ClassVar[str] = "register_product"
    sku: str
    product_name: str
    category_id: str
    price_fen: int
    barcode: str = ""


@dataclass(frozen=True)
class RegisterCustomer(Command):
    name: ClassVar[str] = "register_customer"
    limits: ClassVar[Mapping[str, int]] = {"note": 2000}
    customer_id: str
    customer_name: str
    phone: str = ""
    member_id: str = ""
    note: str = ""


@dataclass(frozen=True)
class UpdateCustomer(Command):
    """Edits some fields; each field is last-writer-wins by hybrid logical clock across counters."""

    name: ClassVar[str] = "update_customer"
    limits: ClassVar[Mapping[str, int]] = {"note": 2000}
    customer_id: str
    customer_name: str | None = None
    phone: str | None = None
    member_id: str | None = None
    note: str | None = None


# --- what the handlers return -------------------------------------------------------------------

@dataclass(frozen=True)
class CounterInitialised:
    store_id: str
    device_id: str
    admin_id: str


@dataclass(frozen=True)
class CategoryDefined:
    category_id: str


@dataclass(frozen=True)
class ProductRegistered:
    sku: str


@dataclass(frozen=True)
class CustomerRegistered:
    customer_id: str


@dataclass(frozen=True)
class CustomerUpdated:
    customer_id: str
    fields: tuple[str, ...]  # the names of the fields the command set, sorted
