"""Wire case events for tests, with sensible defaults."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from shared.contracts import cases as wire

NOW = datetime(2031, 3, 1, 9, 0, tzinfo=UTC)


class CaseStream:
    """Builds the events of one case with increasing versions and their ce_ids."""

    def __init__(self, tilbud_id: str = "lyngen", case_id: UUID | None = None) -> None:
        self.case_id = case_id or uuid4()
        self.tilbud_id = tilbud_id
        self.version = 0

    def _next(self, model: type[wire.CaseEvent], **fields: Any) -> tuple[str, wire.CaseEvent]:
        self.version += 1
        event = model(
            case_id=self.case_id,
            case_version=self.version,
            tilbud_id=self.tilbud_id,
            occurred_at=fields.pop("at", NOW),
            actor="anna",
            **fields,
        )
        return f"{self.case_id}:{self.version}", event

    def opened(self, planned_move_in: date | None = date(2031, 5, 1)) -> tuple[str, Any]:
        return self._next(
            wire.CaseOpened,
            citizen_ref="ref",
            setting="residential_offer",
            planned_move_in=planned_move_in,
        )

    def relative(self, rid: str, email: str | None = None, **fields: Any) -> tuple[str, Any]:
        channels = fields.pop("channels", {"email": email or f"{rid}@example.dk"})
        return self._next(
            wire.RelativeAdded,
            relative_id=rid,
            display_name=f"Navn {rid}",
            relation="daughter",
            legal_role="none",
            channels=channels,
            **fields,
        )

    def consent(self, rid: str, scope: str = "send_messages") -> tuple[str, Any]:
        return self._next(wire.ConsentGranted, relative_id=rid, scope=scope, form="written")

    def withdraw(self, rid: str, scope: str = "send_messages") -> tuple[str, Any]:
        return self._next(wire.ConsentWithdrawn, relative_id=rid, scope=scope, form="written")

    def removed(self, rid: str) -> tuple[str, Any]:
        return self._next(wire.RelativeRemoved, relative_id=rid)

    def leader(self, user: str = "lone") -> tuple[str, Any]:
        return self._next(wire.LeaderAssigned, leader=user)

    def level(self, level: int) -> tuple[str, Any]:
        return self._next(
            wire.LevelAssessed,
            level=level,
            direction="escalation",
            characteristics=[],
            by_system=False,
        )

    def incident(self) -> tuple[str, Any]:
        return self._next(wire.IncidentReported, incident_id="i1", kind="threat", incident_at=NOW)

    def move_in(self, invitees: list[str]) -> tuple[str, Any]:
        return self._next(
            wire.MoveInConversationScheduled,
            conversation_at=NOW + timedelta(days=10),
            invitee_relative_ids=invitees,
        )

    def complaint(self, complainant: str, cid: str = "k1") -> tuple[str, Any]:
        return self._next(
            wire.ComplaintReceived,
            complaint_id=cid,
            received_at=NOW,
            first_contact_deadline=NOW + timedelta(hours=24),
            complainant=complainant,
            channel="phone",
        )

    def first_contact(self, cid: str = "k1") -> tuple[str, Any]:
        return self._next(wire.ComplaintFirstContactRecorded, complaint_id=cid, contacted_at=NOW)
