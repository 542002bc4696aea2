"""Opening, reading, closing and reopening cases."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Response

from services.cases.application import now_utc
from services.cases.domain.catalogue import load_catalogue
from services.cases.entrypoints.access import LoggedHistoryReader, LoggedReader
from services.cases.entrypoints.deps import Commands, Reader, Writer
from services.cases.entrypoints.on_case import OnCase
from services.cases.entrypoints.responses import (
    CasePublic,
    CommandAccepted,
    HistoryEntry,
    accepted,
)
from services.cases.entrypoints.schemas import CaseClose, CaseCreate, CaseReopen
from shared.http.replay import as_of_time, as_of_version, replayed

AsOfVersion = Annotated[int | None, as_of_version("case")]
AsOf = Annotated[datetime | None, as_of_time("case")]

router = APIRouter(prefix="/cases", tags=["cases"])
catalogue_router = APIRouter(prefix="/catalogue", tags=["catalogue"])

# Fields of the stored event that are the library's bookkeeping, not the event's data:
# ``originator_topic`` names an internal Python class, so it is never shown.
_BASE_FIELDS = {
    "originator_id",
    "originator_version",
    "originator_topic",
    "timestamp",
    "actor",
    "envelope",
}


@router.post("", status_code=201)
async def open_case(
    body: CaseCreate, user: Writer, commands: Commands, response: Response
) -> CommandAccepted:
    """Open a case for a citizen at a tilbud (one per citizen and tilbud)."""
    outcome = await commands.open(
        cpr=body.cpr,
        tilbud_id=body.tilbud_id,
        setting=body.setting,
        planned_move_in=body.planned_move_in.isoformat() if body.planned_move_in else None,
        actor=user.sub,
    )
    response.headers["Location"] = f"/cases/{outcome.aggregate_id}"
    return accepted(outcome, response)


@router.get("/{case_id}")
async def get_case(
    case_id: UUID,
    user: LoggedReader,
    commands: Commands,
    response: Response,
    as_of_version: AsOfVersion = None,
    as_of: AsOf = None,
) -> CasePublic:
    """The current state of a case, with its version (also the ETag); with `as_of_version`
    or `as_of` (role auditor), the case as that version's event left it."""
    if as_of_version is not None or as_of is not None:
        past = await replayed(commands.app, "case", case_id, user, as_of_version, as_of, response)
        return CasePublic.model_validate(past.to_state(past.modified_on))  # overdue as then
    case = await commands.get(case_id)
    response.headers["ETag"] = f'"{case.version}"'
    return CasePublic.model_validate(case.to_state(now_utc()))


@router.get("/{case_id}/history")
async def case_history(
    case_id: UUID, user: LoggedHistoryReader, commands: Commands
) -> list[HistoryEntry]:
    """Every event of the case in order, with who recorded it, when and why."""
    events = await commands.history(case_id)
    return [_entry(e) for e in events]


def _entry(event: Any) -> HistoryEntry:
    state = vars(event)
    envelope = state.get("envelope") or {}
    return HistoryEntry(
        version=event.originator_version,
        type=type(event).__name__,
        recorded_at=event.timestamp.isoformat(),
        actor=state.get("actor", "system"),
        correlation_id=envelope.get("correlation_id") or None,
        data={
            k: (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in state.items()
            if k not in _BASE_FIELDS and k != "cpr"
        },
    )


@router.post("/{case_id}/close")
async def close_case(body: CaseClose, on: OnCase) -> CommandAccepted:
    """Close the case with a reason; a closed case accepts nothing but reopen."""
    outcome = await on.commands.close(on.case_id, reason=body.reason, note=body.note, **on.by)
    return on.answer(outcome)


@router.post("/{case_id}/reopen")
async def reopen_case(body: CaseReopen, on: OnCase) -> CommandAccepted:
    """Reopen a closed case with a reason."""
    outcome = await on.commands.reopen(on.case_id, reason=body.reason, **on.by)
    return on.answer(outcome)


@catalogue_router.get("/staircase")
async def staircase(user: Reader) -> dict[str, Any]:
    """The Samarbejdstrappen catalogue: levels, characteristics, focus areas, checklist."""
    return load_catalogue().as_dict()
