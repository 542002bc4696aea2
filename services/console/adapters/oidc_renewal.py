"""Keeping a signed-in user's access token fresh: the issuer's refresh token exchanged
at its token endpoint before the access token expires (RFC 6749 section 6), and revoked
at its revocation endpoint at sign-out (RFC 7009) when it offers one. Part of
``OidcClient``.

Requests of one page (a dashboard's charts) arrive together with the same refresh
token; an issuer that rotates refresh tokens treats a second use as a replay and ends
the grant. So a renewal is made once per refresh token: concurrent and later callers
with the same token within ``REUSE_SECONDS`` get the same answer."""

from __future__ import annotations

import abc
import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
import jwt

from services.console.domain.oidc import SignInFailed
from shared.logging import get_logger

if TYPE_CHECKING:
    from services.console.config import ConsoleSettings

log = get_logger(__name__)
REUSE_SECONDS = 30.0


@dataclass(frozen=True)
class Renewed:
    """A fresh access token; the refresh token to use next (the same when the issuer
    does not rotate); when the access token expires (epoch seconds), if known."""

    access_token: str
    refresh_token: str
    expires_at: float | None


def expires_at(tokens: Mapping[str, Any], now: float) -> float | None:
    """When the access token expires: ``expires_in`` from the token response, else the
    ``exp`` of an access token that is a JWT (read, not verified: the APIs verify it)."""
    lifetime = tokens.get("expires_in")
    if isinstance(lifetime, (int, float)) and not isinstance(lifetime, bool) and lifetime > 0:
        return now + float(lifetime)
    try:
        claims = jwt.decode(str(tokens.get("access_token", "")),
                            options={"verify_signature": False})  # fmt: skip
    except jwt.PyJWTError:
        return None
    exp = claims.get("exp")
    return float(exp) if isinstance(exp, (int, float)) else None


class TokenRenewal(abc.ABC):
    _settings: ConsoleSettings
    _client: httpx.AsyncClient

    @abc.abstractmethod
    async def _discovery(self) -> dict[str, Any]:
        """The issuer's discovery document (``OidcClient``)."""

    def _renewal_state(self) -> tuple[asyncio.Lock, dict[str, tuple[float, Renewed]]]:
        if not hasattr(self, "_renewals"):
            self._renewal_lock = asyncio.Lock()
            self._renewals: dict[str, tuple[float, Renewed]] = {}
        return self._renewal_lock, self._renewals

    async def refresh(self, refresh_token: str) -> Renewed:
        """A new access token for the refresh token. Raises :class:`SignInFailed`:
        ``oidc_unavailable`` (try again later) or ``oidc_refused`` (the grant is gone)."""
        lock, done = self._renewal_state()
        async with lock:
            now = time.monotonic()
            for token, (at, _) in list(done.items()):
                if now - at > REUSE_SECONDS:
                    del done[token]
            if refresh_token in done:
                return done[refresh_token][1]
            renewed = await self._refresh(refresh_token)
            done[refresh_token] = (now, renewed)
            return renewed

    async def _refresh(self, refresh_token: str) -> Renewed:
        s = self._settings
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token,
                "client_id": s.oidc_client_id}  # fmt: skip
        tokens = await self._token_endpoint(form)
        access = tokens.get("access_token")
        if not isinstance(access, str) or not access:
            raise SignInFailed("oidc_refused")
        rotated = tokens.get("refresh_token")
        return Renewed(
            access, rotated if isinstance(rotated, str) and rotated else refresh_token,
            expires_at(tokens, time.time()),
        )  # fmt: skip

    async def _token_endpoint(self, form: dict[str, str]) -> dict[str, Any]:
        s = self._settings
        endpoint = (await self._discovery())["token_endpoint"]
        auth = httpx.BasicAuth(s.oidc_client_id, s.oidc_client_secret)
        try:
            if s.oidc_client_secret:
                response = await self._client.post(endpoint, data=form, auth=auth)
            else:
                response = await self._client.post(endpoint, data=form)
        except httpx.HTTPError as exc:
            raise SignInFailed("oidc_unavailable") from exc
        if response.status_code >= 500:
            raise SignInFailed("oidc_unavailable")
        try:
            tokens = response.json()
        except ValueError:
            tokens = None
        if response.status_code != 200 or not isinstance(tokens, dict):
            error = tokens.get("error") if isinstance(tokens, dict) else None
            log.warning("oidc_token_refused", status=response.status_code, error=str(error))
            raise SignInFailed("oidc_refused")
        return tokens

    async def revoke(self, refresh_token: str) -> bool:
        """Revoke the refresh token at the issuer (best effort: sign-out forgets it in
        any case); whether the issuer confirmed it."""
        s = self._settings
        try:
            endpoint = (await self._discovery()).get("revocation_endpoint")
        except SignInFailed:
            return False
        if not isinstance(endpoint, str) or not endpoint:
            return False
        form = {"token": refresh_token, "token_type_hint": "refresh_token",
                "client_id": s.oidc_client_id}  # fmt: skip
        auth = httpx.BasicAuth(s.oidc_client_id, s.oidc_client_secret)
        try:
            if s.oidc_client_secret:
                response = await self._client.post(endpoint, data=form, auth=auth)
            else:
                response = await self._client.post(endpoint, data=form)
        except httpx.HTTPError as exc:
            log.warning("oidc_revocation_failed", error=type(exc).__name__)
            return False
        if response.status_code != 200:
            log.warning("oidc_revocation_failed", status=response.status_code)
        return response.status_code == 200
