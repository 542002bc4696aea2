"""Activities started by relatives (part of ``ParticipantBudgetPool``).

A granted participant budget leads to an activity. Once it has taken place, the council
records it: the date, who took part (counts of relatives, residents and staff), what it
cost and a short report. One activity per granted application; its cost never exceeds
the grant (``activity_cost_exceeds_grant``). What was granted and not spent returns to
the pool once, with the activity: the pool's granted total falls by the unspent part,
which is never below zero and never returned twice (a second record is refused with
``activity_already_recorded``).
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import event

from services.councils.domain.enums import ApplicationStatus as S
from services.councils.domain.validation import (
    require_count,
    require_iso_date,
    require_known,
    require_text,
)
from shared.errors import DomainError

Record = dict[str, Any]
HELD_AFTER = frozenset({S.GRANTED.value, S.DISBURSED.value, S.SPENDING_REPORTED.value})
MAX_PARTICIPANTS = 100_000


class ActivitiesPart:
    """The activities held with the pool's grants."""

    applications: dict[str, Record]
    granted_total: int

    def record_activity(
        self,
        application_id: str,
        tilbud_id: str,
        held_on: str,
        participants: dict[str, int],
        cost: int,
        report: str,
        actor: str,
    ) -> int:
        """Record the activity of a granted budget; answers the amount returned."""
        require_known(application_id, self.applications, "application")
        application = self.applications[application_id]
        if application["status"] not in HELD_AFTER:
            raise DomainError(
                "not_granted",
                "Only a granted budget leads to an activity.",
                status=application["status"],
            )
        if application.get("held") is not None:
            raise DomainError(
                "activity_already_recorded", "The activity of this grant is recorded."
            )
        cost = require_count(cost, "cost")
        if cost > application["granted"]:
            raise DomainError(
                "activity_cost_exceeds_grant",
                "An activity cannot cost more than was granted.",
                granted=application["granted"],
                cost=cost,
            )
        counts = {
            k: require_count(participants.get(k, 0), k, maximum=MAX_PARTICIPANTS)
            for k in ("relatives", "residents", "staff")
        }
        returned = int(application["granted"]) - cost
        self._activity_held(
            application_id=application_id,
            tilbud_id=require_text(tilbud_id, "tilbud_id"),
            held_on=require_iso_date(held_on, "held_on"),
            **counts,
            cost=cost,
            returned=returned,
            report=require_text(report, "report"),
            actor=require_text(actor, "actor"),
        )
        return returned

    @event("ActivityHeld")
    def _activity_held(
        self,
        application_id: str,
        tilbud_id: str,
        held_on: str,
        relatives: int,
        residents: int,
        staff: int,
        cost: int,
        returned: int,
        report: str,
        actor: str,
    ) -> None:
        self.applications[application_id]["held"] = {
            "tilbud_id": tilbud_id,
            "held_on": held_on,
            "participants": {"relatives": relatives, "residents": residents, "staff": staff},
            "cost": cost,
            "returned": returned,
            "report": report,
        }
        self.granted_total -= returned

    def activities(self, tilbud_id: str | None = None, with_report: bool = False) -> list[Record]:
        """The activities held (the inspiration list), optionally of one tilbud."""
        found = []
        for application in self.applications.values():
            held = application.get("held")
            if held is None or (tilbud_id is not None and held["tilbud_id"] != tilbud_id):
                continue
            row = {
                "application_id": application["application_id"],
                "council_id": application["council_id"],
                "granted": application["granted"],
                **{k: v for k, v in held.items() if k != "report"},
            }
            if with_report:
                row["report"] = held["report"]
            found.append(row)
        return sorted(found, key=lambda r: (r["held_on"], r["application_id"]))


def forget_report(application: Record) -> None:
    """Erasure drops the activity's report with the application's other free text."""
    if application.get("held") is not None:
        application["held"]["report"] = None
