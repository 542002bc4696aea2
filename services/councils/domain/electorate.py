"""The ``Electorate`` aggregate: who may vote and stand at a tilbud's elections.

Built from the cases service's events: a relative is in the electorate while they are a
relative on an open case at the tilbud. A caseworker can link a relative entry to a
person (an opaque person id, no CPR): entries linked to the same person (a parent of two
residents) are one voter and one possible candidate. Each case's facts carry the case version; a
fact at or below the last version applied for that case is a repeat (at-least-once
delivery) and changes nothing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.councils.domain.validation import require_text

NAMESPACE = UUID("9d7c3a51-3f0e-4a8b-b7a4-0f1e6c2d5a90")


class CaseFact(StrEnum):
    OPENED = "opened"
    CLOSED = "closed"
    REOPENED = "reopened"
    RELATIVE_ADDED = "relative_added"
    RELATIVE_REMOVED = "relative_removed"
    RELATIVE_LINKED_TO_PERSON = "relative_linked_to_person"


class Electorate(Aggregate):
    """The relatives on open cases at one tilbud."""

    @staticmethod
    def create_id(tilbud_id: str) -> UUID:
        return uuid5(NAMESPACE, f"electorate|{tilbud_id}")

    @event("Started")
    def __init__(self, *, tilbud_id: str) -> None:
        self.tilbud_id = require_text(tilbud_id, "tilbud_id")
        self.cases: dict[str, dict[str, Any]] = {}

    def __repr__(self) -> str:
        return f"Electorate(id={self.id!s}, version={self.version})"

    def apply_case_fact(
        self,
        case_id: str,
        case_version: int,
        fact: str,
        relative_id: str | None,
        incarnation: int = 0,
        person_id: str | None = None,
    ) -> bool:
        """Apply one case fact; False (and no event) when it is a repeat. Facts of a
        later incarnation of the cases store (``shared.eventid``: it was restored from a
        backup) come after every version of an earlier one."""
        fact = CaseFact(fact).value
        known = self.cases.get(case_id)
        if known is not None and (incarnation, case_version) <= (
            known.get("incarnation", 0),
            known["version"],
        ):
            return False
        self._case_fact_applied(
            case_id=case_id,
            case_version=case_version,
            fact=fact,
            relative_id=relative_id,
            incarnation=incarnation,
            **({"person_id": person_id} if person_id else {}),
        )
        return True

    @event("CaseFactApplied")
    def _case_fact_applied(
        self,
        case_id: str,
        case_version: int,
        fact: str,
        relative_id: str | None,
        incarnation: int = 0,  # absent from facts stored before restores were marked
        person_id: str | None = None,  # only on a relative linked to a person
    ) -> None:
        # A case first seen after its opening (e.g. a relative added) is open: the
        # cases service changes only open cases.
        case = self.cases.setdefault(case_id, {"open": True, "relatives": [], "version": 0})
        case["version"] = case_version
        if incarnation:
            case["incarnation"] = incarnation
        if fact in (CaseFact.OPENED, CaseFact.REOPENED):
            case["open"] = True
        elif fact == CaseFact.CLOSED:
            case["open"] = False
        elif fact == CaseFact.RELATIVE_ADDED and relative_id not in case["relatives"]:
            case["relatives"].append(relative_id)
        elif fact == CaseFact.RELATIVE_REMOVED and relative_id in case["relatives"]:
            case["relatives"].remove(relative_id)
            case.get("persons", {}).pop(relative_id, None)
        elif fact == CaseFact.RELATIVE_LINKED_TO_PERSON and relative_id is not None:
            if relative_id not in case["relatives"]:
                case["relatives"].append(relative_id)
            case.setdefault("persons", {})[relative_id] = person_id

    def voters(self) -> list[str]:
        """Relatives on an open case at the tilbud (each relative id once)."""
        ids = {r for case in self.cases.values() if case["open"] for r in case["relatives"]}
        return sorted(ids)

    def persons(self) -> dict[str, str]:
        """Each voter's relative entry and the person it counts as: the linked person
        id, or the entry itself while it is not linked."""
        return {
            r: case.get("persons", {}).get(r) or r
            for case in self.cases.values()
            if case["open"]
            for r in case["relatives"]
        }

    def size(self) -> int:
        """How many persons may vote: a person is counted once however many entries."""
        return len(set(self.persons().values()))

    def open_cases(self) -> int:
        return sum(1 for case in self.cases.values() if case["open"])
