"""The council administrator's use cases: forming a council (the councils API); every
other change to a council goes through ``Insight.council_command`` with ``If-Match``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.console.application import Apis, User


class CouncilAdmin:
    """Forming councils (part of ``Console``)."""

    _apis: Apis

    async def form_council(self, user: User, body: dict[str, Any]) -> str:
        """Form the council of a tilbud; its id."""
        done = await self._apis.post("councils", "/councils", user.token, body, None)
        return str(done["id"])
