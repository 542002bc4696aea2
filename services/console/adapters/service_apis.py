"""The other services' HTTP APIs over httpx, with the user's bearer token."""

from __future__ import annotations

from typing import Any

import httpx

from services.console.config import ConsoleSettings
from services.console.domain.messages import ApiProblem


class HttpApis:
    """Implements ``services.console.application.Apis`` against the configured URLs."""

    def __init__(
        self, settings: ConsoleSettings, transport: httpx.AsyncBaseTransport | None = None
    ):
        self._base = {
            "cases": settings.cases_api_url,
            "councils": settings.councils_api_url,
            "communication": settings.communication_api_url,
            "readside": settings.readside_api_url,
        }
        self._client = httpx.AsyncClient(timeout=settings.api_timeout_seconds, transport=transport)

    async def get(
        self, service: str, path: str, token: str, params: dict[str, str] | None = None
    ) -> Any:
        return await self._send("GET", service, path, token, params=params)

    async def post(
        self, service: str, path: str, token: str, body: dict[str, Any], if_match: int | None
    ) -> dict[str, Any]:
        headers = {"If-Match": f'"{if_match}"'} if if_match is not None else {}
        answer: dict[str, Any] = await self._send(
            "POST", service, path, token, json=body, headers=headers
        )
        return answer

    async def put(
        self, service: str, path: str, token: str, body: dict[str, Any]
    ) -> dict[str, Any]:
        answer: dict[str, Any] = await self._send("PUT", service, path, token, json=body)
        return answer

    async def post_csv(self, service: str, path: str, token: str, text: str) -> dict[str, Any]:
        """Post a CSV document (UTF-8, ``text/csv``) as it is."""
        headers = {"Content-Type": "text/csv; charset=utf-8"}
        answer: dict[str, Any] = await self._send(
            "POST", service, path, token, headers=headers, content=text.encode("utf-8")
        )
        return answer

    async def delete(self, service: str, path: str, token: str) -> None:
        await self._request("DELETE", service, path, token)

    async def get_file(
        self, service: str, path: str, token: str, params: dict[str, str] | None = None
    ) -> tuple[bytes, str]:
        """A file the API serves (a chart, an export): its bytes and media type."""
        response = await self._request("GET", service, path, token, params=params)
        return response.content, response.headers.get("content-type", "application/octet-stream")

    async def _send(
        self,
        method: str,
        service: str,
        path: str,
        token: str,
        headers: dict[str, str] | None = None,
        **options: Any,
    ) -> Any:
        response = await self._request(method, service, path, token, headers, **options)
        return response.json()

    async def _request(
        self,
        method: str,
        service: str,
        path: str,
        token: str,
        headers: dict[str, str] | None = None,
        **options: Any,
    ) -> httpx.Response:
        headers = {**(headers or {}), "Authorization": f"Bearer {token}"}
        try:
            response = await self._client.request(
                method, self._base[service] + path, headers=headers, **options
            )
        except httpx.HTTPError as exc:
            raise ApiProblem(503, "service_unavailable", type(exc).__name__) from exc
        if response.is_success:
            return response
        raise _problem(response)

    async def close(self) -> None:
        await self._client.aclose()


def _problem(response: httpx.Response) -> ApiProblem:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict) or "code" not in body:
        code = "service_unavailable" if response.status_code >= 500 else "http_error"
        return ApiProblem(response.status_code, code)
    details = body.get("details")
    return ApiProblem(
        response.status_code,
        str(body["code"]),
        str(body.get("message", "")),
        details if isinstance(details, dict) else {},
    )
