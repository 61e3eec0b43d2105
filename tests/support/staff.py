"""The administrator every test counter is initialised with (tests/conftest.py)."""

ADMIN = "A001"
ADMIN_PIN = "9999"
