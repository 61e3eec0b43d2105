"""Tables of the catalogue: stores, counters (devices), categories, products, customers."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, PrimaryKeyConstraint, String, Table, Text

from desk.platform.tables import lookup_index, metadata

stores = Table(
    "stores",
    metadata,
    Column("store_id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("address", String(400), nullable=False, default=""),
    Column("tracking_url", String(400), nullable=False, default=""),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("store_id", String(32), nullable=False),
    Column("name", String(200), nullable=False),
)

categories = Table(
    "categories",
    metadata,
    Column("category_id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(32), nullable=False),  # fresh_food, clothing, appliance, electronics, ...
)

products = Table(
    "products",
    metadata,
    Column("sku", String(32), primary_key=True),
    Column("barcode", String(32), nullable=False, default=""),
    Column("name", String(200), nullable=False),
    Column("name_pinyin", String(400), nullable=False, default=""),
    Column("name_initials", String(200), nullable=False, default=""),
    Column("category_id", String(32), nullable=False),
    Column("price_fen", Integer, nullable=False),
    lookup_index("ix_products_barcode", "barcode"),
    Index("ix_products_category", "category_id"),
)

customers = Table(
    "customers",
    metadata,
    Column("customer_id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_pinyin", String(400), nullable=False, default=""),
    Column("name_initials", String(200), nullable=False, default=""),
    Column("phone", String(32), nullable=False, default=""),
    Column("phone_last4", String(4), nullable=False, default=""),
    Column("member_id", String(32), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Column("field_hlc", Text, nullable=False, default="{}"),  # per-field last-writer-wins stamps
    lookup_index("ix_customers_phone", "phone"),
    lookup_index("ix_customers_phone_last4", "phone_last4"),
    Index("ix_customers_member", "member_id"),
)

# "Contains" searches of the lookup box (revision 0011): each customer's and product's name from
# every later character, full pinyin and initials from every later syllable
# (desk.lookup.keys.name_suffixes), so a search is an index range, not a scan of every name.
name_suffixes = Table(
    "name_suffixes",
    metadata,
    Column("kind", String(8), nullable=False),  # customer, product
    Column("field", String(1), nullable=False),  # n name, p full pinyin, i initials
    Column("suffix", String(400), nullable=False),
    Column("key", String(32), nullable=False),  # customer_id or sku
    PrimaryKeyConstraint("kind", "field", "suffix", "key"),
    Index("ix_name_suffixes_key", "kind", "key"),  # a renamed customer's rows
    sqlite_with_rowid=False,
)

# Search indexes for the lookup box (revision 0004): prefix searches use them as ranges.
lookup_index("ix_products_name", products.c.name)
lookup_index("ix_products_name_pinyin", products.c.name_pinyin)
lookup_index("ix_products_name_initials", products.c.name_initials)
lookup_index("ix_customers_name", customers.c.name)
lookup_index("ix_customers_name_pinyin", customers.c.name_pinyin)
lookup_index("ix_customers_name_initials", customers.c.name_initials)
