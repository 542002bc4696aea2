"""Dependencies of the read API, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.readside.application import ReadsideQueries
from services.readside.bootstrap import AuditTools
from shared.auth import Principal, Role
from shared.http.deps import service_part
from shared.http.security import require_roles
from shared.organisation import OrganisationDirectory

Organisation = Annotated[
    OrganisationDirectory, Depends(service_part("organisation", OrganisationDirectory))
]
Queries = Annotated[ReadsideQueries, Depends(service_part("queries", ReadsideQueries))]
Audit = Annotated[AuditTools, Depends(service_part("audit", AuditTools))]
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
