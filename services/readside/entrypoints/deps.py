"""Dependencies of the read API, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.readside.application import ReadsideQueries
from services.readside.bootstrap import AuditTools
from shared.auth import Principal, Role
from shared.http.security import require_roles
from shared.organisation import OrganisationDirectory


def _queries(request: Request) -> ReadsideQueries:
    queries: ReadsideQueries = request.app.state.service.queries
    return queries


def _audit(request: Request) -> AuditTools:
    tools: AuditTools = request.app.state.service.audit
    return tools


def _organisation(request: Request) -> OrganisationDirectory:
    directory: OrganisationDirectory = request.app.state.service.organisation
    return directory


Organisation = Annotated[OrganisationDirectory, Depends(_organisation)]
Queries = Annotated[ReadsideQueries, Depends(_queries)]
Audit = Annotated[AuditTools, Depends(_audit)]
CaseReader = Annotated[
    Principal, Depends(require_roles(Role.CASEWORKER, Role.LEADER, Role.AUDITOR))
]
DashboardReader = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.CASEWORKER,
            Role.LEADER,
            Role.AUDITOR,
            Role.COUNCIL_ADMIN,
            Role.FOLLOW_GROUP,
            Role.COMMUNICATIONS,
        )
    ),
]
CommunicationReader = Annotated[
    Principal, Depends(require_roles(Role.COMMUNICATIONS, Role.LEADER, Role.AUDITOR))
]
CouncilReader = Annotated[
    Principal,
    Depends(require_roles(Role.COUNCIL_ADMIN, Role.LEADER, Role.AUDITOR, Role.FOLLOW_GROUP)),
]
Auditor = Annotated[Principal, Depends(require_roles(Role.AUDITOR))]
