"""Service Desk core: domain rules, use cases, storage, sync and reports. Qt-free by design."""

__version__ = "0.1.0"
