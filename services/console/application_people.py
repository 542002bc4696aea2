"""Names to choose people by: the relatives at a council's tilbud (the electorate from
the councils API, named by the cases API: each open case of the tilbud read, which the
cases API logs) and a council's members and candidates."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from services.console.domain.messages import ApiProblem
from services.console.domain.people import (
    Relative,
    council_people,
    named_choices,
    relatives_by_id,
)

if TYPE_CHECKING:
    from services.console.application import Apis, User

CASE_ROLES = ("caseworker", "leader", "auditor")
MOST_CASES = "500"  # the read side's largest page


class People:
    """Relatives and council members by name (part of ``Console``)."""

    _apis: Apis

    async def relatives(self, user: User, tilbud_id: str) -> dict[str, Relative]:
        """The relatives of the tilbud's open cases by id, named by the cases API; none
        when the user may not read cases (the APIs decide, the console asks only when a
        case role says it may) or the read side or the cases API does not answer."""
        if not user.has(*CASE_ROLES):
            return {}
        params = {"tilbud_id": tilbud_id, "status": "open", "limit": MOST_CASES}
        try:
            listed = await self._apis.get("readside", "/cases", user.token, params)
            cases = await asyncio.gather(
                *(self._apis.get("cases", f"/cases/{c['case_id']}", user.token)
                  for c in listed["items"])
            )  # fmt: skip
        except ApiProblem as problem:
            if problem.code == "unauthenticated":
                raise
            return {}  # refused or not answering: the relatives are shown unnamed
        return relatives_by_id(cases)

    async def electorate(self, user: User, council: dict[str, Any]) -> list[tuple[str, str]]:
        """Who may stand and vote at the council's tilbud, as (relative id, name): named
        by the cases API, else by the council (its candidates and members)."""
        found: dict[str, Any] = await self._apis.get(
            "councils", f"/councils/{council['id']}/electorate", user.token
        )
        names = await self.relatives(user, str(council["tilbud_id"]))
        ids = [str(r) for r in found["relative_ids"]]
        return named_choices(ids, names, council_people(council))
