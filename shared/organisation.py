"""The municipality's organisation as reference data: departments, centres, tilbud.

``OrganisationDirectory`` is the boundary. The default implementation reads a JSON file
(``shared/reference/organisation.json``, or the file named by ``PKRAFT_ORGANISATION_FILE``)
once per process. An adapter to the municipality's organisation system implements the
same Protocol (for instance by reading an export or its API into the same tree at
start-up) and is passed where the services build their directory.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from shared.errors import DomainError, NotFoundError

DEFAULT_FILE = Path(__file__).parent / "reference" / "organisation.json"


class OrganisationDirectory(Protocol):
    """What the services ask of the organisation."""

    def tree(self) -> dict[str, Any]:
        """Departments → centres → tilbud, with heads and staff numbers."""
        ...

    def knows(self, tilbud_id: str) -> bool: ...

    def tilbud_of_centre(self, centre_id: str) -> list[str]:
        """The centre's tilbud ids; NotFoundError ``unknown_centre``."""
        ...

    def tilbud_of_department(self, department_id: str) -> list[str]:
        """The department's tilbud ids; NotFoundError ``unknown_department``."""
        ...

    def staff(self, tilbud_id: str) -> int | None: ...

    def label(self, tilbud_id: str) -> str:
        """The tilbud's Danish name (its id when the organisation does not name it)."""
        ...


class FileOrganisationDirectory:
    """The organisation read from a JSON file (the default adapter)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self._centres: dict[str, list[str]] = {}
        self._departments: dict[str, list[str]] = {}
        self._staff: dict[str, int | None] = {}
        self._labels: dict[str, str] = {}
        for dept in data["departments"]:
            ids = self._departments.setdefault(str(dept["department_id"]), [])
            for centre in dept["centres"]:
                cids = self._centres.setdefault(str(centre["centre_id"]), [])
                for t in centre["tilbud"]:
                    tid = str(t["tilbud_id"])
                    if tid in self._staff:
                        raise ValueError(f"tilbud {tid!r} appears twice in the organisation")
                    self._staff[tid] = int(t["staff"]) if t.get("staff") is not None else None
                    if t.get("label_da"):
                        self._labels[tid] = str(t["label_da"])
                    cids.append(tid)
                    ids.append(tid)

    @classmethod
    def from_file(cls, path: str | Path) -> FileOrganisationDirectory:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def tree(self) -> dict[str, Any]:
        return {"departments": self._data["departments"]}

    def knows(self, tilbud_id: str) -> bool:
        return tilbud_id in self._staff

    def tilbud_of_centre(self, centre_id: str) -> list[str]:
        if centre_id not in self._centres:
            raise NotFoundError("unknown_centre", "no such citizen centre", centre_id=centre_id)
        return list(self._centres[centre_id])

    def tilbud_of_department(self, department_id: str) -> list[str]:
        if department_id not in self._departments:
            raise NotFoundError(
                "unknown_department", "no such department", department_id=department_id
            )
        return list(self._departments[department_id])

    def staff(self, tilbud_id: str) -> int | None:
        return self._staff.get(tilbud_id)

    def label(self, tilbud_id: str) -> str:
        return self._labels.get(tilbud_id, tilbud_id)


@lru_cache(maxsize=8)
def load_directory(path: str = "") -> FileOrganisationDirectory:
    """The directory from ``path`` (empty: the default file), loaded once per process."""
    return FileOrganisationDirectory.from_file(path or DEFAULT_FILE)


def require_tilbud(directory: OrganisationDirectory, tilbud_id: str) -> None:
    """Refuse a tilbud the organisation does not hold (422 ``unknown_tilbud``)."""
    if not directory.knows(tilbud_id):
        raise DomainError(
            "unknown_tilbud", "no such tilbud in the organisation", tilbud_id=tilbud_id
        )
