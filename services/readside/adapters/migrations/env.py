"""Alembic environment of the read side: run by ``shared.migrations`` on its connection,
with the declared tables (``adapters/tables.metadata``) as its target."""

from __future__ import annotations

from alembic import context

from services.readside.adapters.tables import metadata
from shared.migrations import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table=VERSION_TABLE, target_metadata=metadata)
context.run_migrations()
