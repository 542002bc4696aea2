"""An aggregate assembled from parts gets every part's event methods as its own events,
with no line repeated in its body, and they store and replay like any other."""

from __future__ import annotations

from uuid import UUID

import pytest
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from shared.aggregate_parts import AssembledFromParts


class CounterPart:
    total: int

    def add(self, n: int) -> None:
        self._added(n=n)

    @event("Added")
    def _added(self, n: int) -> None:
        self.total += n


class LabelPart:
    label: str

    @event("Labelled")
    def relabel(self, label: str) -> None:
        self.label = label


class Tally(Aggregate, CounterPart, LabelPart, metaclass=AssembledFromParts):
    @event("Started")
    def __init__(self) -> None:
        self.total = 0
        self.label = ""


def test_part_events_are_the_aggregates_own_and_replay() -> None:
    app = Application[UUID](env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    tally = Tally()
    tally.add(2)
    tally.relabel("x")
    tally.add(3)
    app.save(tally)

    assert getattr(Tally, "Added").__qualname__ == "Tally.Added"  # noqa: B009
    assert getattr(Tally, "Labelled").__qualname__ == "Tally.Labelled"  # noqa: B009
    stored = [e.topic for e in app.events.recorder.select_events(tally.id)]
    assert stored[1] == f"{__name__}:Tally.Added"
    copy: Tally = app.repository.get(tally.id)
    assert (copy.total, copy.label, copy.version) == (5, "x", 4)


def test_two_parts_defining_one_event_method_are_refused() -> None:
    class OtherCounter:
        @event("AddedAgain")
        def _added(self, n: int) -> None:
            pass

    with pytest.raises(TypeError, match="_added"):

        class Broken(Aggregate, CounterPart, OtherCounter, metaclass=AssembledFromParts):
            pass
