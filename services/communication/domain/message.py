"""A queued message as stored, its states, and the retry schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

QUEUED = "queued"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Message:
    """One message as stored: ids, codes and outcome. A relative's message keeps no name,
    address or body: those are fetched and rendered when it is sent (see the sender)."""

    message_id: str
    rule: str
    trigger_id: str
    template: str
    case_id: str | None
    tilbud_id: str | None
    recipient_type: str
    recipient_id: str
    channel: str | None
    address: str | None
    consent_scope: str | None
    subject: str
    body_text: str
    body_html: str
    status: str = QUEUED
    attempts: int = 0
    created_at: str = ""
    sent_at: str | None = None
    last_error: str | None = None
    context: str = "{}"  # JSON: what the template needs besides the recipient's name


class PermanentFailure(Exception):
    """The channel refused the message for good (bad address, 5xx); retrying is useless."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class TransientFailure(Exception):
    """The channel could not take the message now (connection refused, 4xx); retry later."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def backoff(attempts: int, base_seconds: float, cap_seconds: float = 900.0) -> timedelta:
    """Exponential backoff after ``attempts`` failed tries."""
    return timedelta(seconds=min(cap_seconds, base_seconds * 2 ** max(0, attempts - 1)))


def stamp(moment: datetime) -> str:
    """A sortable UTC timestamp string (fixed width, so text order is time order)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
