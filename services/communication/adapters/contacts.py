"""The cases service's contact directory over HTTP, with the role ``communications``.

``GET /cases/{case_id}/relatives/{relative_id}/contact`` answers a relative's name,
channels and current consents; the cases service logs the read. Nothing is cached: the
answer is used for one delivery and dropped.
"""

from __future__ import annotations

import httpx

from services.communication.application.ports import ContactsUnavailable
from services.communication.domain.model import Contact
from shared.auth import Role
from shared.config import CommonSettings
from shared.service_token import ServiceToken as SharedServiceToken

SERVICE_SUBJECT = "svc-communication"


class ServiceToken(SharedServiceToken):
    """This service's token for the cases API: ``svc-communication``, role ``communications``."""

    def __init__(self, common: CommonSettings, configured: str = "") -> None:
        super().__init__(common, SERVICE_SUBJECT, [Role.COMMUNICATIONS], configured)


class HttpContacts:
    """:class:`~services.communication.application.ports.Contacts` on the cases API."""

    def __init__(
        self,
        base_url: str,
        token: ServiceToken,
        timeout: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._token = token
        self._timeout = timeout
        self._transport = transport

    async def contact(self, case_id: str, relative_id: str) -> Contact | None:
        url = f"{self._base}/cases/{case_id}/relatives/{relative_id}/contact"
        headers = {"Authorization": f"Bearer {self._token()}"}
        try:
            async with httpx.AsyncClient(
                timeout=self._timeout, transport=self._transport
            ) as client:
                response = await client.get(url, headers=headers)
        except httpx.HTTPError as exc:
            raise ContactsUnavailable(type(exc).__name__) from exc
        if response.status_code == 404:
            return None
        if response.status_code != 200:  # 401/403 (misconfigured) and 5xx: wait, never send
            raise ContactsUnavailable(f"cases_api_{response.status_code}")
        body = response.json()
        return Contact(
            name=body.get("name"),
            channels={k: v for k, v in (body.get("channels") or {}).items() if v},
            preferred_channel=body.get("preferred_channel"),
            consents=list(body.get("consents") or []),
            erased=bool(body.get("erased")),
            contact_person=body.get("contact_person_name"),
        )
