"""What the service knows about a case (its projection) and what a rule asks to send."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from services.communication.domain.case_facts import ConsentScope

MESSAGE_NAMESPACE = uuid.UUID("6f1d7a52-4c55-4f2e-9d7b-3c1a2b9e8d10")
SEND_MESSAGES = ConsentScope.SEND_MESSAGES.value
INVITE_TO_MEETINGS = ConsentScope.INVITE_TO_MEETINGS.value
WEBHOOK_KINDS = ("digital_post", "phone", "letter")


@dataclass
class Preferences:
    """A relative's own choices: channel, opt-outs by message kind, topics of interest."""

    preferred_channel: str | None = None
    opt_out_kinds: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)


@dataclass
class RelativeView:
    """A relative as far as messages go: ids and codes only. The name and addresses stay
    in the cases service and are fetched when a message is sent (:class:`Contact`)."""

    relative_id: str
    channel_kinds: list[str] = field(default_factory=list)
    preferred_channel: str | None = None
    removed: bool = False
    consents: list[str] = field(default_factory=list)
    preferences: Preferences = field(default_factory=Preferences)

    def may_receive(self, scope: str | None, kind: str) -> str | None:
        """None when a message of ``kind`` under ``scope`` may go out, else the reason."""
        if self.removed:
            return "relative_removed"
        if scope is not None and scope not in self.consents:
            return "consent_missing"
        if kind in self.preferences.opt_out_kinds:
            return "opted_out"
        return None


_RELATIVE_FIELDS = set(RelativeView.__dataclass_fields__)


@dataclass
class CaseView:
    """The local projection of one case, updated from ``pkraft.cases.v1``."""

    case_id: str
    tilbud_id: str
    planned_move_in: str | None = None
    opened_ce_id: str | None = None
    leader: str | None = None
    closed: bool = False
    easy_read: bool = False
    relatives: dict[str, RelativeView] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CaseView:
        # Fields of older versions (the name and addresses once kept here) are dropped.
        relatives = {
            rid: RelativeView(
                **{k: v for k, v in r.items() if k in _RELATIVE_FIELDS - {"preferences"}},
                preferences=Preferences(**r.get("preferences", {})),
            )
            for rid, r in data.get("relatives", {}).items()
        }
        return cls(**{**data, "relatives": relatives})

    def active_relatives(self) -> list[RelativeView]:
        return [r for r in self.relatives.values() if not r.removed]


@dataclass(frozen=True)
class Recipient:
    """Who a message goes to. ``kind`` is relative, citizen or staff."""

    kind: str
    id: str
    channel: str | None
    address: str | None
    name: str = ""


@dataclass(frozen=True)
class Outgoing:
    """One message a rule wants sent: rendered later from ``template`` and ``context``."""

    rule: str
    trigger_id: str
    template: str
    recipient: Recipient
    case_id: str | None
    tilbud_id: str | None
    consent_scope: str | None
    context: dict[str, Any]

    @property
    def message_id(self) -> str:
        return message_id(self.rule, self.trigger_id, self.recipient)


def message_id(rule: str, trigger_id: str, recipient: Recipient) -> str:
    """Deterministic: the same rule, trigger and recipient always give the same id."""
    return str(
        uuid.uuid5(MESSAGE_NAMESPACE, f"{rule}|{trigger_id}|{recipient.kind}:{recipient.id}")
    )


@dataclass(frozen=True)
class Contact:
    """A relative's contact details and current consents, as the cases service answers
    them at sending time; held in memory for one delivery, never stored here."""

    name: str | None
    channels: dict[str, str]
    preferred_channel: str | None
    consents: list[str]
    erased: bool = False
    contact_person: str | None = None
    """The name of the case's contact person for the relatives (None: none named)."""

    def refusal(self, scope: str | None) -> str | None:
        """Why the cases service's current answer forbids the message (None: it may go)."""
        if self.erased:
            return "recipient_erased"
        if scope is not None and scope not in self.consents:
            return "consent_missing"
        return None


def relative_channel(contact: Contact, preferences: Preferences) -> tuple[str, str] | None:
    """(channel, address) for a relative: own preference first, then e-mail, then others."""
    order = [preferences.preferred_channel, contact.preferred_channel, "email", *WEBHOOK_KINDS]
    for kind in order:
        if kind and contact.channels.get(kind):
            if kind == "email":
                return "email", contact.channels[kind]
            return "webhook", f"{kind}:{contact.channels[kind]}"
    return None


def to_relative(relative: RelativeView) -> Recipient:
    """A relative recipient: channel and address are resolved when the message is sent."""
    return Recipient("relative", relative.relative_id, None, None)
