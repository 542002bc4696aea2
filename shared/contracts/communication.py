"""Wire contracts of topic ``pkraft.communication.v1`` (CloudEvents binary mode).

Messages are keyed by message id, theme evenings by evening id. No addresses, names or
message bodies leave the communication service: only ids, kinds, channels and states.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from shared.contracts.base import Registry, WireEvent

TOPIC = "pkraft.communication.v1"
SOURCE = "/pkraft/communication"
registry = Registry()


class CommunicationEvent(WireEvent):
    """Fields on every communication event."""

    domain: ClassVar[str] = "communication"


class MessageEvent(CommunicationEvent):
    """Fields on every message event (the Kafka key is ``message_id``)."""

    message_id: str = Field(description="Deterministic: derived from rule, trigger, recipient.")
    kind: str = Field(description="Message kind (template), e.g. welcome or newsletter.")
    case_id: str | None = Field(None, description="The case the message is about, if any.")
    tilbud_id: str | None = None
    recipient_type: str = Field(description="relative, citizen or staff.")
    recipient_id: str = Field(description="relative_id, case id (citizen) or staff user id.")
    channel: str = Field(
        description="email or webhook; pending while a relative's channel is not chosen yet "
        "(it is chosen when the message is sent), none when there is no channel."
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
    reason: str = Field(description="consent_missing, relative_removed or opted_out.")


class ThemeEveningEvent(CommunicationEvent):
    """Fields on every theme-evening event (the Kafka key is ``evening_id``)."""

    evening_id: str
    evening_version: int = Field(description="Version after this change; ce_id is id:version.")


class ThemeEveningCreated(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_created"
    topic: str
    organiser: str = Field(description="municipality or relatives_organisation.")
    starts_at: datetime
    capacity: int


class ThemeEveningAnnounced(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_announced"
    invitations: int = Field(description="Invitations queued to relatives who opted in.")


class ThemeEveningRegistered(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_registered"
    registration_id: str
    status: str = Field(description="registered or waitlisted.")


class ThemeEveningRegistrationCancelled(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_registration_cancelled"
    registration_id: str
    promoted_registration_id: str | None = Field(
        None, description="The waiting-list registration that got the freed seat."
    )


class ThemeEveningCancelled(ThemeEveningEvent):
    name: ClassVar[str] = "theme_evening_cancelled"


class NewsletterQueued(CommunicationEvent):
    name: ClassVar[str] = "newsletter_queued"
    newsletter_id: str
    tilbud_ids: list[str]
    recipients: int


class SurveyRoundStarted(CommunicationEvent):
    name: ClassVar[str] = "survey_round_started"
    round_id: str
    tilbud_id: str
    year: int
    recipients: int


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
):
    registry.register(_model)
