"""Which part of the municipality a dashboard shows: all of it, a department, a citizen
centre or one tilbud (``?afdeling=``, ``?center=``, ``?tilbud=``), the read side's path
for it, and its Danish name from the organisation (reference data)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

# (the page's parameter, the kind, the read side's path prefix), most specific first.
_KINDS = (
    ("tilbud", "tilbud", "/dashboards/tilbud/"),
    ("center", "centre", "/dashboards/centres/"),
    ("afdeling", "department", "/dashboards/departments/"),
)


@dataclass(frozen=True)
class Scope:
    """``kind`` is tilbud, centre or department; ``None`` is the whole municipality."""

    kind: str | None = None
    unit: str = ""

    @property
    def api_path(self) -> str:
        for _, kind, prefix in _KINDS:
            if kind == self.kind:
                return prefix + quote(self.unit, safe="")
        return "/dashboards/municipality"

    @property
    def query(self) -> str:
        """The page's own query for this scope (``?center=x``), empty for the municipality."""
        for param, kind, _ in _KINDS:
            if kind == self.kind:
                return "?" + urlencode({param: self.unit})
        return ""


def scope_from(query: Mapping[str, str]) -> Scope:
    """The most specific part named in the query."""
    for param, kind, _ in _KINDS:
        unit = query.get(param, "").strip()
        if unit:
            return Scope(kind, unit)
    return Scope()


def units(organisation: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """Every (kind, id, Danish name) in the organisation tree."""
    for dept in organisation.get("departments", []):
        yield "department", dept["department_id"], dept.get("label_da", dept["department_id"])
        for centre in dept.get("centres", []):
            yield "centre", centre["centre_id"], centre.get("label_da", centre["centre_id"])
            for t in centre.get("tilbud", []):
                yield "tilbud", t["tilbud_id"], t.get("label_da", t["tilbud_id"])


def title(scope: Scope, organisation: Mapping[str, Any]) -> str:
    """ "Overblik for kommunen", or for the named department, centre or tilbud."""
    if scope.kind is None:
        return "Overblik for kommunen"
    names = {(kind, unit): name for kind, unit, name in units(organisation)}
    return f"Overblik for {names.get((scope.kind, scope.unit), scope.unit)}"
