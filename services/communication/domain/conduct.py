"""The code of conduct (kodeks) as far as messages go: which version is current, and a
relative who consents to messages after it was adopted.

Each new version goes to every relative with consent and to each tilbud's staff mailbox
when it is adopted (``audience.code_of_conduct_adopted``). A relative whose citizen
consents to messages only later is asked then, for the current version, by the same rule
and trigger (that version's adoption): one message per version and relative, whichever
comes first and however often consent is withdrawn and granted again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.communication.domain import audience
from services.communication.domain.case_facts import CaseFact, ConsentGranted, ConsentScope
from services.communication.domain.model import CaseView, Outgoing

RECORD = "code_of_conduct"


@dataclass(frozen=True)
class Version:
    """An adopted version, and the ``ce_id`` of its adoption (the messages' trigger)."""

    number: int
    adopted_on: str
    ce_id: str

    @property
    def key(self) -> str:
        return f"{self.number:09d}"

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "adopted_on": self.adopted_on, "ce_id": self.ce_id}


def adopted(data: dict[str, Any], ce_id: str) -> Version:
    """The version a ``code_of_conduct_adopted`` payload announces."""
    return Version(int(data["version_number"]), str(data["adopted_on"]), ce_id)


def current(records: list[dict[str, Any]]) -> Version | None:
    """The latest of the versions recorded (None before the first)."""
    versions = [Version(int(r["number"]), str(r["adopted_on"]), str(r["ce_id"])) for r in records]
    return max(versions, key=lambda v: v.number, default=None)


def on_consent(fact: CaseFact, view: CaseView, version: Version | None) -> list[Outgoing]:
    """Consent to messages granted: that relative gets the current version, if not yet."""
    if version is None or not isinstance(fact, ConsentGranted):
        return []
    if fact.scope != ConsentScope.SEND_MESSAGES:
        return []
    data = {"version_number": version.number, "adopted_on": version.adopted_on}
    broadcast = audience.code_of_conduct_adopted(data, version.ce_id)
    return [o for o in audience.audience([view], broadcast) if o.recipient.id == fact.relative_id]
