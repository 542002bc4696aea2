"""The survey staff's use cases: start a tilbud's satisfaction survey round, enter its
answers (the survey staff's CSV), and read the results the read side publishes (per
tilbud, only for groups of at least its threshold)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

    async def satisfaction(self, user: User) -> dict[str, Any]:
        """The municipality's satisfaction figure: per tilbud its latest round against
        the previous one, the roll-up, and the tilbud whose group is too small."""
        found: dict[str, Any] = await self._apis.get(
            "readside", "/dashboards/municipality", user.token
        )
        figure: dict[str, Any] = found.get("satisfaction") or {}
        return figure
