"""The survey staff's use cases: start a tilbud's satisfaction survey round, enter its
answers (the survey staff's CSV), and read the results the read side publishes (per
tilbud, only for groups of at least its threshold)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from services.console.domain.messages import ApiProblem

if TYPE_CHECKING:
    from services.console.application import Apis, User


class Surveys:
    """Survey rounds (part of ``Console``)."""

    _apis: Apis

    async def start_survey_round(self, user: User, body: dict[str, Any]) -> int:
        """Invite the tilbud's consenting relatives; how many were invited."""
        done = await self._apis.post("communication", "/survey-rounds", user.token, body, None)
        return int(done["recipients"])

    async def import_survey_answers(self, user: User, tilbud_id: str, year: int, text: str) -> int:
        """The survey staff's CSV, all or nothing; how many answers were new."""
        path = f"/surveys/{tilbud_id}/{year}/responses/import"
        done = await self._apis.post_csv("communication", path, user.token, text)
        return int(done["recorded"])

    async def survey_rounds(self, user: User) -> list[dict[str, Any]]:
        """The rounds started, newest year first, each with its invited, answered and
        response rate (the communication service counts them)."""
        found = await self._apis.get(
            "communication", "/survey-rounds", user.token, {"limit": "500"}
        )
        items: list[dict[str, Any]] = found.get("items", [])
        return items

    async def survey_round(self, user: User, tilbud_id: str, year: int) -> dict[str, Any] | None:
        """One round's counts, or None when it was never started."""
        try:
            found: dict[str, Any] = await self._apis.get(
                "communication", f"/survey-rounds/{tilbud_id}/{year}", user.token
            )
        except ApiProblem as problem:
            if problem.status == 404:
                return None
            raise
        return found

    async def satisfaction(self, user: User) -> dict[str, Any]:
        """The municipality's satisfaction figure: per tilbud its latest round against
        the previous one, the roll-up, and the tilbud whose group is too small."""
        found: dict[str, Any] = await self._apis.get(
            "readside", "/dashboards/municipality", user.token
        )
        figure: dict[str, Any] = found.get("satisfaction") or {}
        return figure
