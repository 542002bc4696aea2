"""The council administrator's use cases: forming a council (the councils API); every
other change to a council goes through ``Insight.council_command`` with ``If-Match``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.console.application import Apis, User


class CouncilAdmin:
    """Forming councils and the participant pool's commands (part of ``Console``)."""

    _apis: Apis

    async def form_council(self, user: User, body: dict[str, Any]) -> str:
        """Form the council of a tilbud; its id."""
        done = await self._apis.post("councils", "/councils", user.token, body, None)
        return str(done["id"])

    async def open_pool(self, user: User, year: int, body: dict[str, Any]) -> None:
        """Open the year's participant pool (its amount, or the configured default)."""
        amount = {"amount": body["amount"]} if body.get("amount") is not None else {}
        await self._apis.post("councils", "/pools", user.token, {"year": year, **amount}, None)

    async def pool_command(
        self, user: User, year: int, path: str, version: int | None, body: dict[str, Any]
    ) -> None:
        """A change to the year's pool (``path`` under ``/pools/{year}``), with If-Match."""
        await self._apis.post("councils", f"/pools/{year}{path}", user.token, body, version)

    async def council_api_post(self, user: User, path: str, body: dict[str, Any]) -> None:
        """A record without a version to match (a hiring, a course, an onboarding)."""
        await self._apis.post("councils", path, user.token, body, None)
