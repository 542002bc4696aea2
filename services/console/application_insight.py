"""What the console reads beside a case's own state: the case's message log, the
programme's dashboards, the councils and the pool, and the auditors' replay,
verification and export."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from services.console.domain.dashboard_scope import Scope
from services.console.domain.messages import ApiProblem
from services.console.domain.organisation import (
    CentreChoice,
    heads,
    tilbud_choices,
    tilbud_names,
)

if TYPE_CHECKING:
    from services.console.application import Apis, User


class Insight:
    """Queries on the communication service and the read side (part of ``Console``)."""

    ORGANISATION_SECONDS = 60.0  # reference data: a new tilbud shows within a minute

    def __init__(self, apis: Apis, clock: Callable[[], float] = time.monotonic) -> None:
        self._apis = apis
        self._clock = clock
        self._organisation: tuple[float, dict[str, Any]] | None = None

    async def message_log(self, user: User, case_id: str) -> list[dict[str, Any]]:
        """Every message about the case (communication service)."""
        found: list[dict[str, Any]] = await self._apis.get(
            "communication", f"/cases/{case_id}/messages", user.token
        )
        return found

    async def dashboard(self, user: User, scope: Scope) -> dict[str, Any]:
        """The programme's figures for the municipality, a department, a citizen centre
        (its tilbud rolled up) or one tilbud."""
        found: dict[str, Any] = await self._apis.get("readside", scope.api_path, user.token)
        return found

    async def chart(self, user: User, scope: Scope, figure: str) -> tuple[bytes, str]:
        """One figure as the read side's SVG chart."""
        path = f"{scope.api_path}/charts/{figure}.svg"
        return await self._apis.get_file("readside", path, user.token)

    async def organisation(self, user: User) -> dict[str, Any]:
        """Departments, their citizen centres and tilbud (the read side's reference data,
        kept for ``ORGANISATION_SECONDS``)."""
        now = self._clock()
        if self._organisation is None or now - self._organisation[0] >= self.ORGANISATION_SECONDS:
            found: dict[str, Any] = await self._apis.get("readside", "/organisation", user.token)
            self._organisation = (now, found)
        return self._organisation[1]

    async def tilbud_names(self, user: User) -> dict[str, str]:
        """Every tilbud's Danish name by its id; none when the read side cannot say (the
        pages then show the ids)."""
        try:
            return tilbud_names(await self.organisation(user))
        except ApiProblem:
            return {}

    async def heads(self, user: User) -> dict[str, list[tuple[str, str]]]:
        """The centre and department heads to choose from; none when the read side
        cannot say (the forms then ask for the user id)."""
        try:
            return heads(await self.organisation(user))
        except ApiProblem:
            return {}

    async def tilbud_choices(self, user: User) -> list[CentreChoice]:
        """The tilbud to choose from, grouped by citizen centre; none when the read side
        cannot say (the forms then ask for the tilbud's id)."""
        try:
            return tilbud_choices(await self.organisation(user))
        except ApiProblem:
            return []

    async def history(self, user: User, case_id: str) -> list[dict[str, Any]]:
        """Every event of the case with who, when and its version."""
        found: list[dict[str, Any]] = await self._apis.get(
            "cases", f"/cases/{case_id}/history", user.token
        )
        return found

    async def replay(self, user: User, case_id: str, as_of: str | None) -> dict[str, Any]:
        """The case as it stood at a version (read side's replay; role auditor)."""
        params = {"as_of": as_of} if as_of else None
        found: dict[str, Any] = await self._apis.get(
            "readside", f"/audit/cases/{case_id}/replay", user.token, params
        )
        return found

    async def compare(self, user: User, case_id: str, a: int, b: int) -> dict[str, Any]:
        """The case at versions ``a`` and ``b`` and every difference from a to b."""
        params = {"as_of": str(a), "compare_to": str(b)}
        found: dict[str, Any] = await self._apis.get(
            "readside", f"/audit/cases/{case_id}/replay", user.token, params
        )
        return found

    async def verify(self, user: User) -> dict[str, Any]:
        """Every hash chain recomputed and compared with the source stores."""
        found: dict[str, Any] = await self._apis.get("readside", "/audit/verify", user.token)
        return found

    async def export(self, user: User, case_id: str, fmt: str) -> tuple[bytes, str]:
        """The case's audited history as JSON Lines or CSV."""
        path = f"/audit/cases/{case_id}/export"
        return await self._apis.get_file("readside", path, user.token, {"format": fmt})

    async def councils(self, user: User) -> list[dict[str, Any]]:
        """Every council with its seats, members and meetings (read side)."""
        found: list[dict[str, Any]] = await self._apis.get("readside", "/councils", user.token)
        return found

    async def council(self, user: User, council_id: str) -> dict[str, Any]:
        """One council: members and terms, seats, elections, meetings (councils API)."""
        found: dict[str, Any] = await self._apis.get(
            "councils", f"/councils/{council_id}", user.token
        )
        return found

    async def pool(self, user: User, year: int) -> dict[str, Any]:
        """The year's participant pool: amount, balance, applications and decisions."""
        found: dict[str, Any] = await self._apis.get("councils", f"/pools/{year}", user.token)
        return found

    async def decide_application(
        self, user: User, year: int, application_id: str, version: int | None,
        body: dict[str, Any],
    ) -> None:  # fmt: skip
        """The follow group's decision: grant (in full or an amount) or reject with a reason."""
        base = f"/pools/{year}/applications/{application_id}"
        if body["decision"] == "grant":
            await self._apis.post("councils", f"{base}/grant", user.token,
                                  {"amount": body["amount"]}, version)  # fmt: skip
        else:
            await self._apis.post("councils", f"{base}/reject", user.token,
                                  {"reason": body["reason"]}, version)  # fmt: skip

    async def council_command(
        self, user: User, council_id: str, path: str, version: int | None,
        body: dict[str, Any],
    ) -> None:  # fmt: skip
        """An election step on the council (``path`` under ``/councils/{id}``)."""
        await self._apis.post("councils", f"/councils/{council_id}{path}", user.token, body,
                              version)  # fmt: skip
