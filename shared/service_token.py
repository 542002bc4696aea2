"""A service's own bearer token for another service's API: the configured one, or one
minted with the shared HS256 secret and renewed halfway through its life."""

from __future__ import annotations

import time
from collections.abc import Sequence

from shared.auth import issue_token
from shared.config import CommonSettings

TOKEN_TTL_SECONDS = 3600


class ServiceToken:
    """Called for each request: ``subject`` with ``roles`` is who the service is to the
    API it calls (the owner logs its reads under that subject)."""

    def __init__(
        self, common: CommonSettings, subject: str, roles: Sequence[str], configured: str = ""
    ) -> None:
        self._common = common
        self._subject = subject
        self._roles = list(roles)
        self._configured = configured
        self._token = ""
        self._renew_at = 0.0

    def __call__(self) -> str:
        if self._configured:
            return self._configured
        if time.time() >= self._renew_at:
            self._token = issue_token(self._common, self._subject, self._roles, TOKEN_TTL_SECONDS)
            self._renew_at = time.time() + TOKEN_TTL_SECONDS / 2
        return self._token
