"""The ``LeaderHirings`` aggregate: one per citizen centre (borgercentre), the leader
hirings there and how relatives took part (pilot 2021-2022).

A hiring names its position (a code), the date, how relatives took part (counts of
relatives in a focus group before, on seats of the hiring committee, or in another way)
and who decided: the right to hire stays with the department or centre head, so the
decider must be one of the heads the organisation names for the centre
(``not_hiring_authority``). A hiring id is recorded once (``hiring_exists``). A hiring
is "with relatives" when any count is above zero. The target: at least
``TARGET_PER_CENTRE`` hirings with relatives per centre dated within the pilot period.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.councils.domain.validation import (
    require_count,
    require_enum,
    require_iso_date,
    require_new_id,
    require_text,
)
from shared.errors import DomainError
from shared.reference.programme import (
    LEADER_HIRING_PILOT_FROM,
    LEADER_HIRING_PILOT_TO,
    LEADER_HIRING_TARGET_PER_CENTRE,
)

NAMESPACE = UUID("5b1f0c2e-8a47-4d3b-9e61-2f7c9a0d4b18")
PILOT_FROM, PILOT_TO = LEADER_HIRING_PILOT_FROM, LEADER_HIRING_PILOT_TO
TARGET_PER_CENTRE = LEADER_HIRING_TARGET_PER_CENTRE
MAX_RELATIVES = 100


class Position(StrEnum):
    CENTRE_HEAD = "centre_head"
    TILBUD_LEADER = "tilbud_leader"
    DEPUTY_LEADER = "deputy_leader"
    TEAM_LEADER = "team_leader"
    OTHER = "other"


class Involvement(StrEnum):
    FOCUS_GROUP = "focus_group"
    HIRING_COMMITTEE = "hiring_committee"
    OTHER = "other"


class LeaderHirings(Aggregate):
    """The leader hirings of one citizen centre."""

    @staticmethod
    def create_id(centre_id: str) -> UUID:
        return uuid5(NAMESPACE, f"leader-hirings:{centre_id}")

    @event("Started")
    def __init__(self, centre_id: str) -> None:
        self.centre_id = centre_id
        self.hirings: dict[str, dict[str, Any]] = {}

    def record(
        self,
        hiring_id: str,
        position: str,
        hired_on: str,
        relatives: Mapping[str, int],
        decided_by: str,
        heads: Collection[str],
        actor: str,
    ) -> None:
        """Record a hiring; ``heads``: the staff ids with the right to hire here."""
        hiring_id = require_new_id(hiring_id, self.hirings, "hiring_exists", "hiring_id")
        counts = {
            require_enum(Involvement, k, "invalid_involvement", "relatives"): require_count(
                v, f"relatives.{k}", maximum=MAX_RELATIVES
            )
            for k, v in relatives.items()
        }
        decided_by = require_text(decided_by, "decided_by")
        if decided_by not in heads:
            raise DomainError(
                "not_hiring_authority",
                "The right to hire stays with the department or centre head.",
                decided_by=decided_by,
            )
        self._recorded(
            centre_id=self.centre_id,
            hiring_id=hiring_id,
            position=require_enum(Position, position, "invalid_position", "position"),
            hired_on=require_iso_date(hired_on, "hired_on"),
            relatives=counts,
            decided_by=decided_by,
            actor=require_text(actor, "actor"),
        )

    @event("HiringRecorded")
    def _recorded(
        self,
        centre_id: str,
        hiring_id: str,
        position: str,
        hired_on: str,
        relatives: dict[str, int],
        decided_by: str,
        actor: str,
    ) -> None:
        self.hirings[hiring_id] = {
            "hiring_id": hiring_id,
            "position": position,
            "hired_on": hired_on,
            "relatives": dict(relatives),
            "with_relatives": any(n > 0 for n in relatives.values()),
            "decided_by": decided_by,
        }

    def with_relatives_in_pilot(self) -> int:
        return sum(
            1
            for h in self.hirings.values()
            if h["with_relatives"] and PILOT_FROM <= h["hired_on"] <= PILOT_TO
        )

    def to_state(self) -> dict[str, Any]:
        done = self.with_relatives_in_pilot()
        return {
            "id": self.id,
            "version": self.version,
            "centre_id": self.centre_id,
            "hirings": sorted(self.hirings.values(), key=lambda h: (h["hired_on"], h["hiring_id"])),
            "pilot": {"from": PILOT_FROM, "to": PILOT_TO, "target": TARGET_PER_CENTRE},
            "with_relatives_in_pilot": done,
            "target_met": done >= TARGET_PER_CENTRE,
        }
