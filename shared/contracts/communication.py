"""Wire contracts of topic ``pkraft.communication.v1`` (CloudEvents binary mode).

Messages are keyed by message id, theme evenings by evening id. No addresses, names or
message bodies leave the communication service: only ids, kinds, channels and states.

Version 2 of the four message events (``message_queued`` ... ``message_suppressed``) has
the same fields and accepts the message kinds added since version 1 (``KINDS_V2``). A
message of a kind version 1 lists is still published as version 1, so a subscriber of
version 1 never meets a kind it does not know; a message of a newer kind (the code of
conduct) is published as version 2 only. A subscriber that wants every message reads both.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from pydantic import Field

from shared.contracts.base import Registry, WireEvent, code

TOPIC = "pkraft.communication.v1"
SOURCE = "/pkraft/communication"
KINDS = (
    "welcome",
    "move_in_invitation",
    "move_in_invitation_citizen",
    "leader_alert",
    "complaint_acknowledgement",
    "complaint_reminder",
    "council_election",
    "council_minutes",
    "newsletter",
    "survey_invitation",
    "theme_evening",
    "theme_evening_update",
)
KINDS_V2 = (*KINDS, "code_of_conduct")
RECIPIENT_TYPES = ("relative", "citizen", "staff", "registrant")
CHANNELS = ("email", "webhook", "pending", "none")
registry = Registry()


class CommunicationEvent(WireEvent):
    """Fields on every communication event."""

    domain: ClassVar[str] = "communication"


class MessageEvent(CommunicationEvent):
    """Fields on every message event (the Kafka key is ``message_id``)."""

    message_id: str = Field(description="Deterministic: derived from rule, trigger, recipient.")
    kind: str = code("Message kind (the template it is rendered from).", KINDS)
    case_id: str | None = Field(None, description="The case the message is about, if any.")
    tilbud_id: str | None = None
    recipient_type: str = code(
        "relative, citizen (the tilbud reads or prints the letter to the citizen), staff, "
        "or registrant (someone registered for a theme evening).",
        RECIPIENT_TYPES,
    )
    recipient_id: str = Field(
        description="relative: the relative_id; citizen: the case id; staff: the staff user "
        "id, or `tilbud:<tilbud id>` for the tilbud's shared staff mailbox (when the case has "
        "no leader, and for programme-wide news such as a new code of conduct); registrant: "
        "the theme-evening registration_id."
    )
    channel: str = code(
        "email or webhook; pending while a relative's channel is not chosen yet (it is "
        "chosen when the message is sent), none when the recipient has no usable channel.",
        CHANNELS,
    )


class MessageQueued(MessageEvent):
    name: ClassVar[str] = "message_queued"
    rule: str = Field(description="The rule (or staff action) that produced the message.")
    trigger_id: str = Field(description="ce_id of the triggering event, or the action's id.")


class MessageSent(MessageEvent):
    name: ClassVar[str] = "message_sent"
    attempts: int


class MessageFailed(MessageEvent):
    name: ClassVar[str] = "message_failed"
    attempts: int
    reason: str = Field(description="Stable code, e.g. smtp_rejected or retries_exhausted.")


class MessageSuppressed(MessageEvent):
    name: ClassVar[str] = "message_suppressed"
    reason: str = code(
        "Why the message was not sent.",
        ("consent_missing", "relative_removed", "opted_out", "recipient_erased"),
    )


class ThemeEveningEvent(CommunicationEvent):
    """Fields on every theme-evening event (the Kafka key is ``evening_id``)."""

    evening_id: str
    evening_version: int = Field(description="Version after this change; ce_id is id:version.")


class ThemeEveningCreated(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_created"
    topic: str = code(
        "The evening's theme (relatives opt in to themes).",
        ("self_determination", "finances", "employment", "becoming_adult", "health", "other"),
    )
    organiser: str = code("Who organises it.", ("municipality", "relatives_organisation"))
    starts_at: datetime
    capacity: int


class ThemeEveningAnnounced(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_announced"
    invitations: int = Field(description="Invitations queued to relatives who opted in.")


class ThemeEveningRegistered(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_registered"
    registration_id: str
    status: str = code("Whether a seat was given.", ("registered", "waitlisted"))


class ThemeEveningRegistrationCancelled(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_registration_cancelled"
    registration_id: str
    promoted_registration_id: str | None = Field(
        None, description="The waiting-list registration that got the freed seat."
    )


class ThemeEveningCancelled(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_cancelled"


class NewsletterQueued(CommunicationEvent):
    """A newsletter was queued (Kafka key and ``ce_id``: ``newsletter:<newsletter_id>``)."""

    name: ClassVar[str] = "newsletter_queued"
    newsletter_id: str
    tilbud_ids: list[str]
    recipients: int


class SurveyRoundStarted(CommunicationEvent):
    """A survey round started (Kafka key ``<tilbud_id>:<year>`` = ``round_id``, ``ce_id``
    ``survey:<tilbud_id>:<year>``)."""

    name: ClassVar[str] = "survey_round_started"
    round_id: str
    tilbud_id: str
    year: int
    recipients: int


class SurveyResultsPublished(CommunicationEvent):
    """One question's result for a survey round, published only when at least the
    configured threshold of respondents answered it (``PKRAFT_COMMUNICATION_SURVEY_MIN_GROUP``,
    default 5); never per person, no respondent refs. Kafka key ``<tilbud_id>:<year>``,
    ``ce_id`` ``survey_results:<tilbud_id>:<year>:<question>:<n>`` (a later event of the same
    round and question with a larger ``n`` supersedes an earlier one)."""

    name: ClassVar[str] = "survey_results_published"
    tilbud_id: str
    year: int
    question: str = Field(description="The question's id (reference data of the survey).")
    n: int = Field(description="How many respondents answered the question (>= threshold).")
    mean: float = Field(description="Mean score on the 1-5 scale, two decimals.")
    distribution: dict[str, int] = Field(description="Per score 1..5: how many gave it.")


KIND_V2 = code("Message kind (the template it is rendered from).", KINDS_V2)


class MessageQueuedV2(MessageQueued):
    """``message_queued`` for a message of a kind added since version 1."""

    schema_version: ClassVar[int] = 2
    kind: str = KIND_V2


class MessageSentV2(MessageSent):
    """``message_sent`` for a message of a kind added since version 1."""

    schema_version: ClassVar[int] = 2
    kind: str = KIND_V2


class MessageFailedV2(MessageFailed):
    """``message_failed`` for a message of a kind added since version 1."""

    schema_version: ClassVar[int] = 2
    kind: str = KIND_V2


class MessageSuppressedV2(MessageSuppressed):
    """``message_suppressed`` for a message of a kind added since version 1."""

    schema_version: ClassVar[int] = 2
    kind: str = KIND_V2


_V2: dict[type[MessageEvent], type[MessageEvent]] = {
    MessageQueued: MessageQueuedV2,
    MessageSent: MessageSentV2,
    MessageFailed: MessageFailedV2,
    MessageSuppressed: MessageSuppressedV2,
}


def message_event(model: type[MessageEvent], **fields: Any) -> MessageEvent:
    """``model`` built from ``fields``: version 1 when its list knows the ``kind``, else
    version 2 (so a version-1 subscriber never meets a kind it does not know)."""
    if fields.get("kind") in KINDS:
        return model(**fields)
    return _V2[model](**fields)


for _model in (
    MessageQueued,
    MessageSent,
    MessageFailed,
    MessageSuppressed,
    ThemeEveningCreated,
    ThemeEveningAnnounced,
    ThemeEveningRegistered,
    ThemeEveningRegistrationCancelled,
    ThemeEveningCancelled,
    NewsletterQueued,
    SurveyRoundStarted,
    SurveyResultsPublished,
    MessageQueuedV2,
    MessageSentV2,
    MessageFailedV2,
    MessageSuppressedV2,
):
    registry.register(_model)
