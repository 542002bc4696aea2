"""Maps internal events onto the public wire contracts (``pkraft.councils.v1``).

Votes, the frame's text, minutes, activities and reasons stay internal; so does the
electorate (it is derived from the cases topic).
"""

from __future__ import annotations

from typing import Any

from shared.contracts import councils as wire
from shared.contracts.mapping import Contract, Ids, Mapper, WireMapping, ids
from shared.kafka.cloudevents import OutboundRecord
from shared.relay.relay import event_translator


def _decided(e: Any) -> dict[str, Any]:
    # Who decided for the follow group, by id (events stored before lack both fields).
    return {
        "decided_as": getattr(e, "decided_as", None),
        "decided_by_member_id": getattr(e, "member_id", None),
    }


def _member_left(e: Any) -> dict[str, Any]:
    successor = e.successor or {}
    return dict(
        member_id=e.member_id,
        left_on=e.on,
        reason="resigned",
        successor_member_id=successor.get("member_id"),
        successor_relative_id=successor.get("relative_id"),
    )


def _election_closed(e: Any) -> dict[str, Any]:
    r = e.result
    return dict(
        election_id=e.election_id,
        elected=[wire.ElectedMember(**m) for m in r["elected"]],
        substitutes=r["substitutes"],
        tally=r["tally"],
        seed=r["seed"],
        draw_order=r["draw_order"],
    )


COUNCIL: dict[str, Mapper] = {
    "Formed": Contract(
        wire.CouncilFormed,
        lambda e: dict(kind=e.kind, seats=e.seats, department_head=e.agreement["department_head"]),
    ),
    "SeatsAgreed": Contract(wire.SeatsAgreed, lambda e: dict(seats=e.seats, **e.agreement)),
    "MemberAppointed": Contract(
        wire.MemberJoined,
        lambda e: dict(
            member_id=e.member_id,
            kind=e.kind,
            person_ref=e.person_ref,
            seat=e.kind,
            term_start=e.term_start,
            term_end=e.term_end,
            how="appointed",
        ),
    ),
    "MemberResigned": Contract(wire.MemberLeft, _member_left),
    "DepartmentHeadChanged": Contract(
        wire.MemberJoined,
        lambda e: dict(
            member_id=e.member_id,
            kind="ex_officio",
            person_ref=e.person_ref,
            seat="ex_officio",
            term_start=e.on,
            how="ex_officio",
        ),
    ),
    "ElectionScheduled": Contract(
        wire.ElectionScheduled,
        lambda e: dict(
            election_id=e.election_id, held_on=e.held_on, round=e.round, seats_up=e.seats_up
        ),
    ),
    "CandidateNominated": Contract(
        wire.CandidateNominated,
        lambda e: dict(election_id=e.election_id, relative_id=e.relative_id),
    ),
    "VotingOpened": Contract(wire.VotingOpened, lambda e: dict(election_id=e.election_id)),
    "ElectionClosed": Contract(wire.ElectionClosed, _election_closed),
    "MeetingScheduled": Contract(
        wire.MeetingScheduled,
        lambda e: dict(
            meeting_id=e.meeting_id, kind=e.kind, meeting_at=e.at, agenda_item_count=len(e.agenda)
        ),
    ),
    "MinutesRecorded": Contract(
        wire.MinutesRecorded,
        lambda e: dict(meeting_id=e.meeting_id, attendee_count=len(e.attendees)),
    ),
}

POOL: dict[str, Mapper] = {
    "Opened": Contract(wire.PoolOpened, lambda e: dict(amount_kr=e.amount)),
    "ApplicationReceived": Contract(
        wire.BudgetApplied,
        lambda e: dict(
            application_id=e.application_id,
            council_id=e.council_id,
            amount_kr=e.amount,
            initiator_ids=e.initiators,
        ),
    ),
    "Granted": Contract(
        wire.BudgetGranted,
        lambda e: dict(**_decided(e), application_id=e.application_id, amount_kr=e.amount),
    ),
    "Rejected": Contract(
        wire.BudgetRejected, lambda e: dict(**_decided(e), application_id=e.application_id)
    ),
    "Disbursed": Contract(
        wire.BudgetDisbursed,
        lambda e: dict(**_decided(e), application_id=e.application_id, amount_kr=e.amount),
    ),
    "SpendingReported": Contract(
        wire.SpendingReported, lambda e: dict(application_id=e.application_id, spent_kr=e.spent)
    ),
    "ActivityHeld": Contract(
        wire.ActivityHeld,
        lambda e: dict(
            application_id=e.application_id,
            tilbud_id=e.tilbud_id,
            held_on=e.held_on,
            relatives_count=e.relatives,
            residents_count=e.residents,
            staff_count=e.staff,
            cost_kr=e.cost,
            returned_kr=e.returned,
        ),
    ),
}

GROUP: dict[str, Mapper] = {
    "MemberAdded": Contract(
        wire.FollowGroupMemberAdded,
        lambda e: dict(member_id=e.member_id, person_ref=e.person_ref, role=e.role),
    ),
    "MemberRemoved": Contract(wire.FollowGroupMemberRemoved, lambda e: dict(member_id=e.member_id)),
}


CONDUCT: dict[str, Mapper] = {
    "VersionAdopted": Contract(
        wire.CodeOfConductAdopted,
        lambda e: dict(**_decided(e), version_number=e.number, adopted_on=e.adopted_on),
    ),
    "Acknowledged": Contract(
        wire.CodeOfConductAcknowledged,
        lambda e: dict(
            version_number=e.number,
            person_kind=e.kind,
            person_id=e.person_id,
            tilbud_id=e.tilbud_id,
            acknowledged_on=e.on,
        ),
    ),
}


HIRINGS: dict[str, Mapper] = {
    "HiringRecorded": Contract(
        wire.LeaderHiringRecorded,
        lambda e: dict(
            centre_id=e.centre_id,
            hiring_id=e.hiring_id,
            position=e.position,
            hired_on=e.hired_on,
            relatives_focus_group=e.relatives.get("focus_group", 0),
            relatives_hiring_committee=e.relatives.get("hiring_committee", 0),
            relatives_other=e.relatives.get("other", 0),
            decided_by=e.decided_by,
        ),
    ),
}

TRAINING: dict[str, Mapper] = {
    "SessionHeld": Contract(
        wire.TrainingSessionHeld,
        lambda e: dict(
            session_id=e.session_id,
            course=e.course,
            audience=e.audience,
            held_on=e.held_on,
            participants=[
                wire.TrainingParticipant(staff_id=s, tilbud_id=t) for s, t in e.participants
            ],
        ),
    ),
    "Onboarded": Contract(
        wire.StaffOnboarded,
        lambda e: dict(staff_id=e.staff_id, tilbud_id=e.tilbud_id, onboarded_on=e.on),
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


def _mappers_of(event: Any) -> tuple[dict[str, Mapper], Ids]:
    aggregate = type(event).__qualname__.rpartition(".")[0]
    return AGGREGATES.get(aggregate, ({}, ids("follow_group")))


to_wire = WireMapping(_mappers_of)
"""The public contract for an internal event (None for events that stay internal); its
``data`` is the contract's JSON data, for the relay."""


def to_record(event: Any, topic: str) -> OutboundRecord | None:
    """The CloudEvent record of an internal event (None for events that stay internal)."""
    return event_translator(to_wire, topic, wire.SOURCE)(event)
