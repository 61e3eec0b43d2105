"""Sync: hybrid logical clock, journal push/pull, the central PostgreSQL schema."""
