"""The satisfaction survey rounds, read by the survey staff (role communications, who start
them) and leaders: per round the tilbud, the year, where it stands, how many relatives
were invited and how many respondents answered (the response rate). Counts only."""

# No ``from __future__ import annotations``: FastAPI must see the dependency objects.

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from services.communication.adapters.survey_rounds import SqlRoundFacts
from services.communication.application.survey_rounds import SurveyRound, SurveyRounds
from services.communication.entrypoints.deps import run
from shared.auth import Principal, Role
from shared.http.bounds import MAX_SAFE_INT
from shared.http.fields import Ref
from shared.http.openapi import error_responses
from shared.http.security import require_roles

router = APIRouter(tags=["surveys"])
Year = Annotated[int, Path(ge=2000, le=2100)]
RoundReader = Annotated[Principal, Depends(require_roles(Role.COMMUNICATIONS, Role.LEADER))]


async def _rounds(request: Request) -> SurveyRounds:
    service = request.app.state.service
    return SurveyRounds(SqlRoundFacts(service.store.db), service.settings.survey_min_group)


Rounds = Annotated[SurveyRounds, Depends(_rounds)]


class InvitationCounts(BaseModel):
    waiting: int = Field(description="Queued or being sent.")
    sent: int
    failed: int = Field(description="Could not be delivered (e.g. no usable channel).")
    suppressed: int = Field(description="Not sent: consent or opt-out at sending time.")


class SurveyRoundPublic(BaseModel):
    """A survey round: counts only, no respondent and no relative named."""

    tilbud_id: str
    year: int
    status: str = Field(
        description="inviting (an invitation waits to be sent), collecting (answers are "
        "being entered, no question's group large enough to publish yet) or published (a "
        "question's result is published: a group of at least the minimum)."
    )
    started_at: str | None = Field(
        description="When its invitations were queued (UTC); null when nobody was invited."
    )
    invited: int = Field(description="Relatives invited (one message each), sent or not.")
    invitations: InvitationCounts
    answered: int = Field(description="Respondents with at least one answer entered.")
    response_rate: float | None = Field(
        description="answered / invited (0.5 is 50 %), 4 decimals; null when nobody was "
        "invited. Respondents are counted by their reference, not matched to invitations, "
        "so answers entered from paper can make it exceed 1."
    )

    @classmethod
    def of(cls, r: SurveyRound) -> "SurveyRoundPublic":
        return cls(
            tilbud_id=r.tilbud_id,
            year=r.year,
            status=r.status,
            started_at=r.started_at,
            invited=r.invitations.invited,
            invitations=InvitationCounts(**r.counts()),
            answered=r.answered,
            response_rate=r.response_rate,
        )


class SurveyRoundList(BaseModel):
    items: list[SurveyRoundPublic] = Field(description="The newest year first, then by tilbud.")
    total: int
    limit: int
    offset: int


@router.get("/survey-rounds")
async def list_survey_rounds(
    user: RoundReader,
    rounds: Rounds,
    tilbud_id: Ref | None = Query(None, description="Only this tilbud's rounds."),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_SAFE_INT),
) -> SurveyRoundList:
    """The survey rounds started, with invitations, answers and response rate; paged."""
    found, total = await run(rounds.page, tilbud_id, limit, offset)
    return SurveyRoundList(
        items=[SurveyRoundPublic.of(r) for r in found], total=total, limit=limit, offset=offset
    )


@router.get("/survey-rounds/{tilbud_id}/{year}", responses=error_responses(404))
async def get_survey_round(
    tilbud_id: Ref, year: Year, user: RoundReader, rounds: Rounds
) -> SurveyRoundPublic:
    """One survey round (404 ``survey_round_not_found`` when it was never started)."""
    return SurveyRoundPublic.of(await run(rounds.one, tilbud_id, year))
