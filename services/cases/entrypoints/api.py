"""The cases service's FastAPI app."""

from __future__ import annotations

from services.cases.bootstrap import build
from services.cases.config import CasesSettings
from services.cases.entrypoints import (
    routes_access,
    routes_audit_feed,
    routes_cases,
    routes_collaboration,
    routes_contact,
    routes_contact_person,
    routes_legal_hold,
    routes_privacy,
    routes_records,
    routes_relatives,
    routes_source_audit,
    routes_staircase,
)
from shared.http.service import VERSIONED_COMMANDS, api_factory

DESCRIPTION = f"""Collaboration cases on Samarbejdstrappen: relatives and consent, the move-in
conversation, agreements, level assessments and handling plans, incidents, complaints.

{VERSIONED_COMMANDS.format(aggregate="case")}"""

ROUTERS = [
    routes_cases.router,
    routes_relatives.router,
    routes_relatives.persons_router,
    routes_contact.router,
    routes_contact_person.router,
    routes_contact_person.catalogue_router,
    routes_collaboration.router,
    routes_staircase.router,
    routes_records.router,
    routes_cases.catalogue_router,
    routes_privacy.router,
    routes_access.router,
    routes_legal_hold.router,
    routes_audit_feed.router,
    routes_source_audit.router,
]

create_app = api_factory(
    CasesSettings,
    build,
    name="cases",
    title="Pårørendekraft cases service",
    description=DESCRIPTION,
    routers=ROUTERS,
)
