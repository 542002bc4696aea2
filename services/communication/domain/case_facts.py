"""What this service learns about a case, in its own words (pure; no wire models).

The cases service publishes many events; the rules and the projection need a few facts
from some of them. ``adapters/case_events.py`` translates each incoming case event into
one of these (or into :class:`CaseNoticed` when nothing in it matters here), so a change
of the cases contract changes that translator, never a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class ChannelKind(StrEnum):
    """A kind of contact channel a relative has on file (the address stays in cases)."""

    EMAIL = "email"
    PHONE = "phone"
    DIGITAL_POST = "digital_post"
    LETTER = "letter"


class ConsentScope(StrEnum):
    """What a relative's consent covers."""

    SHARE_INFORMATION = "share_information"
    INVITE_TO_MEETINGS = "invite_to_meetings"
    SEND_MESSAGES = "send_messages"


@dataclass(frozen=True, kw_only=True)
class CaseFact:
    """Something that happened on a case: which case, at which tilbud, and when."""

    case_id: str
    tilbud_id: str
    occurred_at: datetime


@dataclass(frozen=True, kw_only=True)
class CaseNoticed(CaseFact):
    """A case event that changes nothing here beyond making the case known."""


@dataclass(frozen=True, kw_only=True)
class CaseOpened(CaseFact):
    planned_move_in: date | None


@dataclass(frozen=True, kw_only=True)
class CaseClosed(CaseFact):
    pass


@dataclass(frozen=True, kw_only=True)
class CaseReopened(CaseFact):
    pass


@dataclass(frozen=True, kw_only=True)
class RelativeAdded(CaseFact):
    relative_id: str
    channel_kinds: tuple[ChannelKind, ...]
    preferred_channel: ChannelKind | None


@dataclass(frozen=True, kw_only=True)
class RelativeUpdated(CaseFact):
    """None: that part did not change."""

    relative_id: str
    channel_kinds: tuple[ChannelKind, ...] | None
    preferred_channel: ChannelKind | None


@dataclass(frozen=True, kw_only=True)
class RelativeRemoved(CaseFact):
    relative_id: str


@dataclass(frozen=True, kw_only=True)
class ConsentGranted(CaseFact):
    relative_id: str
    scope: ConsentScope


@dataclass(frozen=True, kw_only=True)
class ConsentWithdrawn(CaseFact):
    relative_id: str
    scope: ConsentScope


@dataclass(frozen=True, kw_only=True)
class LeaderAssigned(CaseFact):
    leader: str


@dataclass(frozen=True, kw_only=True)
class MoveInConversationScheduled(CaseFact):
    conversation_at: datetime
    invitee_relative_ids: tuple[str, ...]
    citizen_invited: bool


@dataclass(frozen=True, kw_only=True)
class LevelAssessed(CaseFact):
    """The case's level on the staircase (samarbejdstrappen), 1-4."""

    level: int


@dataclass(frozen=True, kw_only=True)
class IncidentReported(CaseFact):
    kind: str


@dataclass(frozen=True, kw_only=True)
class ComplaintReceived(CaseFact):
    """``complainant`` is a relative id, ``citizen`` or ``other``."""

    complaint_id: str
    first_contact_deadline: datetime
    complainant: str


@dataclass(frozen=True, kw_only=True)
class ComplaintFirstContactRecorded(CaseFact):
    complaint_id: str
