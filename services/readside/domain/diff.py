"""Differences between two states of a case, as paths an auditor can read."""

from __future__ import annotations

from typing import Any


def diff(before: Any, after: Any, path: str = "") -> list[dict[str, Any]]:
    """Every leaf that differs: ``{"path", "before", "after"}`` (lists by position or id)."""
    if isinstance(before, dict) and isinstance(after, dict):
        changes: list[dict[str, Any]] = []
        for key in sorted(set(before) | set(after), key=str):
            changes += diff(before.get(key), after.get(key), f"{path}.{key}" if path else key)
        return changes
    if isinstance(before, list) and isinstance(after, list):
        return _diff_lists(before, after, path)
    return [] if before == after else [{"path": path, "before": before, "after": after}]


def _key(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for name in ("id", "relative_id", "agreement_id", "complaint_id", "incident_id"):
            if name in item:
                return str(item[name])
    return str(index)


def _diff_lists(before: list[Any], after: list[Any], path: str) -> list[dict[str, Any]]:
    old = {_key(item, i): item for i, item in enumerate(before)}
    new = {_key(item, i): item for i, item in enumerate(after)}
    changes: list[dict[str, Any]] = []
    for key in list(dict.fromkeys([*old, *new])):
        changes += diff(old.get(key), new.get(key), f"{path}[{key}]")
    return changes
