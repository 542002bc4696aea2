"""The councils service's FastAPI app."""

from __future__ import annotations

from services.councils.bootstrap import build
from services.councils.config import CouncilsSettings
from services.councils.entrypoints import (
    routes_activities,
    routes_audit_feed,
    routes_conduct,
    routes_councils,
    routes_elections,
    routes_follow_group,
    routes_hiring,
    routes_pools,
    routes_privacy,
    routes_source_audit,
    routes_training,
)
from shared.http.service import VERSIONED_COMMANDS, api_factory

DESCRIPTION = f"""Relatives' and citizens' councils per tilbud: frame, agreed seats, members
and terms, staggered elections among the tilbud's relatives, meetings; the follow group;
the participant-budget pool of each year, which can never be overspent.

{VERSIONED_COMMANDS.format(aggregate="aggregate")}"""

ROUTERS = [
    routes_councils.router,
    routes_elections.router,
    routes_pools.router,
    routes_activities.router,
    routes_conduct.router,
    routes_hiring.router,
    routes_training.router,
    routes_follow_group.router,
    routes_audit_feed.router,
    routes_source_audit.router,
    routes_privacy.router,
    routes_privacy.subjects_router,
]

create_app = api_factory(
    CouncilsSettings,
    build,
    name="councils",
    title="Pårørendekraft councils service",
    description=DESCRIPTION,
    routers=ROUTERS,
)
