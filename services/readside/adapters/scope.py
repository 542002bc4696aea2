"""The scope of a dashboard figure: one tilbud, several (a centre's or a department's:
a roll-up), or None (the municipality), as a condition on a ``tilbud_id`` column."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, true

Scope = str | tuple[str, ...] | None


def in_scope(column: Any, scope: Scope) -> ColumnElement[bool]:
    """``column`` within ``scope`` (an empty roll-up matches nothing)."""
    if isinstance(scope, tuple):
        return column.in_(scope) if scope else false()
    return column == scope if scope else true()
