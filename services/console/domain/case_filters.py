"""The case list's filters: the page's Danish query parameters as the read side's."""

from __future__ import annotations

from collections.abc import Mapping

# (query parameter, the read side's parameter, Danish label), in the order shown.
FLAGS = [
    ("leder_paakraevet", "leader_required", "Mangler en ansvarlig leder"),
    ("kontakt_overskredet", "overdue_first_contact", "Første kontakt på en klage er overskredet"),
    ("mangler_plan", "missing_plan", "Mangler en handleplan"),
    ("mangler_samtale", "move_in_conversation_missing", "Mangler indflytningssamtale"),
]


def read_side_filters(query: Mapping[str, str]) -> dict[str, str]:
    """``?tilbud=lyngen&trin=4&mangler_plan=ja`` as ``GET /cases`` filters."""
    filters: dict[str, str] = {}
    tilbud = query.get("tilbud", "").strip()
    if tilbud:
        filters["tilbud_id"] = tilbud
    if query.get("trin", "") in ("1", "2", "3", "4"):
        filters["level"] = query["trin"]
    for name, param, _ in FLAGS:
        if query.get(name) == "ja":
            filters[param] = "true"
    return filters
