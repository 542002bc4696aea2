"""The collaboration staircase as the console draws it: four steps, where the case stands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    """One level of the staircase, as drawn on a case page."""

    level: int
    label: str
    current: bool


@dataclass(frozen=True)
class Option:
    code: str
    label: str


def steps(catalogue: dict[str, Any], level: int | None) -> list[Step]:
    """The four levels from the catalogue, the case's current level marked."""
    return [
        Step(int(entry["level"]), str(entry["label_da"]), entry["level"] == level)
        for entry in catalogue.get("levels", [])
    ]


def level_entry(catalogue: dict[str, Any], level: int | None) -> dict[str, Any] | None:
    return next((e for e in catalogue.get("levels", []) if e["level"] == level), None)


def level_label(catalogue: dict[str, Any], level: int | None) -> str:
    entry = level_entry(catalogue, level)
    return f"Trin {level}: {entry['label_da']}" if entry else "Ikke vurderet"


def options(catalogue: dict[str, Any], level: int | None, kind: str) -> list[Option]:
    """The characteristics or focus areas (``kind``) of one level, with Danish labels."""
    entry = level_entry(catalogue, level)
    return [Option(o["code"], o["label_da"]) for o in (entry or {}).get(kind, [])]


def label_of(catalogue: dict[str, Any], code: str) -> str:
    """The Danish label of a characteristic, focus area or checklist item code."""
    for entry in catalogue.get("levels", []):
        for kind in ("characteristics", "focus_areas"):
            for option in entry.get(kind, []):
                if option["code"] == code:
                    return str(option["label_da"])
    for item in catalogue.get("move_in_checklist", []):
        if item["code"] == code:
            return str(item["label_da"])
    return code
