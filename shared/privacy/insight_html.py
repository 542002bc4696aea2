"""The insight export (GDPR art. 15) as a page in plain Danish for the person it is about:
what the page is, why the data are kept, every field by its Danish label, values as people
write them, where the data went and who read them, and the person's rights. A service
gives its own words (``Wording``); the JSON export stays as it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from shared.privacy import insight_words as words
from shared.privacy.insight_page import page


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Wording:
    """A service's words: per kind of subject, who the page is about (``relative`` ->
    ``dig som pårørende``) and its heading; what holds their data (``samarbejdssag``);
    why the service keeps the data; its code values in Danish (``open`` -> ``åben``,
    for the fields in ``coded``); and how a text the system wrote reads in Danish."""

    kinds: dict[str, str]
    held_in: str
    headings: dict[str, str] = field(default_factory=dict)
    purpose: str = ""
    codes: dict[str, str] = field(default_factory=dict)
    coded: frozenset[str] = frozenset()
    system_text: Callable[[str], str] = _same


class Values:
    """Writes a field's value for people, as HTML (escaped)."""

    def __init__(self, wording: Wording) -> None:
        self.wording = wording

    def __call__(self, value: Any, key: str = "") -> str:
        if isinstance(value, dict):
            return self.fields(value) if value else "ingen"
        if isinstance(value, (list, tuple)):
            if not value:
                return "ingen"
            if all(not isinstance(v, (dict, list, tuple)) for v in value):
                return ", ".join(self(v, key) for v in value)
            return "".join(f"<div class='item'>{self(v, key)}</div>" for v in value)
        if isinstance(value, str):
            if value == "system" and (key == "actor" or key.endswith("_by")):
                return escape(_actor(value))
            if key in self.wording.coded and value in self.wording.codes:
                return escape(self.wording.codes[value])
            value = self.wording.system_text(value)
        return escape(words.scalar(value))

    def fields(self, found: dict[str, Any], paths: bool = False) -> str:
        """A table of label and value, one row a field."""
        named = words.path_label if paths else _key_label
        rows = [[escape(named(k)), self(v, k.split(".")[-1])] for k, v in found.items()]
        return table(["Oplysning", "Værdi"], rows)


def _key_label(key: str) -> str:
    text = words.label(key) or key
    return text[:1].upper() + text[1:]


def table(head: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "<p>Ingen.</p>"
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def render(export: dict[str, Any], wording: Wording, aggregate_field: str) -> str:
    """The page: what it is, who it is about, what is stored, where it went, who read it."""
    values = Values(wording)
    recorded = [
        [
            escape(words.scalar(r["recorded_at"])),
            escape(words.event_words(r["type"])),
            escape(_actor(r["actor"])),
            values.fields(r["values"], paths=True),
        ]
        for r in export["recorded"]
    ]
    sent_rows = [
        [
            escape(words.event_words(t["event_type"])),
            str(t["count"]),
            escape(words.scalar(t.get("first_at"))),
            escape(words.scalar(t.get("last_at"))),
            escape(", ".join(_key_label(f).lower() for f in t["fields"]) or "ingen"),
        ]
        for t in export["sent_to"]["event_types"]
    ]
    reads = [
        [
            escape(words.scalar(r["read_at"])),
            escape(r["actor"]),
            escape(", ".join(words.ROLES.get(x, x) for x in r["roles"])),
            escape(words.read_words(r["endpoint"])),
        ]
        for r in export["read_by"]
    ]
    return page(
        export,
        wording,
        aggregate_field=aggregate_field,
        aggregate_label=_key_label(aggregate_field),
        current=values.fields(export["current"]),
        recorded=table(["Hvornår", "Hvad skete", "Af", "Oplysninger"], recorded),
        sent=table(["Hændelse", "Antal", "Første gang", "Seneste", "Indhold"], sent_rows),
        reads=table(["Hvornår", "Hvem", "Rolle", "Hvad"], reads),
    )


def _actor(actor: str) -> str:
    return "systemet (automatisk)" if actor == "system" else actor


def unlabelled(export: dict[str, Any]) -> set[str]:
    """The field names of an export that the page would show without a Danish label, and
    event names without a Danish name (for the guard tests)."""
    missing: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                missing.update([k] if words.label(k) is None else [])
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    walk(export["current"])
    for r in export["recorded"]:
        missing.update(p for path in r["values"] for p in words.unlabelled_path(path))
        missing.update([r["type"]] if words.event_words(r["type"]) == "anden hændelse" else [])
    for t in export["sent_to"]["event_types"]:
        missing.update(f for f in t["fields"] if words.label(f) is None)
        if words.event_words(t["event_type"]) == "anden hændelse":
            missing.add(t["event_type"])
    return missing
