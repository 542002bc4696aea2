"""FastAPI dependencies for bearer authentication and role checks.

They read the ``Authorization`` header themselves (as ``HTTPBearer`` reads it) rather
than through a ``HTTPBearer`` sub-dependency, which FastAPI would solve on every request;
the bearer scheme is declared to the OpenAPI by ``declared_as`` (``shared.http.deps``)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.auth import AuthError, Principal, TokenVerifier
from shared.http.deps import declared_as

_bearer = HTTPBearer(auto_error=False)  # in the OpenAPI only
_role_checks: set[Callable[..., Any]] = set()

Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def declares_bearer(credentials: Bearer) -> None:
    """OpenAPI only: the bearer security scheme."""


def is_role_check(call: Callable[..., Any]) -> bool:
    """Whether ``call`` is a dependency that checks roles (it can answer 403)."""
    return call in _role_checks


def checks_roles(call: Callable[..., Any]) -> None:
    """Record that the dependency ``call`` checks roles (the OpenAPI declares 403)."""
    _role_checks.add(call)


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, read as ``HTTPBearer``
    reads it (None when there is none or another scheme is used)."""
    authorization = request.headers.get("authorization")
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if not scheme or not token or scheme.lower() != "bearer":
        return None
    return token


def authenticate(request: Request) -> Principal:
    """The caller, from a valid bearer token (401 otherwise)."""
    token = bearer_token(request)
    if token is None:
        raise HTTPException(401, "a bearer token is required", {"WWW-Authenticate": "Bearer"})
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        return verifier.verify(token)
    except AuthError as exc:
        raise HTTPException(
            401, str(exc), {"WWW-Authenticate": 'Bearer error="invalid_token"'}
        ) from exc


def authorise(request: Request, roles: tuple[str, ...]) -> Principal:
    """The caller, holding any of ``roles`` (401 without a valid token, 403 otherwise)."""
    user = authenticate(request)
    if not user.has_any(*roles):
        raise HTTPException(403, f"this needs one of the roles: {', '.join(roles)}")
    return user


@declared_as(declares_bearer)
async def current_principal(request: Request) -> Principal:
    """The caller, from a valid bearer token (401 otherwise)."""
    return authenticate(request)


CurrentUser = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency that lets through callers holding any of ``roles`` (403 otherwise)."""

    @declared_as(declares_bearer)
    async def check(request: Request) -> Principal:
        return authorise(request, roles)

    checks_roles(check)
    return check
