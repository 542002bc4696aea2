"""The ``CodeOfConduct`` aggregate (kodeks): one for the programme, written by the follow
group in versions; staff and relatives acknowledge a version.

A version has its Danish text and the date it was adopted; versions are numbered 1, 2,
... and a new one is adopted on or after the current one (``adopted_before_current``).
The current version is the latest. Only the current version can be acknowledged
(``not_current_version``), once per person (``already_acknowledged``): a new version
asks everyone again, because an acknowledgement names the version it was given to.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.councils.domain.follow_group import Decider
from services.councils.domain.validation import require_enum, require_iso_date, require_text
from shared.errors import DomainError

NAMESPACE = UUID("0c9d7a51-3e2b-4f68-9d1a-7b5e2c4f8a90")
MAX_TEXT = 20_000


class AcknowledgerKind(StrEnum):
    STAFF = "staff"
    RELATIVE = "relative"


class CodeOfConduct(Aggregate):
    """The versions of the code of conduct and who acknowledged which."""

    @staticmethod
    def create_id() -> UUID:
        return uuid5(NAMESPACE, "code-of-conduct")

    @event("Started")
    def __init__(self) -> None:
        self.versions: list[dict[str, Any]] = []
        self.acknowledged: dict[str, dict[str, Any]] = {}

    @property
    def current(self) -> int | None:
        return len(self.versions) or None

    def adopt(self, text: str, adopted_on: str, by: Decider) -> int:
        """The follow group adopts a new version; answers its number."""
        text = require_text(text, "text")
        if len(text) > MAX_TEXT:
            raise DomainError("text_too_long", f"The text is at most {MAX_TEXT} characters.")
        adopted_on = require_iso_date(adopted_on, "adopted_on")
        if self.versions and adopted_on < self.versions[-1]["adopted_on"]:
            raise DomainError(
                "adopted_before_current",
                "A new version is adopted on or after the current one.",
                current_adopted_on=self.versions[-1]["adopted_on"],
            )
        number = len(self.versions) + 1
        self._adopted(
            number=number,
            text=text,
            adopted_on=adopted_on,
            actor=by.actor,
            member_id=by.member_id,
            decided_as=by.decided_as,
        )
        return number

    @event("VersionAdopted")
    def _adopted(
        self,
        number: int,
        text: str,
        adopted_on: str,
        actor: str,
        member_id: str | None,
        decided_as: str | None,
    ) -> None:
        self.versions.append({"number": number, "text": text, "adopted_on": adopted_on})

    def acknowledge(
        self, number: int, kind: str, person_id: str, tilbud_id: str, on: str, actor: str
    ) -> None:
        """A member of staff or a relative acknowledges the current version."""
        if self.current is None or number != self.current:
            raise DomainError(
                "not_current_version",
                "Only the current version is acknowledged.",
                current_version=self.current,
            )
        kind = require_enum(AcknowledgerKind, kind, "invalid_kind", "kind")
        person_id = require_text(person_id, "person_id")
        key = _key(number, kind, person_id)
        if key in self.acknowledged:
            raise DomainError("already_acknowledged", "This version is acknowledged already.")
        self._acknowledged(
            number=number,
            kind=kind,
            person_id=person_id,
            tilbud_id=require_text(tilbud_id, "tilbud_id"),
            on=require_iso_date(on, "on"),
            actor=require_text(actor, "actor"),
        )

    @event("Acknowledged")
    def _acknowledged(
        self, number: int, kind: str, person_id: str, tilbud_id: str, on: str, actor: str
    ) -> None:
        self.acknowledged[_key(number, kind, person_id)] = {
            "version": number,
            "kind": kind,
            "person_id": person_id,
            "tilbud_id": tilbud_id,
            "on": on,
        }

    def acknowledgements(self, tilbud_id: str | None = None) -> list[dict[str, Any]]:
        """Who acknowledged the current version (of one tilbud, or all)."""
        return [
            a
            for a in self.acknowledged.values()
            if a["version"] == self.current and tilbud_id in (None, a["tilbud_id"])
        ]

    def has_acknowledged(self, kind: str, person_id: str) -> bool:
        """Whether the person acknowledged the current version (False after a new one)."""
        return self.current is not None and _key(self.current, kind, person_id) in self.acknowledged

    def to_state(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "current_version": self.current,
            "versions": self.versions,
            "acknowledged_current": len(self.acknowledgements()),
        }


def _key(number: int, kind: str, person_id: str) -> str:
    return f"{number}|{kind}|{person_id}"
