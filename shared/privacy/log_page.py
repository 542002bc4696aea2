"""A page of the access log about one aggregate (a case, a council, a pool), oldest read
first, for auditors and the privacy officer; ids, roles, routes and times only. The
service names its id field and says what a read's endpoint looks like."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field, create_model

from shared.auth import Principal, Role
from shared.http.security import require_roles
from shared.privacy.access import access_log_of

LogReader = Annotated[Principal, Depends(require_roles(Role.AUDITOR, Role.PRIVACY_OFFICER))]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Limit = Annotated[int, Query(ge=1, le=1000)]


def page_model(
    id_field: str, doc: str, endpoint_example: str, case_id_doc: str | None = None
) -> type[BaseModel]:
    """The answer's model: ``{id_field}, total, offset, limit, entries``."""
    entry: Any = create_model(
        "AccessLogEntry",
        __doc__="One read of personal data: who, when, where, which subjects; ids only.",
        seq=(int, Field(description="Position in the service's whole log (the hash chain).")),
        read_at=(str, ...),
        actor=(str, Field(description="The token's subject (a user or a service).")),
        roles=(list[str], ...),
        endpoint=(str, Field(description=f"Method and route, e.g. `{endpoint_example}`.")),
        case_id=(str | None, Field(description=case_id_doc)),
        subjects=(list[str], Field(description="The data subjects whose data was read.")),
        correlation_id=(str | None, ...),
        prev_hash=(str, ...),
        hash=(str, ...),
    )
    fields: Any = {id_field: (UUID, ...)}
    model: type[BaseModel] = create_model(
        "AccessLogPage",
        __doc__=doc,
        **fields,
        total=(int, ...),
        offset=(int, ...),
        limit=(int, ...),
        entries=(list[entry], ...),
    )
    return model


async def log_page(
    request: Request, model: type[BaseModel], aggregate_id: UUID, offset: int, limit: int
) -> Any:
    """The page of ``aggregate_id``'s reads."""
    log = await asyncio.to_thread(access_log_of, request)
    entries = await asyncio.to_thread(log.for_case, str(aggregate_id), offset, limit)
    total = await asyncio.to_thread(log.count_for_case, str(aggregate_id))
    id_field = next(iter(model.model_fields))
    return model.model_validate(
        {
            id_field: aggregate_id,
            "total": total,
            "offset": offset,
            "limit": limit,
            "entries": [e.as_dict() for e in entries],
        }
    )
