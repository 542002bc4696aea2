"""The console as an OpenID Connect relying party: the issuer's discovery document and
keys (JWKS) over httpx, the code exchange with the PKCE verifier, and the ID token's
checks (signature by the issuer's key, issuer, audience, expiry, nonce); the refresh
token's use and revocation are in ``oidc_renewal``."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from services.console.adapters.oidc_renewal import TokenRenewal, expires_at
from services.console.config import ConsoleSettings
from services.console.domain.oidc import (
    Pending,
    SignInFailed,
    authorization_url,
    issuer_error,
    new_pending,
    roles_from,
    state_matches,
)
from shared.auth import Role
from shared.logging import get_logger

log = get_logger(__name__)

KNOWN_ROLES = [r.value for r in Role if r is not Role.INTEGRATION]
# Asymmetric algorithms only: "none" and HS* (keyed with the public client id) never.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
              "ES512", "EdDSA"]  # fmt: skip
LEEWAY_SECONDS = 60


@dataclass(frozen=True)
class SignedIn:
    """Who signed in, with which roles, the token for the APIs and the ID token (sent
    back to the issuer as ``id_token_hint`` at sign-out)."""

    sub: str
    name: str
    roles: tuple[str, ...]
    api_token: str
    id_token: str
    refresh_token: str | None = None  # when the issuer gives one (see oidc_renewal)
    expires_at: float | None = None  # the access token's expiry, epoch seconds


class OidcClient(TokenRenewal):
    """One issuer, discovered once; its keys fetched again when a token names a new one."""

    def __init__(
        self, settings: ConsoleSettings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._settings = settings
        self._issuer = settings.oidc_issuer.rstrip("/")
        self._client = httpx.AsyncClient(timeout=settings.api_timeout_seconds, transport=transport)
        self._discovered: dict[str, Any] | None = None
        self._keys: dict[str, jwt.PyJWK] = {}

    async def begin(self, redirect_uri: str) -> tuple[str, Pending]:
        """Where to send the browser, and what to remember until it comes back."""
        found = await self._discovery()
        pending = new_pending()
        s = self._settings
        url = authorization_url(
            found["authorization_endpoint"], s.oidc_client_id, redirect_uri, s.oidc_scopes,
            pending,
        )  # fmt: skip
        return url, pending

    async def finish(
        self, query: Mapping[str, str], pending: Pending | None, redirect_uri: str
    ) -> SignedIn:
        """The browser is back from the issuer: check state, exchange the code with the
        verifier, check the ID token. Raises :class:`SignInFailed`."""
        if not state_matches(pending, query.get("state", "")):
            raise SignInFailed("oidc_state_mismatch")
        assert pending is not None
        refused = issuer_error(query)
        if refused is not None:
            raise refused
        if "iss" in query and query["iss"].rstrip("/") != self._issuer:  # RFC 9207
            raise SignInFailed("oidc_token_invalid")
        code = query.get("code", "")
        if not code:
            raise SignInFailed("oidc_refused")
        tokens = await self._exchange(code, pending.verifier, redirect_uri)
        id_token = tokens.get("id_token")
        if not isinstance(id_token, str):
            raise SignInFailed("oidc_token_invalid")
        claims = await self._verified(id_token, pending.nonce)
        s = self._settings
        roles = roles_from(claims, s.oidc_roles_claim, KNOWN_ROLES)
        if not roles:
            raise SignInFailed("oidc_no_roles")
        name = claims.get(s.oidc_name_claim)
        api_token = tokens.get("access_token")
        refresh = tokens.get("refresh_token")
        return SignedIn(
            str(claims["sub"]), str(name) if isinstance(name, str) and name else str(claims["sub"]),
            tuple(roles), api_token if isinstance(api_token, str) else id_token, id_token,
            refresh if isinstance(refresh, str) and refresh else None,
            expires_at(tokens, time.time()) if isinstance(api_token, str) else None,
        )  # fmt: skip

    async def end_session_url(self, id_token: str | None, post_logout_uri: str) -> str | None:
        """The issuer's end_session_endpoint (RP-initiated logout), if it offers one."""
        try:
            endpoint = (await self._discovery()).get("end_session_endpoint")
        except SignInFailed:
            return None
        if not isinstance(endpoint, str) or not endpoint:
            return None
        params = {"client_id": self._settings.oidc_client_id,
                  "post_logout_redirect_uri": post_logout_uri}  # fmt: skip
        if id_token:
            params["id_token_hint"] = id_token
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"

    async def close(self) -> None:
        await self._client.aclose()

    async def _get(self, url: str) -> dict[str, Any]:
        try:
            response = await self._client.get(url)
            response.raise_for_status()
            found = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("oidc_issuer_unavailable", error=type(exc).__name__)
            raise SignInFailed("oidc_unavailable") from exc
        if not isinstance(found, dict):
            raise SignInFailed("oidc_unavailable")
        return found

    async def _discovery(self) -> dict[str, Any]:
        if self._discovered is None:
            found = await self._get(f"{self._issuer}/.well-known/openid-configuration")
            needed = ("authorization_endpoint", "token_endpoint", "jwks_uri")
            if str(found.get("issuer", "")).rstrip("/") != self._issuer or not all(
                isinstance(found.get(k), str) for k in needed
            ):
                log.warning("oidc_discovery_refused")
                raise SignInFailed("oidc_unavailable")
            self._discovered = found
        return self._discovered

    async def _exchange(self, code: str, verifier: str, redirect_uri: str) -> dict[str, Any]:
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                "code_verifier": verifier, "client_id": self._settings.oidc_client_id}  # fmt: skip
        return await self._token_endpoint(form)

    async def _verified(self, id_token: str, nonce: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(id_token)
            algorithm = str(header.get("alg"))
            if algorithm not in ALGORITHMS:
                raise jwt.InvalidAlgorithmError(algorithm)
            key = await self._key(header.get("kid"))
            claims: dict[str, Any] = jwt.decode(
                id_token, key.key, algorithms=[algorithm], audience=self._settings.oidc_client_id,
                issuer=self._issuer, leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )  # fmt: skip
        except jwt.PyJWTError as exc:
            log.warning("oidc_id_token_refused", reason=type(exc).__name__)
            raise SignInFailed("oidc_token_invalid") from exc
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if claims.get("nonce") != nonce or (
            len(audiences) > 1 and claims.get("azp") != self._settings.oidc_client_id
        ):
            log.warning("oidc_id_token_refused", reason="nonce_or_azp")
            raise SignInFailed("oidc_token_invalid")
        return claims

    async def _key(self, kid: object) -> jwt.PyJWK:
        for fresh in (False, True):
            if fresh or not self._keys:
                await self._load_keys()
            if isinstance(kid, str) and kid in self._keys:
                return self._keys[kid]
            if kid is None and len(self._keys) == 1:
                return next(iter(self._keys.values()))
        raise jwt.InvalidKeyError("the issuer publishes no key with this id")

    async def _load_keys(self) -> None:
        found = await self._get((await self._discovery())["jwks_uri"])
        try:
            keys = jwt.PyJWKSet.from_dict(found).keys
        except jwt.PyJWTError as exc:
            raise SignInFailed("oidc_unavailable") from exc
        usable = [k for k in keys if k.public_key_use in (None, "sig")]
        self._keys = {str(k.key_id or i): k for i, k in enumerate(usable)}
