"""Alembic environment: always run on a connection handed in by the app."""

from alembic import context

from app.models import load_all

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` on the command line
    raise RuntimeError("Run migrations through app.storage.migration, not the alembic command.")

context.configure(
    connection=connection,
    target_metadata=load_all().metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
