"""Sales: receipts from the POS, one by one or imported from a CSV file."""

from __future__ import annotations

from desk.platform.registry import Capability, CommandSpec
from desk.platform.roles import Role
from desk.sales import tables
from desk.sales.commands import RecordSale
from desk.sales.errors import ERRORS
from desk.sales.handlers import record_sale
from desk.sales.importing import ImportSales, import_sales
from desk.sales.projections import PROJECTORS

CAPABILITY = Capability(
    name="sales",
    errors=ERRORS,
    commands=(
        CommandSpec(RecordSale, record_sale, frozenset({Role.CLERK, Role.MANAGER, Role.ADMIN})),
        CommandSpec(ImportSales, import_sales, frozenset({Role.MANAGER, Role.ADMIN})),
    ),
    projectors=PROJECTORS,
    tables=(
        tables.receipts,
        tables.receipt_lines,
        tables.receipt_tenders,
        tables.receipt_promotions,
    ),
)
