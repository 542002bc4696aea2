"""The compatibility check of ``make lint`` (shared/contracts/compat.py)."""

from __future__ import annotations

import json
from typing import Any

from shared.contracts.compat import breaking_changes, check

OLD: dict[str, Any] = {
    "properties": {
        "case_id": {"type": "string", "format": "uuid"},
        "level": {"type": "integer"},
        "channel": {"type": "string", "enum": ["email", "none"]},
    },
    "required": ["case_id", "level"],
}


def _with(**props: Any) -> dict[str, Any]:
    return {**OLD, "properties": {**OLD["properties"], **props}}


def test_compatible_changes_pass() -> None:
    added_optional = _with(note_id={"anyOf": [{"type": "string"}, {"type": "null"}]})
    narrowed = _with(channel={"type": "string", "enum": ["email"]})
    assert breaking_changes(OLD, added_optional) == []
    assert breaking_changes(OLD, narrowed) == []


def test_breaking_changes_are_named() -> None:
    removed = {**OLD, "properties": {k: v for k, v in OLD["properties"].items() if k != "level"}}
    retyped = _with(level={"type": "string"})
    required = {**_with(reason={"type": "string"}), "required": ["case_id", "level", "reason"]}
    widened = _with(channel={"type": "string", "enum": ["email", "none", "sms"]})
    assert breaking_changes(OLD, removed) == ["field 'level' removed"]
    assert breaking_changes(OLD, retyped) == ["field 'level' retyped"]
    assert breaking_changes(OLD, required) == ["field 'reason' is newly required"]
    assert breaking_changes(OLD, widened) == ["field 'channel' accepts values it did not"]


def test_a_breaking_change_passes_only_as_a_new_version_beside_the_old() -> None:
    published = {"cases/x.v1.json": json.dumps(OLD)}
    retyped = json.dumps(_with(level={"type": "string"}))
    in_place = check(published, {"cases/x.v1.json": retyped}, {"cases/x.v1.json"})
    assert in_place == ["cases/x.v1.json: field 'level' retyped (bump the type's version)"]
    bumped = {"cases/x.v2.json": retyped}
    assert check(published, bumped, {"cases/x.v1.json", "cases/x.v2.json"}) == []
    old_dropped = check(published, bumped, {"cases/x.v2.json"})
    assert old_dropped == ["cases/x.v1.json: a published version was removed (keep it published)"]
