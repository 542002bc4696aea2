"""Aggregates assembled from parts.

An aggregate class that is long enough to split keeps one area per part (a plain mixin
holding that area's commands and ``@event`` methods). The eventsourcing library defines
an event class only for the ``@event`` methods in the aggregate class's own namespace,
so a part's event methods would otherwise have to be repeated in the aggregate's body.
``AssembledFromParts`` copies them into the namespace as the class is made: adding an
event method to a part needs no second line, and its events are ``<Aggregate>.<Name>``
(the stored topics) exactly as if written in the aggregate's body.

    class Case(Aggregate, RelativesPart, StaircasePart, metaclass=AssembledFromParts): ...
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate, CommandMethodDecorator, MetaAggregate


def part_event_methods(bases: tuple[type, ...]) -> dict[str, CommandMethodDecorator]:
    """Every ``@event`` method defined by a part (a base that is not itself an aggregate)."""
    found: dict[str, CommandMethodDecorator] = {}
    for base in bases:
        if issubclass(base, Aggregate):
            continue
        for klass in reversed(base.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, CommandMethodDecorator):
                    if name in found and found[name] is not value:
                        raise TypeError(f"event method {name} is defined by two parts")
                    found[name] = value
    return found


class AssembledFromParts(MetaAggregate[Any]):
    """The aggregate metaclass, with the parts' ``@event`` methods in the class body."""

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any
    ) -> AssembledFromParts:
        for attr, method in part_event_methods(bases).items():
            namespace.setdefault(attr, method)
        return super().__new__(mcs, name, bases, namespace, **kwargs)
