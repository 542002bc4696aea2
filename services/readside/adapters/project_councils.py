"""Projection of ``pkraft.councils.v1``: councils with their seats and members, and the
participant-budget pools with what was granted, disbursed and spent. (Repeats never
reach it: the audit store recognises their ``ce_id`` in the same transaction.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.readside.adapters.dashboard_activities import project_activity
from services.readside.adapters.dashboard_conduct import project_conduct
from services.readside.adapters.dashboard_hiring_training import project_hiring, project_session
from services.readside.adapters.tables import Tables
from services.readside.domain.envelope import Envelope
from shared.sqldb import Tx

Apply = Callable[[Tx, Tables, Envelope, Any], None]


def _seats(tx: Tx, t: Tables, e: Any) -> None:
    tx.execute(
        f"INSERT INTO {t.councils} (council_id, tilbud_id, kind, seats, members, meetings) "
        "VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT (council_id) DO UPDATE SET seats = excluded.seats, "
        f"kind = COALESCE(excluded.kind, {t.councils}.kind)",
        (
            str(e.council_id),
            e.tilbud_id,
            getattr(e, "kind", None),
            e.seats.relatives + e.seats.citizens + e.seats.staff,
        ),
    )


def _members(tx: Tx, t: Tables, council_id: str) -> None:
    row = tx.one(
        f"SELECT COUNT(*) FROM {t.council_members} WHERE council_id = ? AND active = 1",
        (council_id,),
    )
    tx.execute(
        f"UPDATE {t.councils} SET members = ? WHERE council_id = ?",
        (int(row[0]) if row else 0, council_id),
    )


def _joined(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    tx.execute(
        f"INSERT INTO {t.council_members} (council_id, member_id, kind, active) "
        "VALUES (?, ?, ?, 1) ON CONFLICT (council_id, member_id) DO UPDATE SET active = 1",
        (str(e.council_id), e.member_id, e.kind),
    )
    _members(tx, t, str(e.council_id))


def _left(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    tx.execute(
        f"UPDATE {t.council_members} SET active = 0 WHERE council_id = ? AND member_id = ?",
        (str(e.council_id), e.member_id),
    )
    _members(tx, t, str(e.council_id))


def _meeting(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    tx.execute(
        f"UPDATE {t.councils} SET meetings = meetings + 1 WHERE council_id = ?",
        (str(e.council_id),),
    )


def _election(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    tx.execute(
        f"UPDATE {t.councils} SET last_election_at = ? WHERE council_id = ?",
        (env.occurred_at, str(e.council_id)),
    )


def _pool(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    tx.execute(
        f"INSERT INTO {t.pools} (pool_id, year, amount_kr) VALUES (?, ?, ?) "
        "ON CONFLICT (pool_id) DO UPDATE SET amount_kr = excluded.amount_kr",
        (str(e.pool_id), e.year, e.amount_kr),
    )


def _application(column: str | None, state: str) -> Apply:
    def apply(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
        amount = getattr(e, "spent_kr", getattr(e, "amount_kr", None))
        tx.execute(
            f"INSERT INTO {t.applications} (application_id, pool_id, year, council_id, state) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (application_id) DO UPDATE SET state = ?",
            (
                e.application_id,
                str(e.pool_id),
                e.year,
                str(getattr(e, "council_id", "")) or None,
                state,
                state,
            ),
        )
        if column is not None:
            tx.execute(
                f"UPDATE {t.applications} SET {column} = ? WHERE application_id = ?",
                (amount, e.application_id),
            )

    return apply


HANDLERS: dict[str, Apply] = {
    "council_formed": lambda tx, t, env, e: _seats(tx, t, e),
    "seats_agreed": lambda tx, t, env, e: _seats(tx, t, e),
    "member_joined": _joined,
    "member_left": _left,
    "meeting_scheduled": _meeting,
    "election_closed": _election,
    "pool_opened": _pool,
    "budget_applied": _application("applied_kr", "applied"),
    "budget_granted": _application("granted_kr", "granted"),
    "budget_rejected": _application(None, "rejected"),
    "budget_disbursed": _application("disbursed_kr", "disbursed"),
    "spending_reported": _application("spent_kr", "spent"),
    "activity_held": lambda tx, t, env, e: project_activity(tx, t, e),
    "code_of_conduct_adopted": lambda tx, t, env, e: project_conduct(tx, t, env.type, e),
    "code_of_conduct_acknowledged": lambda tx, t, env, e: project_conduct(tx, t, env.type, e),
    "leader_hiring_recorded": lambda tx, t, env, e: project_hiring(tx, t, e),
    "training_session_held": lambda tx, t, env, e: project_session(tx, t, e),
}


def project_council_event(tx: Tx, t: Tables, env: Envelope, event: Any) -> None:
    handler = HANDLERS.get(env.type)
    if handler is not None:
        handler(tx, t, env, event)
