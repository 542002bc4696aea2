"""The published wire contracts, served by every service: ``GET /asyncapi.json`` and the
JSON Schema at each event's ``dataschema`` path (``/events/<domain>/<type>.v<N>.json``).
The same files as docs/events/, generated from ``shared.contracts`` (no disk access)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from shared.contracts.schemas import render
from shared.errors import NotFoundError

router = APIRouter(tags=["contracts"])


@cache
def _files() -> dict[str, Any]:
    return {rel: json.loads(text) for rel, text in render().items() if rel.endswith(".json")}


# Contract documents, not data: answered as plain JSON (no response model).
@router.get("/asyncapi.json", response_class=JSONResponse)
async def asyncapi() -> JSONResponse:
    """The AsyncAPI 3 document of every topic (channels, messages, CloudEvents headers,
    payload schemas)."""
    return JSONResponse(_files()["asyncapi.json"])


@router.get("/events/{domain}/{file}", response_class=JSONResponse)
async def event_schema(domain: str, file: str) -> JSONResponse:
    """The JSON Schema of one event type and version, e.g. ``cases/case_opened.v2.json``."""
    schema = _files().get(f"{domain}/{file}")
    if schema is None:
        raise NotFoundError("schema_not_found", "no published schema of that name")
    return JSONResponse(schema)
