"""The demo store: a realistic Chinese department store built through the real command handlers.

`build_demo(bus, size="small", seed=1)` fills an empty counter database; every row comes from
journal events, so `desk db rebuild` reproduces it and `desk db verify` accepts it.
"""

from desk.demo.generator import build_demo, demo_state, has_store
from desk.demo.sizes import SIZES, DemoSize

__all__ = ["SIZES", "DemoSize", "build_demo", "demo_state", "has_store"]
