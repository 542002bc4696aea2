"""Guards of a service's privacy declaration and of its insight page's words (GDPR art.
15), shared by the cases and councils tests. A service's test module subclasses
:class:`DeclarationGuard` and :class:`InsightWordsGuard` as ``Test...`` classes and names
its aggregates, declaration, registry and state keys; the checks are written here once:

- every stored field of every event is declared personal (with its subject) or not, so a
  new field cannot reach the store in clear by oversight; declared paths name real fields;
- every event, field and state key a person's insight page can show has a Danish label,
  so a new one cannot reach the page as an English key.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from eventsourcing.domain import AggregateEvent

from shared.contracts.base import Registry
from shared.privacy import insight_words as words
from shared.privacy.declaration import EventPrivacy, undeclared

_LIBRARY_EVENTS = {"Event", "Created", "Snapshot"}
_LITERAL_KEY = re.compile(r'"([a-z][a-z0-9_]*)":\s')


def event_fields(aggregates: Mapping[str, type]) -> dict[str, list[str]]:
    """The fields of each event class of each aggregate, by ``<prefix><EventName>``."""
    return {
        f"{prefix}{name}": [f.name for f in dataclasses.fields(cls)]
        for prefix, owner in aggregates.items()
        for name, cls in vars(owner).items()
        if isinstance(cls, type) and issubclass(cls, AggregateEvent) and name not in _LIBRARY_EVENTS
    }


def literal_keys(modules: Iterable[Path]) -> set[str]:
    """The keys a domain writes into state (``"key": value`` in its source)."""
    return {k for module in modules for k in _LITERAL_KEY.findall(module.read_text())}


def subject_of(
    declared: Mapping[str, EventPrivacy], aggregate_id: str
) -> Callable[[str, str, dict[str, Any]], str]:
    """``subject_of(declared, id)(event, path, state)``: whose key seals that field."""

    def subject(event: str, path: str, state: dict[str, Any]) -> str:
        rule = next(p.subject for p in declared[event].personal if p.path == path)
        return rule(aggregate_id, state)

    return subject


class DeclarationGuard:
    """``aggregates``: event-name prefix -> aggregate class (``{"": CollaborationCase}``);
    ``declared``: the declaration by that name; ``declared_types``: the same by event class;
    ``an_event``: one of the events, to add an undeclared field to."""

    aggregates: ClassVar[Mapping[str, type]]
    declared: ClassVar[Mapping[str, EventPrivacy]]
    declared_types: ClassVar[Mapping[type, EventPrivacy]]
    an_event: ClassVar[str]

    def fields(self) -> dict[str, list[str]]:
        return event_fields(self.aggregates)

    def test_every_field_of_every_event_is_declared_personal_or_not(self) -> None:
        assert undeclared(self.fields(), self.declared) == []

    def test_a_new_undeclared_field_or_event_is_caught(self) -> None:
        fields = self.fields()
        fields[self.an_event] = [*fields[self.an_event], "birthday"]
        new_event = self.an_event.rsplit(".", 1)[0] + "." if "." in self.an_event else ""
        fields[f"{new_event}NewThing"] = ["note"]
        expected = sorted([f"{self.an_event}.birthday", f"{new_event}NewThing"])
        assert undeclared(fields, self.declared) == expected

    def test_declared_paths_name_real_fields_and_nothing_is_both(self) -> None:
        fields = self.fields()
        for name, spec in self.declared.items():
            tops = {p.path.split(".")[0].removesuffix("[]") for p in spec.personal}
            assert tops <= set(fields[name]), name
            assert spec.public <= set(fields[name]), name
            assert not tops & spec.public, name
        assert len(self.declared_types) == len(self.declared)


class InsightWordsGuard:
    """``stored``: the declaration by event name; ``registry``: the published events;
    ``state_keys``: every key the domain writes into what a person's page shows."""

    stored: ClassVar[Mapping[str, EventPrivacy]]
    registry: ClassVar[Registry]
    state_keys: ClassVar[set[str]]

    def test_every_stored_field_and_event_has_a_danish_label(self) -> None:
        missing = {name for name in self.stored if words.event_name_missing(name)}
        for spec in self.stored.values():
            missing |= {f for f in spec.public if words.label(f) is None}
            for personal in spec.personal:
                missing |= set(words.unlabelled_path(personal.path))
        assert missing == set()

    def test_every_published_field_and_event_type_has_a_danish_label(self) -> None:
        models = self.registry.models()
        missing = {m.ce_type() for m in models if words.event_name_missing(m.ce_type())}
        for model in models:
            missing |= {f for f in model.model_fields if words.label(f) is None}
        assert missing == set()

    def test_every_key_the_state_can_hold_has_a_danish_label(self) -> None:
        assert self.state_keys
        assert {k for k in self.state_keys if words.label(k) is None} == set()
