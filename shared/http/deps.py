"""Dependencies every service's API shares: a part of the built service on the app's
state, and the version a write's ``If-Match`` header names (optimistic concurrency)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Request, Response

from shared.errors import DomainError

T = TypeVar("T")

IfMatch = Annotated[str | None, Header()]


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
    ``"3"``, ``3`` or ``W/"3"`` for 3; anything else is 422 ``invalid_if_match``."""
    if if_match is None or if_match.strip() == "*":
        return None
    raw = if_match.strip().removeprefix("W/").strip('"')
    if not raw.isdigit():
        raise DomainError("invalid_if_match", f'If-Match must be a {what}, e.g. "3"')
    return int(raw)


async def _expected_version(if_match: IfMatch = None) -> int | None:
    return expected_version(if_match)


ExpectedVersion = Annotated[int | None, Depends(_expected_version)]


def etag(response: Response, version: int) -> None:
    """Answer the aggregate's version as the ``ETag`` (the next write's ``If-Match``)."""
    response.headers["ETag"] = f'"{version}"'
