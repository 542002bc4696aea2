"""Folds case facts into the local :class:`CaseView` (pure; the store makes it idempotent).

Case facts carry ids and codes only, so the view holds no name or address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.communication.domain import case_facts as facts
from services.communication.domain.model import CaseView, RelativeView

Apply = Callable[[CaseView, Any, str], None]


def _opened(view: CaseView, e: facts.CaseOpened, ce_id: str) -> None:
    view.tilbud_id = e.tilbud_id
    view.planned_move_in = e.planned_move_in.isoformat() if e.planned_move_in else None
    view.opened_ce_id = ce_id


def _relative_added(view: CaseView, e: facts.RelativeAdded, ce_id: str) -> None:
    view.relatives[e.relative_id] = RelativeView(
        relative_id=e.relative_id,
        channel_kinds=[k.value for k in e.channel_kinds],
        preferred_channel=e.preferred_channel.value if e.preferred_channel else None,
    )


def _relative_updated(view: CaseView, e: facts.RelativeUpdated, ce_id: str) -> None:
    relative = view.relatives.get(e.relative_id)
    if relative is None:
        return
    if e.channel_kinds is not None:
        relative.channel_kinds = [k.value for k in e.channel_kinds]
    if e.preferred_channel is not None:
        relative.preferred_channel = e.preferred_channel.value


def _relative_removed(view: CaseView, e: facts.RelativeRemoved, ce_id: str) -> None:
    if e.relative_id in view.relatives:
        view.relatives[e.relative_id].removed = True


def _consent_granted(view: CaseView, e: facts.ConsentGranted, ce_id: str) -> None:
    relative = view.relatives.get(e.relative_id)
    if relative is not None and e.scope.value not in relative.consents:
        relative.consents.append(e.scope.value)


def _consent_withdrawn(view: CaseView, e: facts.ConsentWithdrawn, ce_id: str) -> None:
    relative = view.relatives.get(e.relative_id)
    if relative is not None and e.scope.value in relative.consents:
        relative.consents.remove(e.scope.value)


def _leader(view: CaseView, e: facts.LeaderAssigned, ce_id: str) -> None:
    view.leader = e.leader


def _closed(view: CaseView, e: facts.CaseClosed, ce_id: str) -> None:
    view.closed = True


def _reopened(view: CaseView, e: facts.CaseReopened, ce_id: str) -> None:
    view.closed = False


APPLIERS: dict[type[facts.CaseFact], Apply] = {
    facts.CaseOpened: _opened,
    facts.RelativeAdded: _relative_added,
    facts.RelativeUpdated: _relative_updated,
    facts.RelativeRemoved: _relative_removed,
    facts.ConsentGranted: _consent_granted,
    facts.ConsentWithdrawn: _consent_withdrawn,
    facts.LeaderAssigned: _leader,
    facts.CaseClosed: _closed,
    facts.CaseReopened: _reopened,
}


def apply(view: CaseView | None, fact: facts.CaseFact, ce_id: str) -> CaseView:
    """The view after ``fact`` (a new view when the case is not known yet)."""
    view = view or CaseView(case_id=fact.case_id, tilbud_id=fact.tilbud_id)
    applier = APPLIERS.get(type(fact))
    if applier is not None:
        applier(view, fact, ce_id)
    return view
