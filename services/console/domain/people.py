"""People chosen by name, not typed by id: the relatives of a tilbud's open cases (the
cases API names them), a council's members and candidates (the councils API names
them). A person the APIs do not name is shown by a Danish placeholder, never an id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from services.console.domain.labels import label, relative_name

UNNAMED = "Pårørende {n} (navnet kan ikke vises)"


class Relative(NamedTuple):
    name: str | None  # None after an erasure
    relation: str  # Danish, lower case

    @property
    def shown(self) -> str:
        """ "Bodil Hansen (datter)"."""
        return f"{relative_name({'name': self.name})} ({self.relation})"


def relatives_by_id(cases: Iterable[Mapping[str, Any]]) -> dict[str, Relative]:
    """Every relative of the cases the cases API answered, by ``relative_id``."""
    found = {}
    for case in cases:
        for r in case.get("relatives", []):
            relation = label("relation", str(r.get("relation", ""))).lower()
            found[str(r["relative_id"])] = Relative(r.get("name") or None, relation)
    return found


def named_choices(
    ids: Iterable[str], known: Mapping[str, Relative], also: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(id, "Bodil Hansen (datter)") pairs sorted by name; an id the cases do not name
    is named by ``also`` (the names a council holds), else gets a numbered placeholder
    (``Pårørende 2 (navnet kan ikke vises)``)."""
    ids = list(ids)
    also = also or {}
    names = {i: known[i].shown if i in known else also[i] for i in ids if i in known or i in also}
    found = sorted(names.items(), key=lambda p: p[1])
    unknown = [i for i in ids if i not in names]
    return found + [(i, UNNAMED.format(n=n)) for n, i in enumerate(unknown, 1)]


def council_people(council: Mapping[str, Any]) -> dict[str, str]:
    """The names a council holds: its members' (``person_ref``) and its candidates'
    (``relative_id``), where given."""
    names: dict[str, str] = {}
    for member in [*council.get("former_members", []), *council.get("members", [])]:
        if member.get("name"):
            names[str(member["person_ref"])] = str(member["name"])
    for election in council.get("elections", []):
        for relative_id, name in (election.get("candidate_names") or {}).items():
            if name:
                names[str(relative_id)] = str(name)
    return names
