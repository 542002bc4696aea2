"""Which stored fields of which events are personal, and whose.

A declaration maps each event class to its personal field paths (each with the rule that
names the data subject it belongs to) and its non-personal fields. Paths: ``name`` (a
field), ``changes.name`` (a key of a dict field), ``channels.*`` (every value of a dict),
``agreements[].topic`` (a key of every item of a list), ``participants[]`` (every item).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

SubjectRule = Callable[[str, Mapping[str, Any]], str]
"""(aggregate id, the event's stored state) -> the subject id the value belongs to."""

BASE_FIELDS = frozenset(
    {"originator_id", "originator_version", "originator_topic", "timestamp", "envelope"}
)


@dataclass(frozen=True)
class Personal:
    """One personal field path and whose data it is."""

    path: str
    subject: SubjectRule


@dataclass(frozen=True)
class EventPrivacy:
    """An event class's personal paths and its declared non-personal fields."""

    personal: tuple[Personal, ...] = ()
    public: frozenset[str] = field(default_factory=frozenset)


Leaf = Callable[[Any, str], Any]
"""(value, concrete path such as ``agreements[0].topic``) -> the value to keep."""


def transform(state: dict[str, Any], path: str, leaf: Leaf) -> None:
    """Replace, in place, every value ``path`` reaches in ``state`` with ``leaf(value)``.
    Missing keys and None values are left as they are."""
    _walk(state, path.split("."), leaf, "")


def _walk(node: Any, tokens: list[str], leaf: Leaf, trail: str) -> None:
    token, rest = tokens[0], tokens[1:]
    if not isinstance(node, dict):
        return
    if token == "*":
        keys: Iterable[str] = list(node)
    else:
        keys = [token.removesuffix("[]")]
    for key in keys:
        if key not in node or node[key] is None:
            continue
        here = f"{trail}.{key}" if trail else key
        if token.endswith("[]"):
            items = node[key]
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                where = f"{here}[{i}]"
                if rest:
                    _walk(item, rest, leaf, where)
                elif item is not None:
                    items[i] = leaf(item, where)
        elif rest:
            _walk(node[key], rest, leaf, here)
        else:
            node[key] = leaf(node[key], here)


Replace = Callable[[dict[str, Any]], None]
"""Replaces, in place, every value one path reaches in an event's state."""


def replacer(path: str, value: Any) -> Replace:
    """``transform(state, path, lambda v, where: value)`` with ``path`` split once: the
    relay marks every personal value of every event it reads (``SEALED``)."""
    tokens = path.split(".")
    key = tokens[0].removesuffix("[]")
    if tokens == [key] and key != "*":  # a field

        def field(state: dict[str, Any]) -> None:
            if state.get(key) is not None:
                state[key] = value

        return field
    if tokens == [f"{key}[]"] and key != "*":  # every item of a list field

        def items(state: dict[str, Any]) -> None:
            found = state.get(key)
            if isinstance(found, list):
                for i, item in enumerate(found):
                    if item is not None:
                        found[i] = value

        return items
    if tokens == [key, "*"] and key != "*":  # every value of a dict field

        def values(state: dict[str, Any]) -> None:
            found = state.get(key)
            if isinstance(found, dict):
                for k, v in found.items():
                    if v is not None:
                        found[k] = value

        return values

    def leaf(_: Any, where: str) -> Any:
        return value

    return lambda state: _walk(state, tokens, leaf, "")


def undeclared(
    event_fields: Mapping[str, Iterable[str]], declaration: Mapping[str, EventPrivacy]
) -> list[str]:
    """``Event.field`` for every stored field that is neither personal nor public, and
    ``Event`` for every event class without a declaration."""
    problems: list[str] = []
    for name, fields in sorted(event_fields.items()):
        spec = declaration.get(name)
        if spec is None:
            problems.append(name)
            continue
        personal = {p.path.split(".")[0].removesuffix("[]") for p in spec.personal}
        for f in sorted(set(fields) - BASE_FIELDS):
            if f not in personal and f not in spec.public:
                problems.append(f"{name}.{f}")
    return problems
