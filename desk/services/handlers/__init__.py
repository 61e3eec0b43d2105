"""Handlers, one module per area; each function handles exactly one command."""
