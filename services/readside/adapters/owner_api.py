"""Another service's HTTP API, as the read side's audit tools ask it (replay, the audit
feed): the read side never opens another service's database or holds its keys.

Calls are synchronous (the audit tools run in worker threads) and carry a bearer token
with the role ``auditor``: the caller's own (forwarded from an HTTP request, so the owner
logs the auditor's read under the auditor's name) or one minted for ``svc-readside``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from shared.auth import Role
from shared.config import CommonSettings
from shared.errors import DomainError, NotFoundError
from shared.service_token import ServiceToken as SharedServiceToken

SERVICE_SUBJECT = "svc-readside"


class OwnerUnavailable(DomainError):
    """The owning service cannot answer now (HTTP 503)."""

    status = 503


class ServiceToken(SharedServiceToken):
    """The read side's own token (``svc-readside``, role ``auditor``) where no caller's is
    forwarded."""

    def __init__(self, common: CommonSettings, configured: str = "") -> None:
        super().__init__(common, SERVICE_SUBJECT, [Role.AUDITOR], configured)


class OwnerApi:
    """One service's API at ``base_url`` (``client`` overrides the HTTP client: tests
    hand in the real app in process)."""

    def __init__(
        self,
        service: str,
        base_url: str,
        token: Callable[[], str],
        timeout: float = 10.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.service = service
        self._base = base_url.rstrip("/")
        self._token = token
        self._timeout = timeout
        self._client = client

    def _unavailable(self, why: str, **details: Any) -> OwnerUnavailable:
        return OwnerUnavailable(
            f"{self.service}_api_unavailable",
            f"the {self.service} API {why}; retry later",
            **details,
        )

    def get(self, path: str, params: dict[str, Any], token: str | None = None) -> httpx.Response:
        """A 200 answer; the owner's 404 and 422 as the same errors here, anything else
        as 503 ``<service>_api_unavailable``."""
        url = f"{self._base}{path}"
        headers = {"Authorization": f"Bearer {token or self._token()}"}
        try:
            if self._client is not None:
                response = self._client.get(url, params=params, headers=headers)
            else:
                with httpx.Client(timeout=self._timeout) as client:
                    response = client.get(url, params=params, headers=headers)
        except httpx.HTTPError as exc:
            raise self._unavailable("cannot be reached", error=type(exc).__name__) from exc
        if response.status_code == 200:
            return response
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code in (404, 422) and isinstance(body, dict) and "code" in body:
            error = NotFoundError if response.status_code == 404 else DomainError
            details = body.get("details") if isinstance(body.get("details"), dict) else {}
            raise error(str(body["code"]), str(body.get("message", "")), **(details or {}))
        raise self._unavailable("refused the request", status=response.status_code)
