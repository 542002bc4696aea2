"""The satisfaction survey rounds with their invitations and answers, for the survey staff
and leaders: how many relatives were invited, how many respondents answered (the response
rate), and where the round stands. A read-only query; counts only, nothing personal."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from services.communication.domain.message import (
    FAILED,
    QUEUED,
    SENDING,
    SENT,
    SUPPRESSED,
)
from shared.errors import NotFoundError

RULE = "survey_invitation"  # the rule and trigger (survey:<tilbud>:<year>) staff.py queues
INVITING, COLLECTING, PUBLISHED = "inviting", "collecting", "published"


def trigger_of(tilbud_id: str, year: int) -> str:
    return f"survey:{tilbud_id}:{year}"


@dataclass(frozen=True)
class Invitations:
    """A round's invitations by the state of their message."""

    by_status: dict[str, int] = field(default_factory=dict)
    first_at: str | None = None  # when the first was queued: the round's start

    @property
    def invited(self) -> int:
        return sum(self.by_status.values())

    @property
    def waiting(self) -> int:
        return self.by_status.get(QUEUED, 0) + self.by_status.get(SENDING, 0)


@dataclass(frozen=True)
class SurveyRound:
    tilbud_id: str
    year: int
    status: str
    started_at: str | None
    invitations: Invitations
    answered: int  # respondents with at least one answer
    response_rate: float | None  # answered / invited; None when nobody was invited

    def counts(self) -> dict[str, int]:
        s = self.invitations.by_status
        return {
            "waiting": self.invitations.waiting,
            "sent": s.get(SENT, 0),
            "failed": s.get(FAILED, 0),
            "suppressed": s.get(SUPPRESSED, 0),
        }


class RoundFacts(Protocol):
    def rounds(self, tilbud_id: str | None) -> list[tuple[str, int]]:
        """Every round started (tilbud, year), of one tilbud if given."""
        ...

    def invitations(self, triggers: list[str]) -> dict[str, Invitations]:
        """The invitations of each trigger (none queued: left out)."""
        ...

    def answers(self, tilbud_id: str, year: int) -> list[tuple[str, str]]:
        """The round's answers as (question, respondent ref)."""
        ...


def status_of(invitations: Invitations, answers: Iterable[tuple[str, str]], min_group: int) -> str:
    """``inviting`` while an invitation waits to be sent; then ``published`` once a
    question has a group of ``min_group`` respondents (its result is published), else
    ``collecting``."""
    if invitations.waiting:
        return INVITING
    per_question: dict[str, int] = {}
    for question, _ref in answers:
        per_question[question] = per_question.get(question, 0) + 1
    if any(n >= max(min_group, 1) for n in per_question.values()):
        return PUBLISHED
    return COLLECTING


class SurveyRounds:
    def __init__(self, facts: RoundFacts, min_group: int) -> None:
        self._facts = facts
        self._min_group = min_group

    def page(self, tilbud_id: str | None, limit: int, offset: int) -> tuple[list[SurveyRound], int]:
        """One page of the rounds, the newest year first, then by tilbud; and how many."""
        found = sorted(self._facts.rounds(tilbud_id), key=lambda r: (-r[1], r[0]))
        chosen = found[offset : offset + limit]
        sent = self._facts.invitations([trigger_of(t, y) for t, y in chosen])
        return [self._round(t, y, sent.get(trigger_of(t, y))) for t, y in chosen], len(found)

    def one(self, tilbud_id: str, year: int) -> SurveyRound:
        """One round (404 ``survey_round_not_found`` when it was never started)."""
        if (tilbud_id, year) not in self._facts.rounds(tilbud_id):
            raise NotFoundError("survey_round_not_found", "no survey round for that year")
        trigger = trigger_of(tilbud_id, year)
        return self._round(tilbud_id, year, self._facts.invitations([trigger]).get(trigger))

    def _round(self, tilbud_id: str, year: int, sent: Invitations | None) -> SurveyRound:
        invitations = sent or Invitations()
        answers = self._facts.answers(tilbud_id, year)
        answered = len({ref for _q, ref in answers})
        invited = invitations.invited
        return SurveyRound(
            tilbud_id,
            year,
            status_of(invitations, answers, self._min_group),
            invitations.first_at,
            invitations,
            answered,
            round(answered / invited, 4) if invited else None,
        )
