"""Wire case events for tests, with sensible defaults, and what the cases service would
answer about the relatives when a message is sent (:class:`FakeContacts`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from services.communication.adapters.case_events import translate
from services.communication.application.ports import ContactsUnavailable
from services.communication.domain.case_facts import CaseFact
from services.communication.domain.model import Contact
from shared.contracts import cases as wire

NOW = datetime(2031, 3, 1, 9, 0, tzinfo=UTC)


@dataclass
class FakeContacts:
    """The cases service's contact answers, kept in step by :class:`CaseStream` (events
    carry no names or addresses; the sender asks this when it sends)."""

    known: dict[tuple[str, str], Contact] = field(default_factory=dict)
    down: bool = False
    asked: list[tuple[str, str]] = field(default_factory=list)

    async def contact(self, case_id: str, relative_id: str) -> Contact | None:
        self.asked.append((case_id, relative_id))
        if self.down:
            raise ContactsUnavailable("down")
        return self.known.get((case_id, relative_id))

    def change(self, case_id: object, relative_id: str, **changes: Any) -> None:
        key = (str(case_id), relative_id)
        self.known[key] = replace(self.known[key], **changes)

    def erase(self, case_id: object, relative_id: str) -> None:
        self.change(case_id, relative_id, name=None, channels={}, erased=True)


DIRECTORY = FakeContacts()


def as_fact(step: tuple[str, Any]) -> tuple[str, CaseFact]:
    """A built wire event as the consumer hands it on: (ce_id, translated fact)."""
    ce_id, event = step
    return ce_id, translate(event)


class CaseStream:
    """Builds the events of one case with increasing versions and their ce_ids."""

    def __init__(
        self,
        tilbud_id: str = "lyngen",
        case_id: UUID | None = None,
        directory: FakeContacts = DIRECTORY,
    ) -> None:
        self.case_id = case_id or uuid4()
        self.tilbud_id = tilbud_id
        self.version = 0
        self.directory = directory

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
            setting="residential_offer",
            planned_move_in=planned_move_in,
        )

    def relative(self, rid: str, email: str | None = None, **fields: Any) -> tuple[str, Any]:
        channels = fields.pop("channels", {"email": email or f"{rid}@example.dk"})
        self.directory.known[(str(self.case_id), rid)] = Contact(
            name=f"Navn {rid}",
            channels=channels,
            preferred_channel=fields.get("preferred_channel"),
            consents=[],
        )
        return self._next(
            wire.RelativeAdded,
            relative_id=rid,
            legal_role="none",
            channel_kinds=sorted(channels),
            **fields,
        )

    def _consents(self, rid: str) -> list[str]:
        return list(self.directory.known[(str(self.case_id), rid)].consents)

    def consent(self, rid: str, scope: str = "send_messages") -> tuple[str, Any]:
        self.directory.change(self.case_id, rid, consents=[*self._consents(rid), scope])
        return self._next(wire.ConsentGranted, relative_id=rid, scope=scope, form="written")

    def withdraw(self, rid: str, scope: str = "send_messages") -> tuple[str, Any]:
        kept = [c for c in self._consents(rid) if c != scope]
        self.directory.change(self.case_id, rid, consents=kept)
        return self._next(wire.ConsentWithdrawn, relative_id=rid, scope=scope, form="written")

    def removed(self, rid: str) -> tuple[str, Any]:
        self.directory.known.pop((str(self.case_id), rid), None)
        return self._next(wire.RelativeRemoved, relative_id=rid)

    def closed(self) -> tuple[str, Any]:
        return self._next(wire.CaseClosed, reason="moved")

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
