"""The organisation as the console shows it: each tilbud by its Danish name, and the
tilbud to choose from grouped by citizen centre (the read side's reference data)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple


class CentreChoice(NamedTuple):
    """A citizen centre's tilbud as (id, Danish name) pairs, for an ``<optgroup>``."""

    label: str
    tilbud: list[tuple[str, str]]


def tilbud_names(organisation: Mapping[str, Any]) -> dict[str, str]:
    """Every tilbud's Danish name by its id."""
    return {t_id: name for _, t_id, name in _tilbud(organisation)}


def tilbud_choices(organisation: Mapping[str, Any]) -> list[CentreChoice]:
    """The tilbud grouped by citizen centre, in the organisation's order."""
    groups: list[CentreChoice] = []
    for dept in organisation.get("departments", []):
        for centre in dept.get("centres", []):
            tilbud = [(t["tilbud_id"], t.get("label_da") or t["tilbud_id"])
                      for t in centre.get("tilbud", [])]  # fmt: skip
            if tilbud:
                groups.append(CentreChoice(centre.get("label_da") or centre["centre_id"], tilbud))
    return groups


def _tilbud(organisation: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (centre["centre_id"], t["tilbud_id"], t.get("label_da") or t["tilbud_id"])
        for dept in organisation.get("departments", [])
        for centre in dept.get("centres", [])
        for t in centre.get("tilbud", [])
    ]


def heads(organisation: Mapping[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """The organisation's heads to choose from, by user id: ``centre_heads``
    ("Områdechef, Sundhed og Omsorg, område Nord"). The organisation names roles, never
    people. (A tilbud's head is not always in it: department heads are typed.)"""
    found: list[tuple[str, str]] = []
    for dept in organisation.get("departments", []):
        for centre in dept.get("centres", []):
            head = centre.get("head") or {}
            if head.get("staff_id"):
                role = head.get("role_da") or "Leder"
                found.append((str(head["staff_id"]), f"{role}, {centre.get('label_da') or ''}"))
    return {"centre_heads": found}
