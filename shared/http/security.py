"""FastAPI dependencies for bearer authentication and role checks."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.auth import AuthError, Principal, TokenVerifier

_bearer = HTTPBearer(auto_error=False)
_role_checks: set[Callable[..., Any]] = set()


def is_role_check(call: Callable[..., Any]) -> bool:
    """Whether ``call`` is a dependency made by ``require_roles`` (it can answer 403)."""
    return call in _role_checks


def _verifier(request: Request) -> TokenVerifier:
    verifier: TokenVerifier = request.app.state.token_verifier
    return verifier


def authenticate(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Principal:
    """The caller, from a valid bearer token (401 otherwise)."""
    if credentials is None:
        raise HTTPException(401, "a bearer token is required", {"WWW-Authenticate": "Bearer"})
    try:
        return _verifier(request).verify(credentials.credentials)
    except AuthError as exc:
        raise HTTPException(
            401, str(exc), {"WWW-Authenticate": 'Bearer error="invalid_token"'}
        ) from exc


Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def current_principal(request: Request, credentials: Bearer) -> Principal:
    """The caller, from a valid bearer token (401 otherwise)."""
    return authenticate(request, credentials)


CurrentUser = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency that lets through callers holding any of ``roles`` (403 otherwise).

    One dependency over the bearer scheme, not one over ``CurrentUser``: FastAPI's cost
    per request grows with every dependency it solves."""

    async def check(request: Request, credentials: Bearer) -> Principal:
        user = authenticate(request, credentials)
        if not user.has_any(*roles):
            raise HTTPException(403, f"this needs one of the roles: {', '.join(roles)}")
        return user

    _role_checks.add(check)
    return check
