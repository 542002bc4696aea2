"""The signed-in user's access token renewed before it expires (OpenID Connect, when
the issuer gave a refresh token): at each page, a token within
``PKRAFT_CONSOLE_OIDC_REFRESH_BEFORE_SECONDS`` of its expiry is exchanged for a fresh
one and the session updated. An issuer that refuses (the grant revoked or expired)
ends the session; an issuer that does not answer leaves the token as it is (the APIs
decide while it lasts), and the next page tries again."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from fastapi import Request

from services.console.adapters.oidc import OidcClient
from services.console.application import User
from services.console.domain.oidc import SignInFailed
from shared.logging import get_logger

log = get_logger(__name__)


def remember_renewal(session: dict[str, Any], refresh_token: str | None,
                     expires_at: float | None) -> None:  # fmt: skip
    """Keep what renewal needs in the session (nothing when the issuer gave nothing)."""
    for key, value in (("refresh_token", refresh_token), ("token_expires_at", expires_at)):
        if value is None:
            session.pop(key, None)
        else:
            session[key] = value


async def renewed(request: Request, user: User) -> User | None:
    """The user with a fresh token if theirs is about to expire; None when the issuer
    refused to renew it (the session is over)."""
    oidc: OidcClient | None = request.app.state.oidc
    session = request.session
    refresh, expires = session.get("refresh_token"), session.get("token_expires_at")
    if oidc is None or not isinstance(refresh, str) or not isinstance(expires, (int, float)):
        return user
    before = request.app.state.settings.oidc_refresh_before_seconds
    if time.time() < expires - before:
        return user
    try:
        fresh = await oidc.refresh(refresh)
    except SignInFailed as failed:
        if failed.code == "oidc_unavailable":
            return user
        log.info("console_session_ended", reason="refresh_refused")
        session.clear()
        return None
    session["token"] = fresh.access_token
    remember_renewal(session, fresh.refresh_token, fresh.expires_at)
    return dataclasses.replace(user, token=fresh.access_token)
