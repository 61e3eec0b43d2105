"""Storage: SQLite tables, the journal, projections, queries and Alembic migrations."""
