"""Alembic environment: runs docintake's migrations on the connection the store hands over."""

from alembic import context

from pipeline.index.models import Base

target_metadata = Base.metadata


def run_migrations() -> None:
    """Migrate over the connection passed in config.attributes (docintake never runs alembic offline)."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
