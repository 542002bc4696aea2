"""String enumerations of the cases domain (values are the stable API/event values)."""

from __future__ import annotations

from enum import StrEnum


class Setting(StrEnum):
    """Where the citizen receives care or support."""

    NURSING_HOME = "nursing_home"
    HOME_CARE = "home_care"
    RESIDENTIAL_OFFER = "residential_offer"


class CaseStatus(StrEnum):
    """Lifecycle status of a collaboration case."""

    OPEN = "open"
    CLOSED = "closed"


class CloseReason(StrEnum):
    """Why a case was closed."""

    MOVED = "moved"
    DECEASED = "deceased"
    TRANSFERRED = "transferred"
    OTHER = "other"


class LegalRole(StrEnum):
    """A relative's legal standing towards the citizen."""

    NONE = "none"
    GUARDIAN = "guardian"
    LASTING_POWER_OF_ATTORNEY = "lasting_power_of_attorney"
    DIGITAL_POWER_OF_ATTORNEY = "digital_power_of_attorney"


class Channel(StrEnum):
    """Keys of a relative's contact channels."""

    EMAIL = "email"
    PHONE = "phone"
    DIGITAL_POST = "digital_post"
    LETTER = "letter"


class ConsentScope(StrEnum):
    """What the citizen has consented to regarding one relative."""

    SHARE_INFORMATION = "share_information"
    INVITE_TO_MEETINGS = "invite_to_meetings"
    SEND_MESSAGES = "send_messages"


class ConsentForm(StrEnum):
    """How a consent was given or withdrawn."""

    ORAL = "oral"
    WRITTEN = "written"


class ChecklistItem(StrEnum):
    """Items of the move-in conversation template (minimum standard)."""

    FINANCES = "finances"
    MEDICINE = "medicine"
    CLOTHES_AND_HYGIENE_PURCHASES = "clothes_and_hygiene_purchases"
    DOCTOR_DENTIST_CONTACT = "doctor_dentist_contact"
    OTHER = "other"


class IncidentKind(StrEnum):
    """Kinds of incident; the first three escalate the case to level 4."""

    THREAT = "threat"
    VIOLENCE = "violence"
    HARASSMENT = "harassment"
    PRESS_OR_POLITICIAN_THREAT = "press_or_politician_threat"


ESCALATING_INCIDENT_KINDS = frozenset(
    {IncidentKind.THREAT, IncidentKind.VIOLENCE, IncidentKind.HARASSMENT}
)


class IncidentAgainst(StrEnum):
    """Who an incident was directed against."""

    STAFF = "staff"
    CITIZEN = "citizen"


class ComplainantKind(StrEnum):
    """Who complains when it is not one of the case's relatives (given by relative id)."""

    CITIZEN = "citizen"
    OTHER = "other"


class ComplaintOutcome(StrEnum):
    """How a complaint ended."""

    UPHELD = "upheld"
    PARTIALLY_UPHELD = "partially_upheld"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class DialogueKind(StrEnum):
    """Form of a noted dialogue with relatives."""

    PHONE = "phone"
    MEETING = "meeting"
    EMAIL = "email"


class NetworkKind(StrEnum):
    """Whether a network relation is new or re-established (principle 5)."""

    NEW = "new"
    RE_ESTABLISHED = "re_established"


class NetworkCategory(StrEnum):
    """Where a network relation comes from."""

    VOLUNTEER = "volunteer"
    ASSOCIATION = "association"
    LOCAL = "local"
    FAMILY = "family"


class AgreementStatus(StrEnum):
    """State of an agreement made on the case."""

    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"
