"""Alembic environment of the cases service: run by ``shared.migrations`` on its connection."""

from __future__ import annotations

from alembic import context

from shared.migrations import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table=VERSION_TABLE)
context.run_migrations()
