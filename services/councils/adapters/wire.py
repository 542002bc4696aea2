"""Maps internal events onto the public wire contracts (``pkraft.councils.v1``).

Votes, the frame's text, minutes, activities and reasons stay internal; so does the
electorate (it is derived from the cases topic).
"""

from __future__ import annotations

from typing import Any

from shared.contracts import councils as wire
from shared.contracts.base import WireEvent
from shared.contracts.mapping import Ids, Mapper, ids, translate
from shared.kafka.cloudevents import OutboundRecord
from shared.relay.relay import event_translator


def _decided(e: Any) -> dict[str, Any]:
    # Who decided for the follow group, by id (events stored before lack both fields).
    return {
        "decided_as": getattr(e, "decided_as", None),
        "decided_by_member_id": getattr(e, "member_id", None),
    }


def _member_left(e: Any, c: dict[str, Any]) -> WireEvent:
    successor = e.successor or {}
    return wire.MemberLeft(
        **c,
        member_id=e.member_id,
        left_on=e.on,
        reason="resigned",
        successor_member_id=successor.get("member_id"),
        successor_relative_id=successor.get("relative_id"),
    )


def _election_closed(e: Any, c: dict[str, Any]) -> WireEvent:
    r = e.result
    return wire.ElectionClosed(
        **c,
        election_id=e.election_id,
        elected=[wire.ElectedMember(**m) for m in r["elected"]],
        substitutes=r["substitutes"],
        tally=r["tally"],
        seed=r["seed"],
        draw_order=r["draw_order"],
    )


COUNCIL: dict[str, Mapper] = {
    "Formed": lambda e, c: wire.CouncilFormed(
        **c, kind=e.kind, seats=e.seats, department_head=e.agreement["department_head"]
    ),
    "SeatsAgreed": lambda e, c: wire.SeatsAgreed(**c, seats=e.seats, **e.agreement),
    "MemberAppointed": lambda e, c: wire.MemberJoined(
        **c,
        member_id=e.member_id,
        kind=e.kind,
        person_ref=e.person_ref,
        seat=e.kind,
        term_start=e.term_start,
        term_end=e.term_end,
        how="appointed",
    ),
    "MemberResigned": _member_left,
    "DepartmentHeadChanged": lambda e, c: wire.MemberJoined(
        **c,
        member_id=e.member_id,
        kind="ex_officio",
        person_ref=e.person_ref,
        seat="ex_officio",
        term_start=e.on,
        how="ex_officio",
    ),
    "ElectionScheduled": lambda e, c: wire.ElectionScheduled(
        **c, election_id=e.election_id, held_on=e.held_on, round=e.round, seats_up=e.seats_up
    ),
    "CandidateNominated": lambda e, c: wire.CandidateNominated(
        **c, election_id=e.election_id, relative_id=e.relative_id
    ),
    "VotingOpened": lambda e, c: wire.VotingOpened(**c, election_id=e.election_id),
    "ElectionClosed": _election_closed,
    "MeetingScheduled": lambda e, c: wire.MeetingScheduled(
        **c, meeting_id=e.meeting_id, kind=e.kind, meeting_at=e.at, agenda_item_count=len(e.agenda)
    ),
    "MinutesRecorded": lambda e, c: wire.MinutesRecorded(
        **c, meeting_id=e.meeting_id, attendee_count=len(e.attendees)
    ),
}

POOL: dict[str, Mapper] = {
    "Opened": lambda e, c: wire.PoolOpened(**c, amount_kr=e.amount),
    "ApplicationReceived": lambda e, c: wire.BudgetApplied(
        **c,
        application_id=e.application_id,
        council_id=e.council_id,
        amount_kr=e.amount,
        initiator_ids=e.initiators,
    ),
    "Granted": lambda e, c: wire.BudgetGranted(
        **c, **_decided(e), application_id=e.application_id, amount_kr=e.amount
    ),
    "Rejected": lambda e, c: wire.BudgetRejected(
        **c, **_decided(e), application_id=e.application_id
    ),
    "Disbursed": lambda e, c: wire.BudgetDisbursed(
        **c, **_decided(e), application_id=e.application_id, amount_kr=e.amount
    ),
    "SpendingReported": lambda e, c: wire.SpendingReported(
        **c, application_id=e.application_id, spent_kr=e.spent
    ),
    "ActivityHeld": lambda e, c: wire.ActivityHeld(
        **c,
        application_id=e.application_id,
        tilbud_id=e.tilbud_id,
        held_on=e.held_on,
        relatives_count=e.relatives,
        residents_count=e.residents,
        staff_count=e.staff,
        cost_kr=e.cost,
        returned_kr=e.returned,
    ),
}

GROUP: dict[str, Mapper] = {
    "MemberAdded": lambda e, c: wire.FollowGroupMemberAdded(
        **c, member_id=e.member_id, person_ref=e.person_ref, role=e.role
    ),
    "MemberRemoved": lambda e, c: wire.FollowGroupMemberRemoved(**c, member_id=e.member_id),
}


CONDUCT: dict[str, Mapper] = {
    "VersionAdopted": lambda e, c: wire.CodeOfConductAdopted(
        **c, **_decided(e), version_number=e.number, adopted_on=e.adopted_on
    ),
    "Acknowledged": lambda e, c: wire.CodeOfConductAcknowledged(
        **c,
        version_number=e.number,
        person_kind=e.kind,
        person_id=e.person_id,
        tilbud_id=e.tilbud_id,
        acknowledged_on=e.on,
    ),
}


HIRINGS: dict[str, Mapper] = {
    "HiringRecorded": lambda e, c: wire.LeaderHiringRecorded(
        **c,
        centre_id=e.centre_id,
        hiring_id=e.hiring_id,
        position=e.position,
        hired_on=e.hired_on,
        relatives_focus_group=e.relatives.get("focus_group", 0),
        relatives_hiring_committee=e.relatives.get("hiring_committee", 0),
        relatives_other=e.relatives.get("other", 0),
        decided_by=e.decided_by,
    ),
}

TRAINING: dict[str, Mapper] = {
    "SessionHeld": lambda e, c: wire.TrainingSessionHeld(
        **c,
        session_id=e.session_id,
        course=e.course,
        audience=e.audience,
        held_on=e.held_on,
        participants=[wire.TrainingParticipant(staff_id=s, tilbud_id=t) for s, t in e.participants],
    ),
    "Onboarded": lambda e, c: wire.StaffOnboarded(
        **c, staff_id=e.staff_id, tilbud_id=e.tilbud_id, onboarded_on=e.on
    ),
}


AGGREGATES: dict[str, tuple[dict[str, Mapper], Ids]] = {
    "Council": (COUNCIL, ids("council", tilbud_id="")),
    "ParticipantBudgetPool": (POOL, ids("pool", year=0)),
    "FollowGroup": (GROUP, ids("follow_group")),
    "CodeOfConduct": (CONDUCT, ids("code_of_conduct")),
    "LeaderHirings": (HIRINGS, ids("leader_hirings")),
    "Training": (TRAINING, ids("training")),
}


def to_wire(event: Any) -> WireEvent | None:
    """The public contract for an internal event (None for events that stay internal)."""
    aggregate = type(event).__qualname__.rpartition(".")[0]
    mappers, ids_of = AGGREGATES.get(aggregate, ({}, ids("follow_group")))
    return translate(event, mappers, ids_of)


def to_record(event: Any, topic: str) -> OutboundRecord | None:
    """The CloudEvent record of an internal event (None for events that stay internal)."""
    return event_translator(to_wire, topic, wire.SOURCE)(event)
