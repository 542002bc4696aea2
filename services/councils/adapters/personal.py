"""Which stored fields of the councils events are personal data, and whose.

Every field of every event of every councils aggregate is declared here, as personal
(with the data subject it belongs to) or as public (ids, codes, dates, seat numbers, the
council's frame, staff user ids, relative ids). A unit test fails when an event gains a
field that is neither. Personal: the name of a candidate (given at nomination) or an
appointed member, under that person's key; the agendas and minutes of meetings and the
free text of budget applications, under the council's (or application's) text key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.councils.domain.conduct import CodeOfConduct
from services.councils.domain.council import Council
from services.councils.domain.council_privacy import person_subject, text_subject
from services.councils.domain.electorate import Electorate
from services.councils.domain.follow_group import FollowGroup
from services.councils.domain.leader_hiring import LeaderHirings
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.domain.training import Training
from shared.privacy.declaration import EventPrivacy, Personal, SubjectRule

AGGREGATES: dict[str, type] = {
    "CodeOfConduct": CodeOfConduct,
    "Council": Council,
    "Electorate": Electorate,
    "FollowGroup": FollowGroup,
    "LeaderHirings": LeaderHirings,
    "ParticipantBudgetPool": ParticipantBudgetPool,
    "Training": Training,
}


def member(aggregate_id: str, state: Mapping[str, Any]) -> str:
    return person_subject(aggregate_id, str(state["person_ref"]))


def candidate(aggregate_id: str, state: Mapping[str, Any]) -> str:
    return person_subject(aggregate_id, str(state["relative_id"]))


def council_text(aggregate_id: str, state: Mapping[str, Any]) -> str:
    return text_subject(aggregate_id)


def application_text(aggregate_id: str, state: Mapping[str, Any]) -> str:
    return text_subject(aggregate_id, str(state["application_id"]))


def _p(public: str, rule: SubjectRule | None = None, *paths: str) -> EventPrivacy:
    personal = tuple(Personal(p, rule) for p in paths) if rule is not None else ()
    return EventPrivacy(personal=personal, public=frozenset(public.split()))


PERSONAL_FIELDS: dict[str, EventPrivacy] = {
    "Council.Formed": _p(
        "tilbud_id kind frame seats agreement relatives_council_declined_on actor"
    ),
    "Council.FrameChanged": _p("frame actor"),
    "Council.SeatsAgreed": _p("seats agreement actor"),
    "Council.MemberAppointed": _p(
        "member_id kind person_ref term_start term_end actor", member, "name"
    ),
    "Council.MemberResigned": _p("member_id on successor actor"),
    "Council.DepartmentHeadChanged": _p("member_id person_ref on actor"),
    "Council.ElectionScheduled": _p("election_id held_on round seats_up actor"),
    "Council.CandidateNominated": _p("election_id relative_id actor", candidate, "name"),
    "Council.VotingOpened": _p("election_id actor"),
    "Council.VoteCast": _p("election_id voter_id candidate_id actor"),
    "Council.ElectionClosed": _p("election_id result actor"),
    "Council.MeetingScheduled": _p("meeting_id kind at actor", council_text, "agenda[]"),
    "Council.MinutesRecorded": _p("meeting_id attendees actor", council_text, "minutes"),
    "Council.SubjectErased": _p("subject_id reason actor"),
    "Electorate.Started": _p("tilbud_id"),
    "Electorate.CaseFactApplied": _p("case_id case_version fact relative_id incarnation person_id"),
    "FollowGroup.Formed": _p("name actor"),
    "FollowGroup.MemberAdded": _p("member_id person_ref role actor"),
    "FollowGroup.MemberRemoved": _p("member_id actor"),
    # The code of conduct's text is the programme's own published rule text, not about a
    # person; who acknowledged is named by id (staff user id, relative id).
    "CodeOfConduct.Started": _p(""),
    "CodeOfConduct.VersionAdopted": _p("number text adopted_on actor member_id decided_as"),
    "CodeOfConduct.Acknowledged": _p("number kind person_id tilbud_id on actor"),
    # Leader hirings and training name people by staff id only; positions, forms of
    # involvement and courses are codes, the relatives who took part are counts.
    "LeaderHirings.Started": _p("centre_id"),
    "LeaderHirings.HiringRecorded": _p(
        "centre_id hiring_id position hired_on relatives decided_by actor"
    ),
    "Training.Started": _p(""),
    "Training.SessionHeld": _p("session_id course audience held_on participants actor"),
    "Training.Onboarded": _p("staff_id tilbud_id on actor"),
    "ParticipantBudgetPool.Opened": _p("year amount actor"),
    "ParticipantBudgetPool.ApplicationReceived": _p(
        "application_id council_id amount initiators actor", application_text, "activity"
    ),
    "ParticipantBudgetPool.Granted": _p("application_id amount actor member_id decided_as"),
    "ParticipantBudgetPool.Rejected": _p(
        "application_id actor member_id decided_as", application_text, "reason"
    ),
    "ParticipantBudgetPool.Disbursed": _p("application_id amount actor member_id decided_as"),
    "ParticipantBudgetPool.SpendingReported": _p("application_id spent actor"),
    "ParticipantBudgetPool.ActivityHeld": _p(
        "application_id tilbud_id held_on relatives residents staff cost returned actor",
        application_text,
        "report",
    ),
    "ParticipantBudgetPool.SubjectErased": _p("subject_id reason actor"),
}


def declaration() -> dict[type, EventPrivacy]:
    """The declaration by event class (the mapper's form)."""
    found: dict[type, EventPrivacy] = {}
    for name, spec in PERSONAL_FIELDS.items():
        aggregate, event = name.split(".")
        found[getattr(AGGREGATES[aggregate], event)] = spec
    return found
