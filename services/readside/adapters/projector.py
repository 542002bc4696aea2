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

from services.readside.adapters.dashboard_survey import project_survey_results
from services.readside.adapters.project_cases import Versions, project_case_event
from services.readside.adapters.project_councils import project_council_event
from services.readside.adapters.tables import Tables
from services.readside.domain.envelope import Envelope
from services.readside.domain.figures import month_of
from shared.contracts import cases as cases_wire
from shared.contracts.base import Registry, WireEvent
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


def flush_counts(tx: Tx, t: Tables, counts: Counter[CountKey]) -> None:
    """Add counted events to the per-type, month and tilbud table."""
    tx.executemany(
        f"INSERT INTO {t.event_counts} (topic, type, month, tilbud_id, n) VALUES (?, ?, ?, ?, ?) "
        f"ON CONFLICT (topic, type, month, tilbud_id) DO UPDATE SET n = {t.event_counts}.n + "
        "excluded.n",
        [(*key, n) for key, n in counts.items()],
    )
    counts.clear()


def _message(tx: Tx, t: Tables, env: Envelope, event: Any) -> None:
    tx.execute(
        f"INSERT INTO {t.messages} (message_id, kind, channel, tilbud_id, state, reason, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO UPDATE SET "
        "state = excluded.state, reason = excluded.reason, updated_at = excluded.updated_at, "
        # A relative's channel is chosen when the message is sent (``pending`` until then).
        f"channel = CASE WHEN excluded.channel = 'pending' THEN {t.messages}.channel "
        "ELSE excluded.channel END",
        (
            event.message_id,
            event.kind,
            event.channel,
            event.tilbud_id,
            MESSAGE_STATES[env.type],
            getattr(event, "reason", None),
            env.occurred_at,
        ),
    )


def project(
    tx: Tx,
    t: Tables,
    env: Envelope,
    event: BaseModel | None,
    counts: Counter[CountKey] | None = None,
    versions: Versions | None = None,
) -> None:
    """Apply one audited event to generation ``t`` (called once per audit record).

    With ``counts`` the per-type count is only accumulated (a batch flushes it once);
    ``versions`` are the batch's projected case versions (``case_versions``).
    """
    if counts is None:
        flush_counts(tx, t, Counter([count_key(env)]))
    else:
        counts[count_key(env)] += 1
    if isinstance(event, cases_wire.CaseEvent):
        project_case_event(tx, t, env, event, versions)
    elif event is not None and getattr(event, "domain", "") == "councils":
        project_council_event(tx, t, env, event)
    elif env.type in MESSAGE_STATES and event is not None:
        _message(tx, t, env, event)
    elif env.type == "survey_results_published" and event is not None:
        project_survey_results(tx, t, event)
