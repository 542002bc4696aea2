"""Turns an audited event into read-model changes, for any topic.

A topic is just another subscription: every event is counted per type, month and tilbud;
events with a known contract (cases, communication, councils when its contracts exist)
are parsed and projected into their own tables.
"""

from __future__ import annotations

import importlib
from collections import Counter
from functools import cache
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Table, case

from services.readside.adapters.dashboard_survey import project_survey_results
from services.readside.adapters.project_cases import Versions, project_case_event
from services.readside.adapters.project_councils import RowKey, Write, project_council_event
from services.readside.adapters.tables import Tables
from services.readside.domain.envelope import Envelope
from services.readside.domain.figures import month_of
from shared.contracts import cases as cases_wire
from shared.contracts.base import Registry, WireEvent
from shared.sqlcore import dialect_insert
from shared.sqldb import Tx

CONTRACT_MODULES = ("cases", "communication", "councils")
MESSAGE_STATES = {
    "message_queued": "queued",
    "message_sent": "sent",
    "message_failed": "failed",
    "message_suppressed": "suppressed",
}


@cache
def registries() -> tuple[Registry, ...]:
    """The contract registries present in this build (a missing module is skipped)."""
    found: list[Registry] = []
    for name in CONTRACT_MODULES:
        try:
            module = importlib.import_module(f"shared.contracts.{name}")
        except ImportError:
            continue
        found.append(module.registry)
    return tuple(found)


def model_for(ce_type: str) -> type[WireEvent] | None:
    for registry in registries():
        model = registry.model_for(ce_type)
        if model is not None:
            return model
    return None


def parse(ce_type: str, data: dict[str, Any]) -> BaseModel | None:
    """The typed contract of a known event (pydantic ValidationError when malformed)."""
    model = model_for(ce_type)
    return model.model_validate(data) if model is not None else None


CountKey = tuple[str, str, str, str]


def count_key(env: Envelope) -> CountKey:
    return (env.topic, env.type, month_of(env.occurred_at), env.tilbud_id or "")


@cache
def _add_counts(postgres: bool, table: Table) -> Any:
    upsert = dialect_insert(postgres, table)
    c = table.c
    return upsert.on_conflict_do_update(
        index_elements=[c.topic, c.type, c.month, c.tilbud_id], set_={"n": c.n + upsert.excluded.n}
    )


def flush_counts(tx: Tx, t: Tables, counts: Counter[CountKey]) -> None:
    """Add counted events to the per-type, month and tilbud table (rows shared by every
    partition: updated in sorted order, so two consumers never wait on each other in a
    circle)."""
    tx.executemany(
        _add_counts(tx.postgres, t.event_counts),
        [
            {"topic": topic, "type": type_, "month": month, "tilbud_id": tilbud, "n": n}
            for (topic, type_, month, tilbud), n in sorted(counts.items())
        ],
    )
    counts.clear()


class SharedRows:
    """A batch's writes to rows that events of several partitions change: the per-type
    counters (:data:`counts`) and the councils rows keyed across aggregates
    (``project_councils.shared_row_writes``). :meth:`flush` makes them at the end of the
    batch, sorted by table and key (one row's writes in the order of their events): every
    batch takes these rows in the same order, after its partition's own rows, so two
    consumers wait on each other at most one way, never in a circle (a deadlock), and
    hold them only from then until commit."""

    def __init__(self) -> None:
        self.counts: Counter[CountKey] = Counter()
        self.writes: list[tuple[RowKey, Write]] = []

    def flush(self, tx: Tx, t: Tables) -> None:
        counts: tuple[RowKey, Write] = (
            ("event_counts", ()),
            lambda tx: flush_counts(tx, t, self.counts),
        )
        for _, write in sorted([*self.writes, counts], key=lambda w: w[0]):
            write(tx)
        self.writes.clear()


def _message(tx: Tx, t: Tables, env: Envelope, event: Any) -> None:
    upsert = tx.insert(t.messages).values(
        message_id=event.message_id,
        kind=event.kind,
        channel=event.channel,
        tilbud_id=event.tilbud_id,
        state=MESSAGE_STATES[env.type],
        reason=getattr(event, "reason", None),
        updated_at=env.occurred_at,
    )
    new = upsert.excluded
    tx.run(
        upsert.on_conflict_do_update(
            index_elements=[t.messages.c.message_id],
            set_={
                "state": new.state,
                "reason": new.reason,
                "updated_at": new.updated_at,
                # A relative's channel is chosen when the message is sent (``pending``
                # until then).
                "channel": case(
                    (new.channel == "pending", t.messages.c.channel), else_=new.channel
                ),
            },
        )
    )


def project(
    tx: Tx,
    t: Tables,
    env: Envelope,
    event: BaseModel | None,
    shared: SharedRows | None = None,
    versions: Versions | None = None,
) -> None:
    """Apply one audited event to generation ``t`` (called once per audit record).

    With ``shared`` the writes to rows of several partitions (the per-type count among
    them) are only collected (the batch flushes them once, :meth:`SharedRows.flush`);
    ``versions`` are the batch's projected case versions (``case_versions``).
    """
    if shared is None:
        flush_counts(tx, t, Counter([count_key(env)]))
    else:
        shared.counts[count_key(env)] += 1
    if isinstance(event, cases_wire.CaseEvent):
        project_case_event(tx, t, env, event, versions)
    elif event is not None and getattr(event, "domain", "") == "councils":
        project_council_event(tx, t, env, event, shared.writes if shared else None)
    elif env.type in MESSAGE_STATES and event is not None:
        _message(tx, t, env, event)
    elif env.type == "survey_results_published" and event is not None:
        project_survey_results(tx, t, event)
