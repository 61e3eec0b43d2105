"""Commands of the foundation. Every user action is one of these, handled by exactly one handler.

Money fields are integer fen. `docs/commands.md` documents every field; keep them in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Command:
    name: ClassVar[str] = ""
    public: ClassVar[bool] = False  # may run without an authenticated actor (login)


@dataclass(frozen=True)
class RegisterStore(Command):
    name: ClassVar[str] = "register_store"
    store_id: str
    store_name: str
    address: str = ""
    tracking_url: str = ""


@dataclass(frozen=True)
class InitialiseCounter(Command):
    """First run: bind this counter to its store, name it and create the first administrator —
    all in one transaction, so a refused PIN leaves nothing half set up."""

    name: ClassVar[str] = "initialise_counter"
    store_id: str
    store_name: str
    device_name: str
    admin_id: str
    admin_name: str
    admin_pin: str
    tracking_url: str = ""


@dataclass(frozen=True)
class RegisterDevice(Command):
    name: ClassVar[str] = "register_device"
    device_name: str


@dataclass(frozen=True)
class RegisterStaff(Command):
    name: ClassVar[str] = "register_staff"
    staff_id: str
    staff_name: str
    role: str
    pin: str


@dataclass(frozen=True)
class ChangeStaffPin(Command):
    name: ClassVar[str] = "change_staff_pin"
    staff_id: str
    pin: str


@dataclass(frozen=True)
class DeactivateStaff(Command):
    name: ClassVar[str] = "deactivate_staff"
    staff_id: str


@dataclass(frozen=True)
class LogIn(Command):
    name: ClassVar[str] = "log_in"
    public: ClassVar[bool] = True
    staff_id: str
    pin: str


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
    customer_id: str
    customer_name: str
    phone: str = ""
    member_id: str = ""
    note: str = ""


@dataclass(frozen=True)
class UpdateCustomer(Command):
    """Edits some fields; each field is last-writer-wins by hybrid logical clock across counters."""

    name: ClassVar[str] = "update_customer"
    customer_id: str
    customer_name: str | None = None
    phone: str | None = None
    member_id: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SaleLine:
    sku: str
    qty: int
    unit_price_fen: int
    line_discount_fen: int = 0
    serial: str = ""
    is_gift: bool = False
    gift_value_fen: int = 0
    product_name: str = ""  # defaults to the catalogue's name


@dataclass(frozen=True)
class Tender:
    tender: str  # cash, bank_card, wechat_pay, alipay, store_card
    amount_fen: int
    reference: str = ""


@dataclass(frozen=True)
class Promotion:
    kind: str  # full_reduction (满减), coupon
    description: str
    amount_fen: int


@dataclass(frozen=True)
class RecordSale(Command):
    """A sale from the store's POS: what was bought, the discounts, and how it was paid."""

    name: ClassVar[str] = "record_sale"
    receipt_no: str
    sold_at: str  # local time, ISO 8601 (YYYY-MM-DDTHH:MM:SS)
    lines: list[SaleLine]
    tenders: list[Tender]
    promotions: list[Promotion] = field(default_factory=list)
    customer_id: str | None = None
    points_earned: int = 0


@dataclass(frozen=True)
class OpenTicket(Command):
    name: ClassVar[str] = "open_ticket"
    code: str
    sku: str
    fault: str
    promised_date: str  # YYYY-MM-DD
    service_level: str = "simple"  # simple, complex, major
    serial: str = ""
    receipt_no: str | None = None
    customer_id: str | None = None
