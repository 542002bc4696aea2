"""Anti-corruption layer: ``pkraft.cases.v1`` wire events into this service's case facts.

Every case event type the cases contract registers is either translated here
(``TRANSLATORS``) or named as one that only makes the case known (``NOTICED_ONLY``); a
test keeps the two lists complete, so a new cases event is a decision, not an accident.
A value the domain does not know (a consent scope, a channel kind) is refused with
:class:`UntranslatableEvent`, naming the event type, the field and the allowed values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from services.communication.domain import case_facts as facts
from shared.contracts import cases as wire


class UntranslatableEvent(ValueError):
    """A case event this service cannot turn into a fact (it is dead-lettered)."""


E = TypeVar("E", bound=StrEnum)


def _value(enum: type[E], event: wire.CaseEvent, field: str, value: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise UntranslatableEvent(
            f"{event.name}: {field} {value!r} is not one of {allowed}"
        ) from None


def _kinds(event: wire.CaseEvent, kinds: list[str]) -> tuple[facts.ChannelKind, ...]:
    return tuple(_value(facts.ChannelKind, event, "channel_kinds", k) for k in kinds)


def _preferred(event: wire.CaseEvent, kind: str | None) -> facts.ChannelKind | None:
    return None if kind is None else _value(facts.ChannelKind, event, "preferred_channel", kind)


def _scope(event: wire.CaseEvent, scope: str) -> facts.ConsentScope:
    return _value(facts.ConsentScope, event, "scope", scope)


def _base(e: wire.CaseEvent) -> dict[str, Any]:
    return {"case_id": str(e.case_id), "tilbud_id": e.tilbud_id, "occurred_at": e.occurred_at}


def _relative_updated(e: wire.RelativeUpdated) -> facts.RelativeUpdated:
    kinds = None if e.channel_kinds is None else _kinds(e, e.channel_kinds)
    return facts.RelativeUpdated(
        **_base(e),
        relative_id=e.relative_id,
        channel_kinds=kinds,
        preferred_channel=_preferred(e, e.preferred_channel),
    )


TRANSLATORS: Mapping[type[wire.CaseEvent], Callable[[Any], facts.CaseFact]] = {
    wire.CaseOpened: lambda e: facts.CaseOpened(**_base(e), planned_move_in=e.planned_move_in),
    wire.CaseClosed: lambda e: facts.CaseClosed(**_base(e)),
    wire.CaseReopened: lambda e: facts.CaseReopened(**_base(e)),
    wire.RelativeAdded: lambda e: facts.RelativeAdded(
        **_base(e),
        relative_id=e.relative_id,
        channel_kinds=_kinds(e, e.channel_kinds),
        preferred_channel=_preferred(e, e.preferred_channel),
    ),
    wire.RelativeUpdated: _relative_updated,
    wire.RelativeRemoved: lambda e: facts.RelativeRemoved(**_base(e), relative_id=e.relative_id),
    wire.ConsentGranted: lambda e: facts.ConsentGranted(
        **_base(e), relative_id=e.relative_id, scope=_scope(e, e.scope)
    ),
    wire.ConsentWithdrawn: lambda e: facts.ConsentWithdrawn(
        **_base(e), relative_id=e.relative_id, scope=_scope(e, e.scope)
    ),
    wire.LeaderAssigned: lambda e: facts.LeaderAssigned(**_base(e), leader=e.leader),
    wire.MoveInConversationScheduled: lambda e: facts.MoveInConversationScheduled(
        **_base(e),
        conversation_at=e.conversation_at,
        invitee_relative_ids=tuple(e.invitee_relative_ids),
        citizen_invited=e.citizen_invited,
    ),
    wire.LevelAssessed: lambda e: facts.LevelAssessed(**_base(e), level=e.level),
    wire.IncidentReported: lambda e: facts.IncidentReported(**_base(e), kind=e.kind),
    wire.ComplaintReceived: lambda e: facts.ComplaintReceived(
        **_base(e),
        complaint_id=e.complaint_id,
        first_contact_deadline=e.first_contact_deadline,
        complainant=e.complainant,
    ),
    wire.ComplaintFirstContactRecorded: lambda e: facts.ComplaintFirstContactRecorded(
        **_base(e), complaint_id=e.complaint_id
    ),
}

# Nothing in these matters to messages: the contact person's name and an erased
# relative's state are asked of the cases API at sending time; the rest is case work.
NOTICED_ONLY: frozenset[type[wire.CaseEvent]] = frozenset(
    {
        wire.RelativeLinkedToPerson,
        wire.MoveInConversationHeld,
        wire.AgreementMade,
        wire.AgreementKept,
        wire.AgreementBroken,
        wire.HandlingPlanSet,
        wire.HandlingPlanReviewed,
        wire.ComplaintResolved,
        wire.DialogueNoted,
        wire.HandoverRecorded,
        wire.NetworkRelationRecorded,
        wire.SubjectErased,
        wire.ContactPersonAssigned,
        wire.RelativesInvolved,
    }
)


def translate(event: wire.CaseEvent) -> facts.CaseFact:
    """The fact ``event`` tells this service; :class:`UntranslatableEvent` if none."""
    translator = TRANSLATORS.get(type(event))
    if translator is not None:
        return translator(event)
    if type(event) in NOTICED_ONLY:
        return facts.CaseNoticed(**_base(event))
    raise UntranslatableEvent(f"{event.name}: no translation into a case fact")


def parse(ce_type: str, data: dict[str, Any]) -> facts.CaseFact | None:
    """Parse a CloudEvent's payload with the cases contract and translate it.

    None for a type the contract does not know (a newer event, the relay's checkpoint):
    nothing to do for it. A payload the contract refuses raises pydantic's
    ``ValidationError``; a known type that is not a case event, or a value the domain
    does not know, raises :class:`UntranslatableEvent`.
    """
    model = wire.registry.model_for(ce_type)
    if model is None:
        return None
    parsed = model.model_validate(data)
    if not isinstance(parsed, wire.CaseEvent):
        raise UntranslatableEvent(f"{ce_type} is not a case event")
    return translate(parsed)
