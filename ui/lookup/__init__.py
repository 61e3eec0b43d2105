"""The counter's search box: ui.lookup.page.LookupPage(ctx) with focus_search() and sig_open_*."""
