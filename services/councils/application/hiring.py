"""Relatives in leader hiring (pilot 2021-2022): hirings per citizen centre."""

from __future__ import annotations

from collections.abc import Mapping

from services.councils.application.writer import CouncilWriter, Outcome
from services.councils.domain.leader_hiring import LeaderHirings
from shared.errors import DomainError
from shared.organisation import OrganisationDirectory, load_directory


def heads_of(directory: OrganisationDirectory, centre_id: str) -> list[str]:
    """The staff ids with the right to hire at the centre: its head and its department's
    (422 ``unknown_centre`` for a centre the organisation does not hold)."""
    for dept in directory.tree()["departments"]:
        for centre in dept["centres"]:
            if str(centre["centre_id"]) == centre_id:
                return [str(x["head"]["staff_id"]) for x in (dept, centre) if x.get("head")]
    raise DomainError("unknown_centre", "no such citizen centre", centre_id=centre_id)


class HiringCommands(CouncilWriter):
    """Each centre's hirings, started on first use."""

    def centre_heads(self, centre_id: str) -> list[str]:
        """Who may hire at the centre (422 ``unknown_centre``)."""
        return heads_of(self.organisation or load_directory(), centre_id)

    async def record_hiring(
        self,
        centre_id: str,
        *,
        hiring_id: str,
        position: str,
        hired_on: str,
        relatives: Mapping[str, int],
        decided_by: str,
        actor: str,
    ) -> Outcome:
        """Record a leader hiring at the centre, once, decided by the centre's or its
        department's head, with how relatives took part."""
        heads = self.centre_heads(centre_id)

        def change(hirings: LeaderHirings) -> None:
            hirings.record(hiring_id, position, hired_on, relatives, decided_by, heads, actor)

        return await self._on_singleton(
            "leader_hirings",
            "record",
            LeaderHirings.create_id(centre_id),
            None,
            lambda: LeaderHirings(centre_id),
            change,
        )
