"""Reusable widgets: signature pad, printer status label, print preview."""
