"""Dependencies every service's API shares: a part of the built service on the app's
state, the version a write's ``If-Match`` header names (optimistic concurrency), and
the means for a dependency to read its request itself.

A dependency that reads the path, headers and token from the ``Request`` itself costs
FastAPI one call per request; one that declares them as parameters (``Header()``,
``Path()``, a ``HTTPBearer`` sub-dependency) has FastAPI solve and validate each of them
on every request, which was about half of the cases API's busy event loop. Such a
dependency names a *declaration* (``declared_as``): a function with the parameters it
reads, never called, from which the OpenAPI is made exactly as FastAPI makes it for
declared parameters (``shared.http.openapi``).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import Depends, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError

from shared.errors import DomainError

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

IfMatch = Annotated[str | None, Header()]
# A version has at most 18 digits (below 2**63, every store's integer); a longer number in
# If-Match is no version this system could have (and Python's int() refuses > 4300 digits).
VERSION_DIGITS = 18
# "3" or 3. A weak tag (W/"3") never matches: If-Match compares strongly (RFC 9110 13.1.1).
_VERSION = re.compile(rf'"([0-9]{{1,{VERSION_DIGITS}}})"|([0-9]{{1,{VERSION_DIGITS}}})')
_DECLARED: dict[Callable[..., Any], Callable[..., Any]] = {}
_UUID = TypeAdapter(UUID)


def declared_as(declaration: Callable[..., Any]) -> Callable[[F], F]:
    """Mark a dependency that reads its request itself: the OpenAPI shows the parameters
    (and security scheme) of ``declaration`` where the dependency is used."""

    def mark(call: F) -> F:
        _DECLARED[call] = declaration
        return call

    return mark


def declaration_of(call: Callable[..., Any] | None) -> Callable[..., Any] | None:
    """The declaration ``call`` was marked with (None: FastAPI sees its own parameters)."""
    return _DECLARED.get(call) if call is not None else None


async def path_uuid(request: Request, name: str) -> UUID:
    """The path parameter ``name`` as a UUID; 422 as FastAPI answers a declared
    ``name: UUID`` path parameter it cannot read (same error list: the id's error, then
    the body's, which FastAPI validated after it)."""
    raw = request.path_params[name]
    try:
        return _UUID.validate_python(raw)
    except ValidationError as exc:
        errors = [{**e, "loc": ("path", name, *e["loc"])} for e in exc.errors(include_url=False)]
    raise RequestValidationError(errors + await _body_errors(request))


async def _body_errors(request: Request) -> list[Any]:
    """The errors FastAPI finds in the route's body (error path only)."""
    field = getattr(request.scope.get("route"), "body_field", None)
    if field is None:
        return []
    raw = await request.body()
    if not raw:
        if not field.field_info.is_required():
            return []
        return [{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}]
    try:
        body = await request.json()
    except ValueError:  # FastAPI answered a body it cannot parse before any dependency
        return []
    errors: list[Any] = field.validate(body, {}, loc=("body",))[1]
    return errors


def service_part(attribute: str, kind: type[T]) -> Callable[[Request], Awaitable[T]]:
    """A dependency answering ``app.state.service.<attribute>`` (of type ``kind``), the
    part of the built service a route works with."""

    # async: FastAPI runs a plain function in a thread pool, a thread hop per request.
    async def part(request: Request) -> T:
        found: T = getattr(request.app.state.service, attribute)
        return found

    return part


def expected_version(if_match: str | None, what: str = "version") -> int | None:
    """The version an ``If-Match`` header names: None for none or ``*`` (unconditional),
    ``"3"`` or ``3`` for 3; anything else (a weak tag ``W/"3"``, which If-Match's strong
    comparison never matches; an unbalanced quote; a sign, a space inside the quotes, a
    digit other than 0-9, more than ``VERSION_DIGITS`` digits: no version this system
    could have) is 422 ``invalid_if_match``."""
    if if_match is None or if_match.strip() == "*":
        return None
    found = _VERSION.fullmatch(if_match.strip())
    if found is None:
        raise DomainError(
            "invalid_if_match",
            f'If-Match must be a {what} of at most {VERSION_DIGITS} digits, e.g. "3"'
            ' (a weak tag W/"3" never matches)',
        )
    return int(found.group(1) or found.group(2))


def if_match_version(request: Request, what: str = "version") -> int | None:
    """The version the request's ``If-Match`` header names (``expected_version``)."""
    return expected_version(request.headers.get("if-match"), what)


async def _declares_if_match(if_match: IfMatch = None) -> None:
    """OpenAPI only: the optional ``If-Match`` header."""


@declared_as(_declares_if_match)
async def _expected_version(request: Request) -> int | None:
    return if_match_version(request)


ExpectedVersion = Annotated[int | None, Depends(_expected_version)]


def etag(response: Response, version: int) -> None:
    """Answer the aggregate's version as the ``ETag`` (the next write's ``If-Match``)."""
    response.headers["ETag"] = f'"{version}"'
