"""The code of conduct (kodeks): versions adopted by the follow group, acknowledgements."""

from __future__ import annotations

from services.councils.application.writer import CouncilWriter, Outcome
from services.councils.domain.conduct import CodeOfConduct


class ConductCommands(CouncilWriter):
    """The one code of conduct, started on first use."""

    async def adopt_code_version(
        self,
        *,
        text: str,
        adopted_on: str,
        actor: str,
        actor_is_leader: bool = False,
        expected_version: int | None = None,
    ) -> Outcome:
        """The follow group (a member or a leader acting for it) adopts a new version;
        everyone is asked to acknowledge again. Answers the version's number."""

        def change(code: CodeOfConduct) -> int:
            return code.adopt(text, adopted_on, self.app.decider(actor, actor_is_leader))

        return await self._on_singleton(
            "code_of_conduct",
            "adopt",
            CodeOfConduct.create_id(),
            expected_version,
            CodeOfConduct,
            change,
        )

    async def acknowledge_code(
        self, *, version: int, kind: str, person_id: str, tilbud_id: str, on: str, actor: str
    ) -> Outcome:
        """Acknowledge the current version, once per person (staff or relative)."""

        def change(code: CodeOfConduct) -> None:
            code.acknowledge(version, kind, person_id, tilbud_id, on, actor=actor)

        return await self._on_singleton(
            "code_of_conduct", "acknowledge", CodeOfConduct.create_id(), None, CodeOfConduct, change
        )
