"""The catalogue: the store, its counters, categories, products, customers."""

from __future__ import annotations

from desk.catalog import tables
from desk.catalog.commands import (
    DefineCategory,
    InitialiseCounter,
    RegisterCustomer,
    RegisterProduct,
    UpdateCustomer,
)
from desk.catalog.errors import ERRORS
from desk.catalog.handlers import (
    define_category,
    initialise_counter,
    register_customer,
    register_product,
    update_customer,
)
from desk.catalog.projections import PROJECTORS, refill_suffixes
from desk.platform.registry import SYSTEM_ONLY, Capability, CommandSpec, Refill
from desk.platform.roles import Role

CAPABILITY = Capability(
    name="catalog",
    errors=ERRORS,
    commands=(
        CommandSpec(InitialiseCounter, initialise_counter, SYSTEM_ONLY),
        CommandSpec(DefineCategory, define_category, frozenset({Role.MANAGER, Role.ADMIN})),
        CommandSpec(RegisterProduct, register_product, frozenset({Role.MANAGER, Role.ADMIN})),
        CommandSpec(
            RegisterCustomer, register_customer, frozenset({Role.CLERK, Role.MANAGER, Role.ADMIN})
        ),
        CommandSpec(
            UpdateCustomer, update_customer, frozenset({Role.CLERK, Role.MANAGER, Role.ADMIN})
        ),
    ),
    projectors=PROJECTORS,
    tables=(tables.stores, tables.devices, tables.categories, tables.products, tables.customers,
            tables.name_suffixes),
    refills=(Refill((tables.name_suffixes,), finish=refill_suffixes),),
)
