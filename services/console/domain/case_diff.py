"""What changed in a case between two versions, in Danish: the read side's differences
(``{"path": "relatives[r1].consents[0].form", "before", "after"}``) as rows that say
where (``Pårørende Bodil Hansen › Samtykker › Form``), whether the value was added,
changed or removed, and the values as a person reads them (dates the Danish way,
codes by their labels, a relative by name), never as JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from services.console.domain.labels import label, relative_name
from services.console.domain.timefmt import dansk_dato

_FIELDS = Path(__file__).with_name("case_fields_da.json")
UNSHOWN = {"version", "modified_on"}  # change with every version; the heading says so
LABELLED = {"setting": "setting", "relation": "relation", "legal_role": "legal_role",
            "scope": "scope", "form": "form", "against": "against", "status": "status",
            "complainant": "complainant", "close_reason": "close_reason",
            "outcome": "complaint_outcome", "preferred_channel": "preferred_channel",
            "category": "network_category", "channel": "complaint_channel"}  # fmt: skip
KINDS = {"incidents": "incident_kind", "dialogue_notes": "dialogue_kind",
         "network_relations": "network_kind"}  # fmt: skip
CATALOGUE_CODES = {"characteristics", "focus_areas", "covered_items", "checklist"}
RELATIVE_IDS = {"invited_relatives", "invited_relative_ids", "participants", "relative_ids"}
CONVERSATION_STATUS = {"scheduled": "Planlagt", "held": "Holdt", "cancelled": "Aflyst"}
_AUTOMATIC = re.compile(r"^Automatic escalation: (\w+) reported")
_STEP = re.compile(r"([^.\[\]]+)(?:\[([^\]]+)\])?")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:.]+([+-]\d{2}:\d{2}|Z)?)?$")


@cache
def field_names() -> dict[str, str]:
    loaded: dict[str, str] = json.loads(_FIELDS.read_text(encoding="utf-8"))
    return loaded


def field_name(key: str) -> str:
    """A state key in Danish; an unknown one in words ("legal hold" stays readable)."""
    return field_names().get(key, key.replace("_", " ").capitalize())


@dataclass(frozen=True)
class Change:
    where: str  # "Pårørende Bodil Hansen › Samtykker"
    what: str  # Tilføjet, Ændret, Fjernet
    before: str
    after: str


def changes_in_danish(
    changes: list[Mapping[str, Any]], before: Mapping[str, Any], after: Mapping[str, Any],
    tilbud: Mapping[str, str] | None = None, codes: Callable[[str], str] | None = None,
) -> list[Change]:  # fmt: skip
    """Every difference as a row; ``before``/``after`` are the two states (to name the
    relatives), ``tilbud`` the tilbud's Danish names, ``codes`` the staircase catalogue's
    labels (characteristics, focus areas, checklist items)."""
    rows = []
    look = _Lookups(before, after, codes or (lambda code: code))
    for c in changes:
        steps = _STEP.findall(str(c["path"]))
        if not steps or steps[0][0] in UNSHOWN:
            continue
        what = ("Tilføjet" if c["before"] is None else
                "Fjernet" if c["after"] is None else "Ændret")  # fmt: skip
        key, area = steps[-1][0], steps[0][0]
        rows.append(Change(_where(steps, before, after), what,
                           _shown(c["before"], key, area, tilbud or {}, look),
                           _shown(c["after"], key, area, tilbud or {}, look)))  # fmt: skip
    return rows


@dataclass(frozen=True)
class _Lookups:
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    codes: Callable[[str], str]


def _shown(
    value: Any, key: str, area: str, tilbud: Mapping[str, str], look: _Lookups | None = None
) -> str:
    if key == "tilbud_id" and value is not None:
        return tilbud.get(str(value), str(value))
    if look is not None and value not in (None, [], {}):
        special = _special(value, key, area, look)
        if special is not None:
            return special
    group = KINDS.get(area) if key == "kind" else LABELLED.get(key)
    return _value(value, group, tilbud, area, look)


def _special(value: Any, key: str, area: str, look: _Lookups) -> str | None:
    """Values that are codes of the catalogue, relatives' ids, a conversation's status or
    the system's own (English) reason for an automatic escalation."""
    many = value if isinstance(value, list) else [value]
    if key in CATALOGUE_CODES and all(isinstance(v, str) for v in many):
        return "; ".join(look.codes(str(v)) for v in many)
    if key in RELATIVE_IDS and all(isinstance(v, str) for v in many):
        return "; ".join(_relative(str(v), look.before, look.after) for v in many)
    if key == "status" and area in {"move_in_conversation", "conversation"}:
        return CONVERSATION_STATUS.get(str(value), str(value))
    if key == "justification" and isinstance(value, str):
        found = _AUTOMATIC.match(value)
        if found:
            kind = label("incident_kind", found.group(1)).lower()
            return f"Automatisk: en indberettet hændelse ({kind}) satte sagen på trin 4"
    return None


def _where(
    steps: list[tuple[str, str]], before: Mapping[str, Any], after: Mapping[str, Any]
) -> str:
    parts = []
    for depth, (key, item) in enumerate(steps):
        name = field_name(key)
        if item and depth == 0 and key == "relatives":
            name = f"{name} {_relative(item, before, after)}"
        elif item in ("None", ""):
            pass  # an entry without a key of its own: its place is named by the field
        elif item and item.isdigit():
            name = f"{name} nr. {int(item) + 1}"
        elif item:
            name = f"{name} ({_item(key, item, before, after)})"
        parts.append(name)
    return " › ".join(parts)


def _relative(relative_id: str, *states: Mapping[str, Any]) -> str:
    for state in states:
        for r in state.get("relatives") or []:
            if str(r.get("relative_id")) == relative_id:
                return relative_name(r)
    return "(ukendt)"


def _item(key: str, item_id: str, *states: Mapping[str, Any]) -> str:
    """A keyed entry (a complaint, an incident, an agreement) by when it happened."""
    for state in states:
        for entry in state.get(key) or []:
            if isinstance(entry, dict) and item_id in {str(v) for v in entry.values()}:
                for when in (
                    "received_at",
                    "occurred_at",
                    "made_at",
                    "noted_at",
                    "held_at",
                    "assessed_at",
                    "reported_at",
                    "at",
                ):
                    if entry.get(when):
                        return dansk_dato(str(entry[when]))
    return f"nr. {item_id[:8]}"


def _value(
    value: Any, group: str | None, tilbud: Mapping[str, str], area: str,
    look: _Lookups | None = None,
) -> str:  # fmt: skip
    if value is None or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, str):
        if group:
            return label(group, value)
        return dansk_dato(value) if _MOMENT.match(value) else value
    if isinstance(value, list):
        return "; ".join(_value(v, group, tilbud, area, look) for v in value)
    if isinstance(value, dict):
        return _summary(value, tilbud, area, look)
    return str(value)


def _summary(
    entry: Mapping[str, Any], tilbud: Mapping[str, str], area: str, look: _Lookups | None
) -> str:
    """A whole entry added or removed, as "Navn: Bodil Hansen, Relation: Datter"."""
    if area == "relatives" and "relative_id" in entry:
        return f"{relative_name(dict(entry))} ({label('relation', entry.get('relation')).lower()})"
    parts = []
    for key, v in entry.items():
        if key.endswith("_id") or key in UNSHOWN or v in (None, [], {}):
            continue
        parts.append(f"{field_name(key)}: {_shown(v, key, area, tilbud, look)}")
    return ", ".join(parts) or "–"
