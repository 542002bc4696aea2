"""Translates ``pkraft.cases.v1`` events into electorate facts.

A relative is in a tilbud's electorate while they are a relative on an open case there:
only case opened/closed/reopened, relative added/removed and a relative linked to a
person (one person, one vote) matter. Every known case
event is still validated against its contract, so a malformed one is dead-lettered.
"""

from __future__ import annotations

from typing import Any

from services.councils.application import CouncilCommands
from shared.contracts import cases
from shared.eventid import parse_event_id
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import Delivery, Handler, MalformedEvent
from shared.logging import get_logger
from shared.sourcechain import CHECKPOINT_TYPE

log = get_logger(__name__)

FACTS: dict[type[cases.CaseEvent], str] = {
    cases.CaseOpened: "opened",
    cases.CaseClosed: "closed",
    cases.CaseReopened: "reopened",
    cases.RelativeAdded: "relative_added",
    cases.RelativeRemoved: "relative_removed",
    cases.RelativeLinkedToPerson: "relative_linked_to_person",
}


def electorate_fact(event: InboundEvent) -> dict[str, Any] | None:
    """The electorate fact in a case event, or None when it holds none."""
    model = cases.registry.model_for(event.type)
    if model is None:
        if event.type.startswith("dk.aarhus.pkraft.cases.") or event.type == CHECKPOINT_TYPE:
            return None  # a newer event type: nothing for the electorate
        raise MalformedEvent(f"not a case event: {event.type}")
    parsed = model.model_validate(event.data)
    assert isinstance(parsed, cases.CaseEvent)
    fact = FACTS.get(type(parsed))
    if fact is None:
        return None
    # After a restore of the cases store its events come from a later incarnation.
    parsed_id = parse_event_id(event.id)
    incarnation = (
        {"incarnation": parsed_id.incarnation} if parsed_id and parsed_id.incarnation else {}
    )
    person_id = getattr(parsed, "person_id", None)
    person = {"person_id": str(person_id)} if person_id is not None else {}
    return {
        **incarnation,
        **person,
        "tilbud_id": parsed.tilbud_id,
        "case_id": str(parsed.case_id),
        "case_version": parsed.case_version,
        "fact": fact,
        "relative_id": getattr(parsed, "relative_id", None),
    }


def electorate_handler(commands: CouncilCommands) -> Handler:
    """``when_case_changes_update_electorate``: one subscriber, one application call."""

    async def when_case_changes_update_electorate(event: InboundEvent, delivery: Delivery) -> None:
        fact = electorate_fact(event)
        if fact is None:
            return
        applied = await commands.apply_case_fact(**fact)
        log.info(
            "electorate_fact",
            case_id=fact["case_id"],
            case_version=fact["case_version"],
            fact=fact["fact"],
            applied=applied,
        )

    return when_case_changes_update_electorate
