"""Projection of ``pkraft.councils.v1``: councils with their seats and members, and the
participant-budget pools with what was granted, disbursed and spent. (Repeats never
reach it: the audit store recognises their ``ce_id`` in the same transaction.)

Most rows belong to the aggregate whose events change them (a council's, a pool's), and
an aggregate's events are on one partition. A few rows are keyed by something else, so
events of several aggregates, on several partitions, change them: a member of staff's
training row (any training's sessions), code-of-conduct versions and acknowledgements
(any code's) and leader hirings (by centre and hiring id). Their writes are handed to
the batch (:func:`shared_row_writes`), which makes them at its end in one global order
(``projector.SharedRows``), so two consumers never wait on each other in a circle."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import func, select, update

from services.readside.adapters.dashboard_activities import project_activity
from services.readside.adapters.dashboard_conduct import project_conduct
from services.readside.adapters.dashboard_hiring_training import (
    project_hiring,
    trained_rows,
    upsert_trained,
)
from services.readside.adapters.tables import Tables
from services.readside.domain.envelope import Envelope
from shared.sqldb import Tx

Apply = Callable[[Tx, Tables, Envelope, Any], None]


def _seats(tx: Tx, t: Tables, e: Any) -> None:
    upsert = tx.insert(t.councils).values(
        council_id=str(e.council_id),
        tilbud_id=e.tilbud_id,
        kind=getattr(e, "kind", None),
        seats=e.seats.relatives + e.seats.citizens + e.seats.staff,
        members=0,
        meetings=0,
    )
    new = upsert.excluded
    tx.run(
        upsert.on_conflict_do_update(
            index_elements=[t.councils.c.council_id],
            set_={"seats": new.seats, "kind": func.coalesce(new.kind, t.councils.c.kind)},
        )
    )


def _members(tx: Tx, t: Tables, council_id: str) -> None:
    m = t.council_members.c
    n = tx.scalar(select(func.count()).where(m.council_id == council_id, m.active == 1))
    _council(tx, t, council_id, members=int(n or 0))


def _council(tx: Tx, t: Tables, council_id: str, **values: Any) -> None:
    tx.run(update(t.councils).where(t.councils.c.council_id == council_id).values(**values))


def _joined(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    m = t.council_members.c
    upsert = tx.insert(t.council_members).values(
        council_id=str(e.council_id), member_id=e.member_id, kind=e.kind, active=1
    )
    tx.run(
        upsert.on_conflict_do_update(index_elements=[m.council_id, m.member_id], set_={"active": 1})
    )
    _members(tx, t, str(e.council_id))


def _left(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    m = t.council_members.c
    key = (m.council_id == str(e.council_id), m.member_id == e.member_id)
    tx.run(update(t.council_members).where(*key).values(active=0))
    _members(tx, t, str(e.council_id))


def _meeting(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    _council(tx, t, str(e.council_id), meetings=t.councils.c.meetings + 1)


def _election(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    _council(tx, t, str(e.council_id), last_election_at=env.occurred_at)


def _pool(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
    upsert = tx.insert(t.pools).values(pool_id=str(e.pool_id), year=e.year, amount_kr=e.amount_kr)
    tx.run(
        upsert.on_conflict_do_update(
            index_elements=[t.pools.c.pool_id], set_={"amount_kr": upsert.excluded.amount_kr}
        )
    )


def _application(column: str | None, state: str) -> Apply:
    def apply(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
        amount = getattr(e, "spent_kr", getattr(e, "amount_kr", None))
        a = t.applications
        upsert = tx.insert(a).values(
            application_id=e.application_id,
            pool_id=str(e.pool_id),
            year=e.year,
            council_id=str(getattr(e, "council_id", "")) or None,
            state=state,
        )
        tx.run(
            upsert.on_conflict_do_update(index_elements=[a.c.application_id], set_={"state": state})
        )
        if column is not None:
            key = a.c.application_id == e.application_id
            tx.run(update(a).where(key).values({column: amount}))

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
}

Write = Callable[[Tx], None]
RowKey = tuple[str, tuple[str, ...]]  # a row's table (unprefixed) and key, as text


def shared_row_writes(t: Tables, env_type: str, e: Any) -> list[tuple[RowKey, Write]] | None:
    """The writes of an event to rows other aggregates' events change too, each with
    the row it changes (None: the event changes no such row)."""
    if env_type == "training_session_held":
        return [
            (("trained_staff", (row["staff_id"],)), partial(upsert_trained, t=t, row=row))
            for row in trained_rows(e)
        ]
    key: RowKey
    if env_type == "code_of_conduct_adopted":
        key = ("conduct_versions", (str(e.version_number),))
    elif env_type == "code_of_conduct_acknowledged":
        key = ("conduct_acks", (str(e.version_number), e.person_kind, e.person_id))
    elif env_type == "leader_hiring_recorded":
        return [(("leader_hirings", (e.centre_id, e.hiring_id)), partial(project_hiring, t=t, e=e))]
    else:
        return None
    return [(key, partial(project_conduct, t=t, env_type=env_type, e=e))]


def project_council_event(
    tx: Tx, t: Tables, env: Envelope, event: Any, later: list[tuple[RowKey, Write]] | None = None
) -> None:
    """Apply one councils event; its writes to shared rows are added to ``later`` (made
    now without it)."""
    shared = shared_row_writes(t, env.type, event)
    if shared is not None and later is not None:
        later.extend(shared)
    elif shared is not None:
        for _, write in shared:
            write(tx)
    elif (handler := HANDLERS.get(env.type)) is not None:
        handler(tx, t, env, event)
