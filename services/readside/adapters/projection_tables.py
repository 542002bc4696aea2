"""The projection tables of one generation (``rs_g<N>_*``), declared as SQLAlchemy Core
tables: a rebuild fills generation N+1 beside the live N, then switches. They are
derived from the audit store, so they are made (``CREATE TABLE IF NOT EXISTS``) and
dropped rather than migrated; a change of their shape comes with a rebuild."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import BigInteger, Column, Double, Index, Integer, Text
from sqlalchemy.schema import SchemaItem


def _key(name: str, type_: type[Text] | type[Integer] | type[BigInteger] = Text) -> Column[object]:
    return Column(name, type_, primary_key=True, autoincrement=False)


def _text(name: str, nullable: bool = True) -> Column[object]:
    return Column(name, Text, nullable=nullable)


def _int(name: str, nullable: bool = True, big: bool = False) -> Column[object]:
    return Column(name, BigInteger if big else Integer, nullable=nullable)


def _case_table() -> list[SchemaItem]:
    return [
        _key("case_id"),
        _text("tilbud_id", False),
        _int("version", False, big=True),
        _text("status", False),
        *(_text(c) for c in ("setting", "planned_move_in", "opened_at", "closed_at")),
        _int("level"),
        _text("leader"),
        _int("leader_required", False),
        _int("plan_revision"),
        _text("plan_review_date"),
        _int("relatives", False),
        _text("conversation_at"),
        _text("conversation_held_at"),
        _int("open_complaints", False),
        _text("updated_at", False),
    ]


# name -> its columns (made anew for every generation: a column belongs to one table)
PROJECTIONS: dict[str, Callable[[], list[SchemaItem]]] = {
    # The incarnation of the cases store a case's version belongs to, where not 0
    # (``shared.eventid``: the store was restored from a backup and marked restored).
    "case_incarnations": lambda: [_key("case_id"), _int("incarnation", False, big=True)],
    "cases": _case_table,
    "complaints": lambda: [
        _key("case_id"),
        _key("complaint_id"),
        _text("tilbud_id"),
        _text("received_at", False),
        _text("deadline", False),
        *(_text(c) for c in ("first_contact_at", "resolved_at", "outcome")),
    ],
    "levels": lambda: [
        _key("case_id"),
        _key("version", BigInteger),
        _text("tilbud_id"),
        _int("level", False),
        _int("previous_level"),
        _text("direction", False),
        _int("by_system", False),
        _text("occurred_at", False),
    ],
    "incidents": lambda: [
        _key("case_id"),
        _key("incident_id"),
        _text("tilbud_id"),
        _text("kind", False),
        _text("incident_at", False),
    ],
    "relatives": lambda: [
        _key("case_id"),
        _key("relative_id"),
        _text("tilbud_id"),
        _text("legal_role"),
        _int("active", False),
    ],
    "consents": lambda: [
        _key("case_id"),
        _key("relative_id"),
        _key("scope"),
        _text("form"),
        _int("active", False),
    ],
    "messages": lambda: [
        _key("message_id"),
        *(_text(c) for c in ("kind", "channel", "tilbud_id")),
        _text("state", False),
        _text("reason"),
        _text("updated_at", False),
    ],
    "councils": lambda: [
        _key("council_id"),
        _text("tilbud_id", False),
        _text("kind"),
        *(_int(c, False) for c in ("seats", "members", "meetings")),
        _text("last_election_at"),
    ],
    "council_members": lambda: [
        _key("council_id"),
        _key("member_id"),
        _text("kind"),
        _int("active", False),
    ],
    "pools": lambda: [_key("pool_id"), _int("year", False), _int("amount_kr", False, big=True)],
    "applications": lambda: [
        _key("application_id"),
        _text("pool_id", False),
        _int("year"),
        _text("council_id"),
        _text("state", False),
        *(_int(c, big=True) for c in ("applied_kr", "granted_kr", "disbursed_kr", "spent_kr")),
    ],
    "activities": lambda: [
        _key("application_id"),
        _int("year"),
        _text("tilbud_id", False),
        _text("held_on", False),
        *(_int(c, False) for c in ("relatives", "residents", "staff")),
        *(_int(c, False, big=True) for c in ("cost_kr", "returned_kr")),
    ],
    "conduct_versions": lambda: [_key("number", Integer), _text("adopted_on", False)],
    "conduct_acks": lambda: [
        _key("number", Integer),
        _key("kind"),
        _key("person_id"),
        _text("tilbud_id", False),
        _text("acknowledged_on", False),
    ],
    "leader_hirings": lambda: [
        _key("centre_id"),
        _key("hiring_id"),
        _text("hired_on", False),
        _int("with_relatives", False),
    ],
    "trained_staff": lambda: [_key("staff_id"), _text("tilbud_id", False), _text("held_on", False)],
    "contact_persons": lambda: [_key("case_id"), _text("staff_id", False)],
    "involvements": lambda: [
        _key("case_id"),
        _key("involvement_id"),
        _text("tilbud_id"),
        _text("kind", False),
        _text("involved_on", False),
    ],
    "survey_results": lambda: [
        _key("tilbud_id"),
        _key("year", Integer),
        _key("question"),
        _int("n", False),
        Column("mean", Double, nullable=False),
        _text("distribution", False),
    ],
    "event_counts": lambda: [
        *(_key(c) for c in ("topic", "type", "month", "tilbud_id")),
        _int("n", False, big=True),
    ],
}

# name -> the column lists of its indexes (``<table>_i<n>``, as the DDL strings made them)
INDEXES: dict[str, list[tuple[str, ...]]] = {
    "cases": [("tilbud_id",), ("level",), ("leader",)],
    "complaints": [("first_contact_at", "deadline")],
    "levels": [("occurred_at",)],
}


def indexes(table: str, name: str) -> list[Index]:
    return [Index(f"{table}_i{i}", *cols) for i, cols in enumerate(INDEXES.get(name, []))]
