"""The OpenAPI every service publishes says what it answers: each error status a route
can give, in the one error shape (``ErrorBody``), and enumerated values as enums."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel, Field, WithJsonSchema
from starlette.routing import BaseRoute

from shared.http.deps import declaration_of
from shared.http.security import is_role_check


class ErrorBody(BaseModel):
    """Every error answer: a stable machine-readable code, a readable message, details."""

    code: str = Field(examples=["version_conflict"])
    message: str
    details: dict[str, Any] = Field(examples=[{"current_version": 3}])


DESCRIPTIONS = {
    400: "The request could not be read.",
    401: "No valid bearer token (`unauthenticated`).",
    403: "The caller's roles do not allow it (`forbidden`) or a rule about who may act.",
    404: "No such resource (e.g. `case_not_found`).",
    409: "A stale `If-Match` version (`version_conflict`, `current_version` in details and "
    "ETag) or a duplicate.",
    422: "An invalid request (`invalid_request`, said in words) or a broken rule (a stable "
    "code such as `plan_required`).",
    500: "An unexpected error on the service's side (`internal_error`).",
    503: "The service cannot answer yet (e.g. `projection_behind`), or its store is locked "
    "or unreachable (`store_unavailable`, with Retry-After; nothing was recorded); retry "
    "shortly.",
}
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
UNTOUCHED_TAGS = frozenset({"operations"})


def one_of(values: Iterable[Any]) -> WithJsonSchema:
    """Declare a string field's allowed values in the OpenAPI. The domain still checks
    them, so a wrong value keeps its stable code (e.g. ``invalid_setting``)."""
    return WithJsonSchema({"type": "string", "enum": [str(v) for v in values]})


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """A ``responses=`` mapping for error answers a route gives beyond the usual ones."""
    return {s: {"model": ErrorBody, "description": DESCRIPTIONS[s]} for s in statuses}


def _checks_roles(dependant: Dependant) -> bool:
    return any(
        (d.call is not None and is_role_check(d.call)) or _checks_roles(d)
        for d in dependant.dependencies
    )


def _may_be_unavailable(dependant: Dependant) -> bool:
    """A dependency marked ``answers_503`` (e.g. the cases access log) can refuse with 503."""
    return any(
        getattr(d.call, "answers_503", False) or _may_be_unavailable(d)
        for d in dependant.dependencies
    )


def _as_declared(dependant: Dependant, path: str) -> Dependant:
    """``dependant`` with each dependency that reads its request itself (``declared_as``)
    replaced by its declaration, as FastAPI would see it had it declared the parameters."""
    declaration = declaration_of(dependant.call)
    if declaration is not None:
        return get_dependant(path=path, call=declaration, name=dependant.name)
    subs = [_as_declared(d, path) for d in dependant.dependencies]
    if all(new is old for new, old in zip(subs, dependant.dependencies, strict=True)):
        return dependant
    return dataclasses.replace(dependant, dependencies=subs)


def _declared_routes(routes: Sequence[BaseRoute]) -> list[BaseRoute]:
    """The routes as the OpenAPI describes them: what their dependencies read from the
    request declared (copies; the routes that serve requests are left as they are)."""
    shown: list[BaseRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            declared = _as_declared(route.dependant, route.path_format)
            if declared is not route.dependant:
                route = copy.copy(route)
                route.dependant = declared
        shown.append(route)
    return shown


def _statuses(route: Any, method: str, operation: dict[str, Any]) -> set[int]:
    """The error statuses any route of this shape can answer."""
    params = operation.get("parameters", [])
    statuses = {500}
    if operation.get("security"):
        statuses.add(401)
    if _checks_roles(route.dependant):
        statuses.add(403)
    if _may_be_unavailable(route.dependant):
        statuses.add(503)
    if any(p.get("in") == "path" for p in params):
        statuses.add(404)
    if method in WRITES:
        statuses |= {409, 422, 503}
    if params or "requestBody" in operation:
        statuses.add(422)
    return statuses


def _error_response(status: int) -> dict[str, Any]:
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    return {"description": DESCRIPTIONS[status], "content": content}


def truthful_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """An ``app.openapi`` that adds every route's error answers to FastAPI's schema and
    replaces its validation-error body (``{detail: [...]}``) with ``ErrorBody``."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=_declared_routes(app.routes),
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ErrorBody"] = ErrorBody.model_json_schema()
        # Routers are included lazily (FastAPI >= 0.16x): walk their effective routes.
        for route in iter_route_contexts(app.routes):
            if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
                continue
            if UNTOUCHED_TAGS.intersection(str(t) for t in route.tags):
                continue
            for method in route.methods or ():
                operation = schema["paths"][route.path_format][method.lower()]
                responses = operation.setdefault("responses", {})
                for status in sorted(_statuses(route, method, operation)):
                    if status == 422 or str(status) not in responses:
                        responses[str(status)] = _error_response(status)
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    return openapi
