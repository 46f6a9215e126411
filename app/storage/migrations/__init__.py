"""Alembic migrations, bundled with the package and run at start-up."""
