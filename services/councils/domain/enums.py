"""Closed vocabularies of the councils domain."""

from __future__ import annotations

from enum import StrEnum


class CouncilKind(StrEnum):
    RELATIVES_COUNCIL = "relatives_council"
    CITIZEN_COUNCIL = "citizen_council"
    RESIDENT_RELATIVES_COUNCIL = "resident_relatives_council"


class MemberKind(StrEnum):
    RELATIVE = "relative"
    CITIZEN = "citizen"
    STAFF = "staff"
    EX_OFFICIO = "ex_officio"


class ElectionStatus(StrEnum):
    NOMINATING = "nominating"
    VOTING = "voting"
    CLOSED = "closed"


class MeetingKind(StrEnum):
    COUNCIL_MEETING = "council_meeting"
    RELATIVES_MEETING = "relatives_meeting"


class ApplicationStatus(StrEnum):
    APPLIED = "applied"
    GRANTED = "granted"
    REJECTED = "rejected"
    DISBURSED = "disbursed"
    SPENDING_REPORTED = "spending_reported"


class FollowGroupRole(StrEnum):
    RELATIVE = "relative"
    STAFF = "staff"
    LEADER = "leader"
    ORGANISATION = "organisation"


class DecidedAs(StrEnum):
    """How a decision for the follow group was taken."""

    MEMBER = "member"  # by a current member of the follow group
    LEADER = "leader"  # by a leader acting for the group
