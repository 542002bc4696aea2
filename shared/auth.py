"""Bearer JWT verification with roles, and dev token issuing.

HS256 with a shared secret for development, RS256 with a PEM key or a JWKS URL in
production. Roles travel in the ``roles`` claim.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import jwt

from shared.config import DEV_JWT_SECRET, CommonSettings


class Role(StrEnum):
    """The roles a user can hold."""

    CASEWORKER = "caseworker"
    LEADER = "leader"
    AUDITOR = "auditor"
    COUNCIL_ADMIN = "council_admin"
    COMMUNICATIONS = "communications"
    INTEGRATION = "integration"
    FOLLOW_GROUP = "follow_group"
    PRIVACY_OFFICER = "privacy_officer"


@dataclass(frozen=True)
class Principal:
    """The authenticated caller."""

    sub: str
    roles: frozenset[str]

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class AuthError(Exception):
    """Missing or invalid credentials."""


def refuse_dev_secret(settings: CommonSettings) -> None:
    """Outside dev mode a service must not start with the published dev JWT secret."""
    if (
        not settings.dev_mode
        and settings.auth_algorithm == "HS256"
        and settings.auth_secret == DEV_JWT_SECRET
    ):
        raise AuthError(
            "refusing to start with the development JWT secret outside dev mode: set "
            "PKRAFT_AUTH_SECRET (or RS256 keys), or PKRAFT_DEV_MODE=true for development"
        )


class TokenVerifier:
    """Verifies bearer tokens according to the configured algorithm and key."""

    def __init__(self, settings: CommonSettings) -> None:
        self._settings = settings
        self._jwks = jwt.PyJWKClient(settings.auth_jwks_url) if settings.auth_jwks_url else None
        self._verified: dict[str, tuple[Principal, float]] = {}

    def _key(self, token: str) -> Any:
        if self._settings.auth_algorithm == "HS256":
            return self._settings.auth_secret
        if self._jwks is not None:
            return self._jwks.get_signing_key_from_jwt(token).key
        return self._settings.auth_public_key

    def verify(self, token: str) -> Principal:
        """The principal of a valid token; verified tokens are remembered until expiry."""
        cached = self._verified.get(token)
        if cached is not None and cached[1] > time.time():
            return cached[0]
        principal, expires = self._verify(token)
        if len(self._verified) >= 10_000:
            self._verified.clear()
        self._verified[token] = (principal, expires)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            claims = jwt.decode(
                token,
                self._key(token),
                algorithms=[self._settings.auth_algorithm],
                audience=self._settings.auth_audience,
                issuer=self._settings.auth_issuer,
                options={"require": ["exp", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthError("the bearer token has expired") from exc
        except (jwt.InvalidAudienceError, jwt.InvalidIssuerError) as exc:
            raise AuthError("the bearer token is not meant for this service") from exc
        except (jwt.PyJWTError, ValueError) as exc:
            # The library's words (a decoder's complaint about a byte) say nothing useful.
            raise AuthError("the bearer token could not be read") from exc
        roles = claims.get("roles", [])
        if not isinstance(roles, list):
            raise AuthError("the bearer token's roles claim must be a list")
        principal = Principal(sub=str(claims["sub"]), roles=frozenset(str(r) for r in roles))
        return principal, float(claims["exp"])


def issue_token(
    settings: CommonSettings,
    sub: str,
    roles: list[str],
    ttl_seconds: int = 8 * 3600,
    private_key: str | None = None,
) -> str:
    """Issue a token (HS256 with the shared secret, or RS256 with a private key)."""
    now = int(time.time())
    claims = {
        "sub": sub,
        "roles": roles,
        "iss": settings.auth_issuer,
        "aud": settings.auth_audience,
        "iat": now,
        "exp": now + ttl_seconds,
    }
    if settings.auth_algorithm == "RS256":
        if not private_key:
            raise AuthError("RS256 tokens need a private key")
        return jwt.encode(claims, private_key, algorithm="RS256")
    return jwt.encode(claims, settings.auth_secret, algorithm="HS256")
