"""The communication staff's use cases: newsletters, theme evenings, and a relative's
channel preferences (the communication service's API)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.console.application import Apis, User


class Communication:
    """Newsletters, theme evenings and preferences (part of ``Console``)."""

    _apis: Apis

    async def newsletters(self, user: User) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = await self._apis.get(
            "communication", "/newsletters", user.token
        )
        return found

    async def send_newsletter(self, user: User, body: dict[str, Any]) -> int:
        """Send it; the number of relatives it was queued for."""
        done = await self._apis.post("communication", "/newsletters", user.token, body, None)
        return int(done["recipients"])

    async def create_evening(self, user: User, body: dict[str, Any]) -> str:
        done = await self._apis.post("communication", "/theme-evenings", user.token, body, None)
        return str(done["evening_id"])

    async def evenings(self, user: User, params: dict[str, str]) -> dict[str, Any]:
        """A page of theme evenings by start (``include_past``, ``limit``, ``offset``):
        ``{"items": [...], "total": n}``."""
        found: dict[str, Any] = await self._apis.get(
            "communication", "/theme-evenings", user.token, params
        )
        return found

    async def evening(self, user: User, evening_id: str) -> dict[str, Any]:
        found: dict[str, Any] = await self._apis.get(
            "communication", f"/theme-evenings/{evening_id}", user.token
        )
        return found

    async def announce_evening(self, user: User, evening_id: str, version: int | None) -> int:
        """Announce it to the relatives who opted in to its topic; how many were invited."""
        path = f"/theme-evenings/{evening_id}/announce"
        done = await self._apis.post("communication", path, user.token, {}, version)
        return int(done.get("invitations") or 0)

    async def cancel_evening(self, user: User, evening_id: str, version: int | None) -> None:
        """Cancel it; everyone registered or waiting is told by the service."""
        path = f"/theme-evenings/{evening_id}/cancel"
        await self._apis.post("communication", path, user.token, {}, version)

    async def register_for_evening(
        self, user: User, evening_id: str, body: dict[str, Any]
    ) -> dict[str, Any]:
        """Sign a relative up (name, e-mail): a seat while there is one, else the waiting
        list. The registration's id and status."""
        path = f"/theme-evenings/{evening_id}/registrations"
        return await self._apis.post("communication", path, user.token, body, None)

    async def sign_ups(self, user: User, evening_id: str, params: dict[str, str]) -> dict[str, Any]:
        """Who signed up (``limit``, ``offset``): the seated, then the waiting list, with
        names (``{"items": [...], "total", "seated", "waiting"}``)."""
        path = f"/theme-evenings/{evening_id}/sign-ups"
        found: dict[str, Any] = await self._apis.get("communication", path, user.token, params)
        return found

    async def sign_up(self, user: User, evening_id: str, registration_id: str) -> dict[str, Any]:
        """One live sign-up with its name (``registration_not_found`` once cancelled)."""
        path = f"/theme-evenings/{evening_id}/sign-ups/{registration_id}"
        found: dict[str, Any] = await self._apis.get("communication", path, user.token)
        return found

    async def cancel_registration(self, user: User, evening_id: str, registration_id: str) -> None:
        """Cancel a sign-up; the first on the waiting list gets the seat."""
        path = f"/theme-evenings/{evening_id}/registrations/{registration_id}"
        await self._apis.delete("communication", path, user.token)

    async def preferences(self, user: User, case_id: str, relative_id: str) -> dict[str, Any]:
        path = f"/cases/{case_id}/relatives/{relative_id}/preferences"
        found: dict[str, Any] = await self._apis.get("communication", path, user.token)
        return found

    async def set_preferences(
        self, user: User, case_id: str, relative_id: str, body: dict[str, Any]
    ) -> None:
        path = f"/cases/{case_id}/relatives/{relative_id}/preferences"
        await self._apis.put("communication", path, user.token, body)
