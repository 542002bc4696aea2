"""Folds case events into the local :class:`CaseView` (pure; the store makes it idempotent).

Case events carry ids and codes only, so the view holds no name or address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.communication.domain.model import CaseView, RelativeView
from shared.contracts import cases as wire

Apply = Callable[[CaseView, Any, str], None]


def _opened(view: CaseView, e: wire.CaseOpened, ce_id: str) -> None:
    view.tilbud_id = e.tilbud_id
    view.planned_move_in = e.planned_move_in.isoformat() if e.planned_move_in else None
    view.opened_ce_id = ce_id


def _relative_added(view: CaseView, e: wire.RelativeAdded, ce_id: str) -> None:
    view.relatives[e.relative_id] = RelativeView(
        relative_id=e.relative_id,
        channel_kinds=list(e.channel_kinds),
        preferred_channel=e.preferred_channel,
    )


def _relative_updated(view: CaseView, e: wire.RelativeUpdated, ce_id: str) -> None:
    relative = view.relatives.get(e.relative_id)
    if relative is None:
        return
    if e.channel_kinds is not None:
        relative.channel_kinds = list(e.channel_kinds)
    if e.preferred_channel is not None:
        relative.preferred_channel = e.preferred_channel


def _relative_removed(view: CaseView, e: wire.RelativeRemoved, ce_id: str) -> None:
    if e.relative_id in view.relatives:
        view.relatives[e.relative_id].removed = True


def _consent_granted(view: CaseView, e: wire.ConsentGranted, ce_id: str) -> None:
    relative = view.relatives.get(e.relative_id)
    if relative is not None and e.scope not in relative.consents:
        relative.consents.append(e.scope)


def _consent_withdrawn(view: CaseView, e: wire.ConsentWithdrawn, ce_id: str) -> None:
    relative = view.relatives.get(e.relative_id)
    if relative is not None and e.scope in relative.consents:
        relative.consents.remove(e.scope)


def _leader(view: CaseView, e: wire.LeaderAssigned, ce_id: str) -> None:
    view.leader = e.leader


def _closed(view: CaseView, e: wire.CaseClosed, ce_id: str) -> None:
    view.closed = True


def _reopened(view: CaseView, e: wire.CaseReopened, ce_id: str) -> None:
    view.closed = False


APPLIERS: dict[type[Any], Apply] = {
    wire.CaseOpened: _opened,
    wire.RelativeAdded: _relative_added,
    wire.RelativeUpdated: _relative_updated,
    wire.RelativeRemoved: _relative_removed,
    wire.ConsentGranted: _consent_granted,
    wire.ConsentWithdrawn: _consent_withdrawn,
    wire.LeaderAssigned: _leader,
    wire.CaseClosed: _closed,
    wire.CaseReopened: _reopened,
}


def apply(view: CaseView | None, event: wire.CaseEvent, ce_id: str) -> CaseView:
    """The view after ``event`` (a new view when the case is not known yet)."""
    view = view or CaseView(case_id=str(event.case_id), tilbud_id=event.tilbud_id)
    applier = APPLIERS.get(type(event))
    if applier is not None:
        applier(view, event, ce_id)
    return view
