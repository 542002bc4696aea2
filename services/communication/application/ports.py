"""What the application needs from the outside: a transactional store, templates, channels,
and the cases service's contact directory."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol

from services.communication.domain.message import Message
from services.communication.domain.model import CaseView, Contact
from services.communication.domain.rules import Timer
from shared.contracts.communication import CommunicationEvent


class StoreTx(Protocol):
    """Everything done inside one transaction of the service's database."""

    def claim_inbound(self, ce_id: str) -> bool:
        """Record an inbound event id; False when it was handled before."""
        ...

    def load_case(self, case_id: str) -> CaseView | None: ...

    def save_case(self, view: CaseView) -> None: ...

    def cases_of(self, tilbud_ids: list[str] | None) -> list[CaseView]:
        """The cases of these tilbud (every case for None)."""
        ...

    def queue(self, message: Message, now: str) -> bool:
        """Insert the message; False when a message with that id exists (sent once)."""
        ...

    def publish(self, ce_id: str, subject: str, event: CommunicationEvent) -> None:
        """Put an event in the outbox (published by the relay after commit)."""
        ...

    def set_timer(self, timer: Timer) -> None: ...

    def cancel_timer(self, timer_id: str) -> None: ...

    def due_timers(self, now: str, limit: int) -> list[Timer]: ...

    def fire_timer(self, timer_id: str) -> None: ...

    def claim_next(self, now: str, lease_until: str) -> Message | None:
        """The next queued (or lease-expired sending) message, now leased as sending."""
        ...

    def load_message(self, message_id: str) -> Message | None: ...

    def mark(
        self,
        message_id: str,
        status: str,
        *,
        now: str,
        error: str | None = None,
        retry_at: str | None = None,
        channel: str | None = None,
        uncount: bool = False,
    ) -> None:
        """Record an outcome; ``channel`` the one chosen, ``uncount`` takes back the attempt."""
        ...

    def messages(
        self, *, case_id: str | None = None, relative_id: str | None = None, limit: int = 200
    ) -> list[Message]: ...

    def count_messages(self, rule: str, trigger_id: str) -> int:
        """How many messages one rule queued for one trigger."""
        ...

    def forget_registrant(self, evening_id: str, registration_id: str, reason: str) -> None:
        """Destroy the sign-up's key: its name and e-mail read as null from then on."""
        ...

    def followed(self, name: str, lock: bool = False) -> int:
        """How far the follower ``name`` got in its log (0: nowhere yet); ``lock``: its row
        held until the transaction ends (PostgreSQL; SQLite's writers are serial)."""
        ...

    def follow(self, name: str, position: int) -> None: ...

    def following(self, prefix: str) -> dict[str, int]:
        """Every follower whose name starts with ``prefix`` and whose position is not 0."""
        ...

    def index_evening(self, evening_id: str, starts_at: datetime) -> None:
        """Keep the evening in the list by its start."""
        ...

    def list_evenings(
        self, since: datetime | None, limit: int, offset: int
    ) -> tuple[list[str], int]:
        """Ids of the evenings starting at or after ``since`` (all for None) by start, one
        page of them, and how many there are in all."""
        ...

    def evenings_before(self, until: datetime) -> list[str]:
        """Ids of the evenings that started before ``until``."""
        ...

    def put_record(self, kind: str, key: str, data: dict[str, Any]) -> bool:
        """Insert a keyed record (newsletter, survey round); False when the key exists."""
        ...

    def records(self, kind: str, prefix: str) -> list[dict[str, Any]]: ...


class Store(Protocol):
    def transaction(self) -> AbstractContextManager[StoreTx]: ...


class Renderer(Protocol):
    """Renders a message kind to (subject, plain text, HTML)."""

    def render(self, template: str, context: dict[str, Any]) -> tuple[str, str, str]: ...


class Channel(Protocol):
    """Delivers a message; raises PermanentFailure or TransientFailure."""

    async def send(self, message: Message) -> None: ...


class ContactsUnavailable(Exception):
    """The cases service could not answer now (down, timeout, 5xx): try again later."""


class Contacts(Protocol):
    """The cases service's answer about a relative, asked when a message is sent."""

    async def contact(self, case_id: str, relative_id: str) -> Contact | None:
        """The relative's contact details and current consents; None when there is no such
        relative (removed); raises :class:`ContactsUnavailable` when it cannot tell now."""
        ...
