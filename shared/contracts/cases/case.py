"""The case, its relatives and their consents: the fields every case event carries."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from shared.contracts.base import WireEvent, code

LEGAL_ROLES = ("none", "guardian", "lasting_power_of_attorney", "digital_power_of_attorney")
CHANNEL_KINDS = ("email", "phone", "digital_post", "letter")
CONSENT_SCOPES = ("share_information", "invite_to_meetings", "send_messages")


class CaseEvent(WireEvent):
    """Fields on every case event."""

    domain: ClassVar[str] = "cases"
    case_id: UUID = Field(description="The collaboration case (also the Kafka key).")
    case_version: int = Field(
        description="Aggregate version after this event; ce_id is case_id:version."
    )
    tilbud_id: str = Field(description="The tilbud (care offer) the case belongs to.")


class CaseOpened(CaseEvent):
    name: ClassVar[str] = "case_opened"
    schema_version: ClassVar[int] = 2
    setting: str = code("Where care is given.", ("nursing_home", "home_care", "residential_offer"))
    planned_move_in: date | None = None


class CaseClosed(CaseEvent):
    name: ClassVar[str] = "case_closed"
    reason: str = code("Why it was closed.", ("moved", "deceased", "transferred", "other"))


class CaseReopened(CaseEvent):
    name: ClassVar[str] = "case_reopened"


class RelativeAdded(CaseEvent):
    name: ClassVar[str] = "relative_added"
    schema_version: ClassVar[int] = 2
    relative_id: str
    legal_role: str = code("The relative's legal standing.", LEGAL_ROLES)
    channel_kinds: list[str] = code(
        "The kinds of contact channel on file; the addresses stay in the cases service.",
        CHANNEL_KINDS,
        many=True,
        default_factory=list,
    )
    preferred_channel: str | None = code("The preferred channel.", CHANNEL_KINDS, default=None)


class RelativeUpdated(CaseEvent):
    name: ClassVar[str] = "relative_updated"
    schema_version: ClassVar[int] = 2
    relative_id: str
    legal_role: str | None = code("The new legal standing, if changed.", LEGAL_ROLES, default=None)
    changed: list[str] = Field(
        default_factory=list,
        description="Which fields changed, by name (name, relation, legal_role, channels, "
        "preferred_channel); personal values are not carried.",
    )
    channel_kinds: list[str] | None = code(
        "The kinds of contact channel on file, when the channels changed.",
        CHANNEL_KINDS,
        many=True,
        default=None,
    )
    preferred_channel: str | None = code("The preferred channel.", CHANNEL_KINDS, default=None)


class RelativeRemoved(CaseEvent):
    name: ClassVar[str] = "relative_removed"
    relative_id: str


class RelativeLinkedToPerson(CaseEvent):
    name: ClassVar[str] = "relative_linked_to_person"
    relative_id: str
    person_id: UUID = Field(
        description="The person this relative entry is (an opaque id a caseworker links "
        "across cases; no CPR): one voter and one possible candidate per tilbud."
    )


class ConsentGranted(CaseEvent):
    name: ClassVar[str] = "consent_granted"
    relative_id: str
    scope: str = code("What the consent covers.", CONSENT_SCOPES)
    form: str = code("How it was given or withdrawn.", ("oral", "written"))


class ConsentWithdrawn(CaseEvent):
    name: ClassVar[str] = "consent_withdrawn"
    relative_id: str
    scope: str
    form: str
