"""Use cases: one command (a dataclass) -> one handler, run in a unit of work."""
