"""Relatives' involvement in the health area (seed 002; part of ``CollaborationCase``).

Per case, staff record when relatives were involved in a decision or an effort: a kind
from the catalogue ``involvement.json`` next to this module, the date it happened (a past
date; a date in the future beyond the allowed clock skew is refused, like the other
times) and which of the case's relatives took part. Ids, codes and a date only, so
nothing personal is stored with it.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any
from zoneinfo import ZoneInfo

from eventsourcing.domain import event

from services.cases.domain.case_base import CaseBase, Record
from services.cases.domain.clock import Now
from services.cases.domain.validation import (
    require_iso_date,
    require_known,
    require_new_id,
    require_text_list,
)
from shared.errors import DomainError

CATALOGUE_FILE = "involvement.json"
LOCAL = ZoneInfo("Europe/Copenhagen")


@cache
def involvement_kinds() -> dict[str, Record]:
    """The catalogue of involvement kinds by code (with Danish and English labels)."""
    raw = files("services.cases.domain").joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
    return {entry["code"]: dict(entry) for entry in json.loads(raw)["kinds"]}


def involvements(case: Any) -> dict[str, Record]:
    """The case's recorded involvements by id (empty before the first)."""
    found: dict[str, Record] = vars(case).get("involvements") or {}
    return found


def _past_date(value: object, now: Now) -> str:
    day = require_iso_date(value, "involved_on")
    latest = (now.at + now.skew).astimezone(LOCAL).date()
    if date.fromisoformat(day) > latest:
        raise DomainError(
            "time_in_future",
            "'involved_on' lies in the future; it records something that has happened.",
            field="involved_on",
            allowed_skew_seconds=int(now.skew.total_seconds()),
        )
    return day


class InvolvementPart(CaseBase):
    """The involvement command and event."""

    def record_involvement(
        self,
        involvement_id: str,
        kind: str,
        involved_on: str,
        relative_ids: list[str],
        actor: str,
        now: Now,
    ) -> None:
        """Record that relatives were involved in a decision or an effort on a date."""
        actor = self._guard_open(actor)
        involvement_id = require_new_id(
            involvement_id, involvements(self), "involvement_exists", "involvement_id"
        )
        if kind not in involvement_kinds():
            raise DomainError(
                "invalid_involvement_kind",
                f"'kind' must be one of {sorted(involvement_kinds())}.",
                field="kind",
                value=kind,
            )
        day = _past_date(involved_on, now)
        ids = require_text_list(relative_ids, "relative_ids")
        if not ids:
            raise DomainError(
                "involvement_needs_relatives",
                "Name at least one of the case's relatives who was involved.",
                field="relative_ids",
            )
        for relative_id in ids:
            require_known(relative_id, self.relatives, "relative_not_found", "relative")
        self._relatives_involved(
            involvement_id=involvement_id,
            kind=kind,
            involved_on=day,
            relative_ids=ids,
            actor=actor,
        )

    @event("RelativesInvolved")
    def _relatives_involved(
        self,
        involvement_id: str,
        kind: str,
        involved_on: str,
        relative_ids: list[str],
        actor: str,
        timestamp: Any = None,
    ) -> None:
        found = dict(involvements(self))
        found[involvement_id] = {
            "involvement_id": involvement_id,
            "kind": kind,
            "involved_on": involved_on,
            "relative_ids": list(relative_ids),
            "recorded_by": actor,
            "recorded_at": timestamp,
        }
        vars(self)["involvements"] = found
