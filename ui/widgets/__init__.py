"""Reusable widgets: the signature pad (signature_pad.py)."""
