"""The Samarbejdstrappen catalogue, kept as packaged data so it can be corrected.

The JSON file ``staircase.json`` next to this module is the single source of the
staircase levels, their characteristics (kendetegn), their focus areas (fokus på)
and the move-in conversation checklist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from shared.errors import DomainError

CATALOGUE_FILE = "staircase.json"


@dataclass(frozen=True)
class CatalogueEntry:
    """One coded item of the catalogue with its Danish and English label."""

    code: str
    label_da: str
    label_en: str


@dataclass(frozen=True)
class StaircaseLevel:
    """One step of the staircase: what characterises it, what to focus on."""

    level: int
    label_da: str
    label_en: str
    characteristics: tuple[CatalogueEntry, ...]
    focus_areas: tuple[CatalogueEntry, ...]


@dataclass(frozen=True)
class StaircaseCatalogue:
    """The whole staircase plus the move-in checklist, immutable."""

    levels: tuple[StaircaseLevel, ...]
    move_in_checklist: tuple[CatalogueEntry, ...]
    raw_json: str

    def level_numbers(self) -> tuple[int, ...]:
        """The valid level numbers, lowest first."""
        return tuple(lvl.level for lvl in self.levels)

    def level(self, n: int) -> StaircaseLevel:
        """The level numbered ``n``; raises ``invalid_level`` if there is none."""
        if isinstance(n, int) and not isinstance(n, bool):
            for lvl in self.levels:
                if lvl.level == n:
                    return lvl
        raise DomainError(
            "invalid_level",
            f"Level must be one of {list(self.level_numbers())}.",
            level=n,
        )

    def characteristic_codes(self, level: int) -> tuple[str, ...]:
        """Codes of the characteristics that belong to ``level``."""
        return tuple(e.code for e in self.level(level).characteristics)

    def focus_area_codes(self, level: int) -> tuple[str, ...]:
        """Codes of the focus areas that belong to ``level``."""
        return tuple(e.code for e in self.level(level).focus_areas)

    def all_focus_area_codes(self) -> tuple[str, ...]:
        """Codes of every focus area on every level."""
        return tuple(e.code for lvl in self.levels for e in lvl.focus_areas)

    def checklist_codes(self) -> tuple[str, ...]:
        """Codes of the move-in conversation checklist items."""
        return tuple(e.code for e in self.move_in_checklist)

    def as_dict(self) -> dict[str, Any]:
        """The raw catalogue document (a fresh copy on each call)."""
        result: dict[str, Any] = json.loads(self.raw_json)
        return result


def _entries(items: list[dict[str, Any]]) -> tuple[CatalogueEntry, ...]:
    return tuple(
        CatalogueEntry(code=i["code"], label_da=i["label_da"], label_en=i["label_en"])
        for i in items
    )


def parse_catalogue(raw_json: str) -> StaircaseCatalogue:
    """Build a catalogue from the JSON text of ``staircase.json``."""
    doc = json.loads(raw_json)
    levels = tuple(
        StaircaseLevel(
            level=int(lvl["level"]),
            label_da=lvl["label_da"],
            label_en=lvl["label_en"],
            characteristics=_entries(lvl["characteristics"]),
            focus_areas=_entries(lvl["focus_areas"]),
        )
        for lvl in sorted(doc["levels"], key=lambda d: int(d["level"]))
    )
    return StaircaseCatalogue(
        levels=levels,
        move_in_checklist=_entries(doc["move_in_checklist"]),
        raw_json=raw_json,
    )


@cache
def load_catalogue() -> StaircaseCatalogue:
    """The packaged catalogue, read once per process."""
    raw = files(__package__ or __name__).joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
    return parse_catalogue(raw)
