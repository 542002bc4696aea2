"""Reacting to other services' events: update the projection and run the rules, once.

Each inbound event is handled in one transaction: its ce_id is claimed in the inbox,
the case view is updated, the rules' messages and timers are recorded. A repeated or
replayed event finds its ce_id claimed and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from services.communication.application.ports import Renderer, Store, StoreTx
from services.communication.application.queueing import queue_all
from services.communication.domain import audience, conduct, projection
from services.communication.domain.case_facts import CaseFact, ConsentGranted
from services.communication.domain.message import stamp
from services.communication.domain.model import CaseView, Outgoing
from services.communication.domain.rules import (
    TIMER_RULES,
    CancelTimer,
    Rule,
    Staff,
    Timer,
    Trigger,
    run_case_rules,
)
from shared.logging import get_logger

log = get_logger(__name__)
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Inbound:
    """Application service for events from ``pkraft.cases.v1`` and ``pkraft.councils.v1``."""

    def __init__(
        self,
        store: Store,
        renderer: Renderer,
        staff: Staff,
        rules: list[Rule] | None = None,
        clock: Clock = utcnow,
        tilbud_ids: Sequence[str] = (),
    ) -> None:
        self._store = store
        self._renderer = renderer
        self._staff = staff
        self._rules = rules
        self._clock = clock
        self._tilbud_ids = tuple(tilbud_ids)

    def when_case_event(self, ce_id: str, event: CaseFact) -> int:
        """Fold a case event's fact into the projection and queue what the rules ask for."""
        with self._store.transaction() as tx:
            if not tx.claim_inbound(ce_id):
                return 0
            view = projection.apply(tx.load_case(event.case_id), event, ce_id)
            effects = run_case_rules(Trigger(event, ce_id, view, self._staff), self._rules)
            tx.save_case(view)
            outgoing = self._current_conduct(tx, event, view)
            for effect in effects:
                if isinstance(effect, Timer):
                    tx.set_timer(effect)
                elif isinstance(effect, CancelTimer):
                    tx.cancel_timer(effect.timer_id)
                else:
                    outgoing.append(effect)
            queued = queue_all(tx, outgoing, self._renderer, self._clock())
        if queued:
            log.info("messages_queued", ce_id=ce_id, count=queued)
        return queued

    @staticmethod
    def _current_conduct(tx: StoreTx, event: CaseFact, view: CaseView) -> list[Outgoing]:
        """A relative's consent to messages: the current code of conduct, if not yet had."""
        if not isinstance(event, ConsentGranted):
            return []
        current = conduct.current(tx.records(conduct.RECORD, ""))
        return conduct.on_consent(event, view, current)

    def when_council_event(self, ce_id: str, name: str, data: dict[str, Any]) -> int:
        """Council election called / minutes published: to the tilbud's relatives; a new
        code of conduct: to every relative and every tilbud's staff mailbox."""
        rule = audience.COUNCIL_RULES.get(name)
        if rule is None:
            return 0
        broadcast = rule(data, ce_id)
        staff_copies: list[Outgoing] = []
        if name in audience.PROGRAMME_WIDE:
            staff_copies = audience.to_tilbud_mailboxes(broadcast, self._tilbud_ids, self._staff)
        with self._store.transaction() as tx:
            if not tx.claim_inbound(ce_id):
                return 0
            if name == "code_of_conduct_adopted":
                version = conduct.adopted(data, ce_id)
                tx.put_record(conduct.RECORD, version.key, version.to_json())
            views = tx.cases_of(audience.council_tilbud_ids(data, name))
            outgoing = [*audience.audience(views, broadcast), *staff_copies]
            queued = queue_all(tx, outgoing, self._renderer, self._clock())
        log.info("council_messages_queued", ce_id=ce_id, count=queued)
        return queued

    def fire_due_timers(self, limit: int = 100) -> int:
        """Run the timers that are due (e.g. the complaint reminder); returns how many."""
        now = self._clock()
        with self._store.transaction() as tx:
            timers = tx.due_timers(stamp(now), limit)
            for timer in timers:
                view = tx.load_case(timer.case_id)
                tx.fire_timer(timer.timer_id)
                if view is None:
                    continue
                outgoing = TIMER_RULES[timer.kind](timer, view, self._staff)
                queue_all(tx, outgoing, self._renderer, now)
        return len(timers)
