"""The read side's FastAPI app (port 8104)."""

from __future__ import annotations

from services.readside.bootstrap import build
from services.readside.config import ReadsideSettings
from services.readside.entrypoints import (
    routes_audit,
    routes_cases,
    routes_dashboards,
    routes_organisation,
)
from shared.http.service import api_factory

DESCRIPTION = """Read models of every service: case list and detail, programme dashboards
(JSON and SVG), communication statistics, and the auditors' replay, verify and export.

After a command, pass the version it answered as `min_version` to read your own write:
the read waits (bounded) and answers 503 `projection_behind` if it cannot catch up."""

ROUTERS = [
    routes_cases.router,
    routes_dashboards.router,
    routes_organisation.router,
    routes_audit.router,
]

create_app = api_factory(
    ReadsideSettings,
    build,
    name="readside",
    title="Pårørendekraft read side",
    description=DESCRIPTION,
    routers=ROUTERS,
)
