"""Tokens for users signed in on the dev sign-in page, minted as ``pkraft token`` does."""

from __future__ import annotations

from services.console.application import TokenIssuer
from services.console.config import ConsoleSettings
from shared.auth import issue_token


def dev_token_issuer(settings: ConsoleSettings) -> TokenIssuer:
    """Mint a JWT with the shared dev secret (HS256) for the chosen name and roles."""

    def issue(sub: str, roles: list[str]) -> str:
        return issue_token(settings.common, sub, roles, settings.session_max_age_seconds)

    return issue
