"""Training and onboarding: course sessions on the collaboration with relatives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.councils.application.writer import CouncilWriter, Outcome
from services.councils.domain.training import Training


class TrainingCommands(CouncilWriter):
    """The one training record, started on first use."""

    async def _on_training(self, name: str, change: Callable[[Any], Any]) -> Outcome:
        return await self._on_singleton(
            "training", name, Training.create_id(), None, Training, change
        )

    async def record_session(
        self,
        *,
        session_id: str,
        course: str,
        audience: str,
        held_on: str,
        participants: list[tuple[str, str]],
        actor: str,
    ) -> Outcome:
        """Record a course session held, once, with its participants (staff id, tilbud id)
        at tilbud the organisation holds (422 ``unknown_tilbud``)."""
        for _, tilbud_id in participants:
            self.require_tilbud(tilbud_id)

        def change(training: Training) -> None:
            training.record_session(session_id, course, audience, held_on, participants, actor)

        return await self._on_training("record_session", change)

    async def onboard(
        self, *, staff_id: str, tilbud_id: str, on: str, expectations_included: bool, actor: str
    ) -> Outcome:
        """Record a staff member's onboarding, once each, which includes the expectations."""
        self.require_tilbud(tilbud_id)

        def change(training: Training) -> None:
            training.onboard(staff_id, tilbud_id, on, expectations_included, actor)

        return await self._on_training("onboard", change)
