"""Danish labels of the APIs' enumerated values (reference data in labels_da.json)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_LABELS = Path(__file__).with_name("labels_da.json")


@cache
def labels() -> dict[str, dict[str, str]]:
    """``{kind: {code: Danish label}}``."""
    loaded: dict[str, dict[str, str]] = json.loads(_LABELS.read_text(encoding="utf-8"))
    return loaded


def label(kind: str, code: str | None) -> str:
    """The Danish label of ``code``; the code itself when none is known."""
    if code is None:
        return ""
    return labels().get(kind, {}).get(code, code)


def choices_of(kind: str) -> list[tuple[str, str]]:
    """``(code, Danish label)`` pairs for a form's radio buttons."""
    return list(labels().get(kind, {}).items())


def relative_name(relative: dict[str, object]) -> str:
    """A relative's name; after an erasure the cases API reads it as null."""
    name = relative.get("name")
    return str(name) if name else "Pårørende (oplysninger slettet)"
