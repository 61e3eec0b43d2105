"""The counter's search box: LookupPage(ctx) with focus_search() and sig_open_* signals."""

from ui.lookup.page import LookupPage

__all__ = ["LookupPage"]
