"""Request and response bodies of the communication API."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StrictBool, StrictInt

from services.communication.domain.message import Message
from services.communication.domain.model import WEBHOOK_KINDS
from services.communication.domain.theme_evening import (
    MAX_CAPACITY,
    ORGANISERS,
    TOPICS,
    Registration,
    ThemeEvening,
)
from shared.http.body import RequestBody
from shared.http.fields import ONE_LINE, Code, LongText, Name, NewId, PlannedAt, Ref
from shared.http.openapi import one_of

Body = RequestBody  # unknown fields refused; int and bool strict (shared.http.body)


class NewsletterCreate(Body):
    newsletter_id: NewId | None = Field(None, description="Client-chosen id (idempotent retries).")
    tilbud_ids: list[Ref] = Field(
        min_length=1, max_length=1_000, description="The tilbud whose relatives get it."
    )
    subject: Name
    body: LongText = Field(min_length=1, description="Plain text; blank lines separate paragraphs.")


class BroadcastPublic(BaseModel):
    id: str
    recipients: int = Field(description="Messages queued (consenting, not opted out).")


class SurveyRoundCreate(Body):
    tilbud_id: Ref
    year: StrictInt = Field(ge=2000, le=2100)


class PreferencesBody(Body):
    preferred_channel: Annotated[Code, one_of(("email", *WEBHOOK_KINDS))] | None = Field(
        None, description="email, digital_post, phone, letter."
    )
    opt_out_kinds: list[Ref] = Field(
        default_factory=list, max_length=100, examples=[["newsletter"]]
    )
    interests: list[Ref] = Field(
        default_factory=list,
        max_length=100,
        description="Theme-evening topics to hear about, or `all`.",
    )


class EasyReadBody(Body):
    easy_read: StrictBool


class MessagePublic(BaseModel):
    """A line of the message log: what, to whom, when, on which channel, and its state."""

    message_id: str
    kind: str
    rule: str
    case_id: str | None
    recipient_type: str
    recipient_id: str
    channel: str | None
    subject: str
    status: str = Field(description="queued, sending, sent, failed or suppressed.")
    attempts: int
    created_at: str
    sent_at: str | None
    error: str | None

    @classmethod
    def of(cls, m: Message) -> MessagePublic:
        return cls(
            message_id=m.message_id,
            kind=m.template,
            rule=m.rule,
            case_id=m.case_id,
            recipient_type=m.recipient_type,
            recipient_id=m.recipient_id,
            channel=m.channel,
            subject=m.subject,
            status=m.status,
            attempts=m.attempts,
            created_at=m.created_at,
            sent_at=m.sent_at,
            error=m.last_error,
        )


class ThemeEveningCreate(Body):
    evening_id: NewId | None = Field(None, description="Client-chosen id.")
    title: Name
    topic: Annotated[Code, one_of(TOPICS)] = Field(
        description="self_determination, finances, employment, becoming_adult, health or other."
    )
    organiser: Annotated[Code, one_of(ORGANISERS)] = Field(
        description="municipality or relatives_organisation."
    )
    organiser_name: Name
    starts_at: PlannedAt = Field(description="When it begins; a time to come (422 time_in_past).")
    location: str = Field(min_length=1, max_length=300, pattern=ONE_LINE)
    capacity: StrictInt = Field(ge=1, le=MAX_CAPACITY, description="Seats, 1 to 10,000.")


class RegistrationCreate(Body):
    name: Name
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=320)


class RegistrationPublic(BaseModel):
    registration_id: str
    status: str = Field(description="registered, waitlisted or cancelled.")
    registered_at: str

    @classmethod
    def of(cls, r: Registration) -> RegistrationPublic:
        return cls(
            registration_id=r.registration_id, status=r.status, registered_at=r.registered_at
        )


class ThemeEveningPublic(BaseModel):
    evening_id: str
    version: int
    title: str
    topic: str
    organiser: str
    organiser_name: str
    starts_at: str
    location: str
    capacity: int
    status: str
    seats_taken: int
    waiting: int
    invitations: int | None = None

    @classmethod
    def of(cls, e: ThemeEvening, invitations: int | None = None) -> ThemeEveningPublic:
        return cls(
            evening_id=e.evening_id,
            version=e.version,
            title=e.title,
            topic=e.topic,
            organiser=e.organiser,
            organiser_name=e.organiser_name,
            starts_at=e.starts_at,
            location=e.location,
            capacity=e.capacity,
            status=e.status,
            seats_taken=len(e.seated()),
            waiting=len(e.waiting()),
            invitations=invitations,
        )


class ThemeEveningList(BaseModel):
    items: list[ThemeEveningPublic] = Field(description="By starts_at, earliest first.")
    total: int = Field(description="Evenings in all (with past ones only if asked for).")


class SurveyAnswers(Body):
    """One respondent's answers: per question id a score on the 1-5 scale."""

    respondent_ref: Ref = Field(description="Opaque id from the survey staff; never a name.")
    scores: dict[Ref, Annotated[StrictInt, Field(ge=1, le=5)]] = Field(
        min_length=1, max_length=100, examples=[{"overall": 4, "informed": 5}]
    )


class SurveyImported(BaseModel):
    tilbud_id: str
    year: int
    recorded: int = Field(description="Answers that were new (a repeated identical one is not).")
