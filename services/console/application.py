"""The console's use cases: one thin method per page query or command, each calling
another service's API with the signed-in user's token."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from services.console.application_communication import Communication
from services.console.application_councils import CouncilAdmin
from services.console.application_insight import Insight
from services.console.application_people import People
from services.console.application_surveys import Surveys
from services.console.domain.messages import ApiProblem


class Apis(Protocol):
    """The other services' HTTP APIs (``service`` is cases, councils, communication or
    readside). Errors arrive as :class:`ApiProblem`."""

    async def get(
        self, service: str, path: str, token: str, params: dict[str, str] | None = None
    ) -> Any: ...

    async def post(
        self, service: str, path: str, token: str, body: dict[str, Any], if_match: int | None
    ) -> dict[str, Any]: ...

    async def put(
        self, service: str, path: str, token: str, body: dict[str, Any]
    ) -> dict[str, Any]: ...

    async def delete(self, service: str, path: str, token: str) -> None: ...

    async def post_csv(self, service: str, path: str, token: str, text: str) -> dict[str, Any]: ...

    async def get_file(
        self, service: str, path: str, token: str, params: dict[str, str] | None = None
    ) -> tuple[bytes, str]: ...


TokenIssuer = Callable[[str, list[str]], str]


@dataclass(frozen=True)
class User:
    """The signed-in user: who, which roles, and the token the APIs accept."""

    sub: str
    roles: tuple[str, ...]
    token: str
    name: str = ""

    @property
    def shown_name(self) -> str:
        """The name in the page header: the issuer's name claim, else the subject."""
        return self.name or self.sub

    def has(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)


class Console(Insight, Communication, CouncilAdmin, People, Surveys):
    """What the pages of the console can ask and do."""

    def __init__(
        self, apis: Apis, issue_token: TokenIssuer, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(apis, clock)
        self._issue_token = issue_token
        self._catalogue: dict[str, Any] | None = None

    def sign_in(self, sub: str, roles: list[str]) -> User:
        """A user signed in on the dev page, with a token minted as ``pkraft token`` does."""
        return User(sub, tuple(roles), self._issue_token(sub, roles))

    async def catalogue(self, user: User) -> dict[str, Any]:
        """The staircase catalogue (reference data: fetched once)."""
        if self._catalogue is None:
            self._catalogue = await self._apis.get("cases", "/catalogue/staircase", user.token)
        return self._catalogue

    async def list_cases(self, user: User, filters: dict[str, str]) -> dict[str, Any]:
        listed: dict[str, Any] = await self._apis.get("readside", "/cases", user.token, filters)
        return listed

    async def case(self, user: User, case_id: str) -> dict[str, Any]:
        found: dict[str, Any] = await self._apis.get("cases", f"/cases/{case_id}", user.token)
        return found

    async def changes_since(self, user: User, case_id: str, version: int) -> list[dict[str, Any]]:
        """What was recorded on the case after ``version`` (who, when, what)."""
        history = await self._apis.get("cases", f"/cases/{case_id}/history", user.token)
        return [e for e in history if int(e["version"]) > version]

    async def open_case(self, user: User, body: dict[str, Any]) -> str:
        done = await self._apis.post("cases", "/cases", user.token, body, None)
        return str(done["case_id"])

    async def _command(
        self, user: User, case_id: str, path: str, body: dict[str, Any], version: int | None
    ) -> int:
        done = await self._apis.post("cases", f"/cases/{case_id}{path}", user.token, body, version)
        return int(done["version"])

    async def add_relative(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/relatives", body, version)

    async def grant_consent(
        self, user: User, case_id: str, relative_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        path = f"/relatives/{relative_id}/consents/grant"
        return await self._command(user, case_id, path, body, version)

    async def withdraw_consent(
        self, user: User, case_id: str, relative_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        path = f"/relatives/{relative_id}/consents/withdraw"
        return await self._command(user, case_id, path, body, version)

    async def hold_move_in(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        """Record the held conversation; one not scheduled beforehand is scheduled for the
        time it was held first (the API wants a scheduled conversation to hold)."""
        case = await self.case(user, case_id)
        if version is not None and case["version"] != version:
            raise ApiProblem(409, "version_conflict", details={"current_version": case["version"]})
        if case.get("move_in_conversation") is None:
            at = {"conversation_at": body["held_at"]}
            version = await self._command(
                user, case_id, "/move-in-conversation/schedule", at, version
            )
        return await self._command(user, case_id, "/move-in-conversation/hold", body, version)

    async def assess_level(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/level-assessments", body, version)

    async def report_incident(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/incidents", body, version)

    async def receive_complaint(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/complaints", body, version)

    async def record_first_contact(
        self, user: User, case_id: str, complaint_id: str, version: int | None,
        body: dict[str, Any],
    ) -> int:  # fmt: skip
        """Contact made now: the API stamps the time (``body`` is empty)."""
        path = f"/complaints/{complaint_id}/first-contact"
        return await self._command(user, case_id, path, body, version)

    async def settle_agreement(
        self, user: User, case_id: str, agreement_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        """Mark an agreement kept, or broken with a note."""
        base = f"/agreements/{agreement_id}"
        if body["outcome"] == "kept":
            return await self._command(user, case_id, f"{base}/kept", {}, version)
        return await self._command(user, case_id, f"{base}/broken", {"note": body["note"]}, version)

    async def assign_leader(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/leader", body, version)

    async def review_plan(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/handling-plan/reviews", body, version)

    async def resolve_complaint(
        self, user: User, case_id: str, complaint_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        path = f"/complaints/{complaint_id}/resolve"
        return await self._command(user, case_id, path, body, version)

    async def note_dialogue(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/dialogue-notes", body, version)

    async def record_handover(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/handover", body, version)

    async def record_network_relation(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/network-relations", body, version)

    async def close_case(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/close", body, version)

    async def reopen_case(
        self, user: User, case_id: str, version: int | None, body: dict[str, Any]
    ) -> int:
        return await self._command(user, case_id, "/reopen", body, version)
