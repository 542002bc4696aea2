"""The councils service's schema revisions (Alembic, run by ``shared.migrations``): the
tables beside its event store. The event store's own tables are the eventsourcing
library's; its events change shape through upcasters, not here."""

from pathlib import Path

MIGRATIONS = Path(__file__).parent
