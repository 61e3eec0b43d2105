"""The demo store's sizes: how many receipts, lines, tickets and customers each one holds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSize:
    name: str
    receipts: int
    lines: int  # sale lines in all (gift lines included), exactly
    tickets: int
    customers: int
    skus_per_item: int  # at most this many SKUs (brand x variant) of each kind of product
    pos_counters: int  # the store's POS tills (the 2 digits in a receipt number)
    ticket_days: int  # tickets were opened within this many days up to today
    batch: int  # commands per transaction
    # walk only this many of the newest tickets (None: all); the older ones, finished long ago,
    # arrive as the previous repair system's history (desk/repairs/history.py)
    walk_limit: int | None = None


# the newest tickets of the large store walked forward (~39 000 commands); walking all 20 000
# through the commands would take ~600 000 of them (~10 minutes)
WALK_LIMIT_LARGE = 2_000

SIZES: dict[str, DemoSize] = {
    "small": DemoSize("small", receipts=2_000, lines=10_000, tickets=200, customers=800,
                      skus_per_item=4, pos_counters=4, ticket_days=10, batch=500),
    "medium": DemoSize("medium", receipts=20_000, lines=100_000, tickets=2_000,
                       customers=6_000, skus_per_item=12, pos_counters=8, ticket_days=60,
                       batch=1_000),
    "large": DemoSize("large", receipts=200_000, lines=1_000_000, tickets=20_000,
                      customers=60_000, skus_per_item=40, pos_counters=12, ticket_days=365,
                      batch=2_000, walk_limit=WALK_LIMIT_LARGE),
}
