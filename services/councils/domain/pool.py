"""The ``ParticipantBudgetPool`` aggregate: one pool per year (seed 004: 100,000 kr).

Councils apply for participant budgets (activity, amount, the relatives who initiate
it); the follow group grants in full or in part, or rejects with a reason; grants are
disbursed and the spending reported. The sum granted never exceeds the pool: every
grant is checked against the balance inside the aggregate, and grants to one pool are
applied one after another (one aggregate, one writer), so racing grants cannot
overspend.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.councils.domain.council_privacy import ErasablePart, erasure_marks, parse_subject
from services.councils.domain.enums import ApplicationStatus as S
from services.councils.domain.follow_group import Decider
from services.councils.domain.pool_activities import ActivitiesPart, forget_report
from services.councils.domain.validation import (
    MAX_YEAR,
    MIN_YEAR,
    require_amount,
    require_count,
    require_known,
    require_new_id,
    require_text,
    require_text_list,
)
from shared.aggregate_parts import AssembledFromParts
from shared.errors import DomainError

NAMESPACE = UUID("2f4b8e0c-6a1d-4c7e-8b3f-5e9a0d1c2b47")
Record = dict[str, Any]


class ParticipantBudgetPool(Aggregate, ActivitiesPart, ErasablePart, metaclass=AssembledFromParts):
    """A year's pool of participant budgets with its applications and decisions."""

    @staticmethod
    def create_id(year: int) -> UUID:
        return uuid5(NAMESPACE, f"pool|{year}")

    @classmethod
    def open(cls, *, year: int, amount: int, actor: str) -> ParticipantBudgetPool:
        """Open the pool of ``year`` with ``amount`` kroner."""
        return cls(
            year=require_count(year, "year", minimum=MIN_YEAR, maximum=MAX_YEAR),
            amount=require_amount(amount, "amount"),
            actor=require_text(actor, "actor"),
        )

    @event("Opened")
    def __init__(self, *, year: int, amount: int, actor: str) -> None:
        self.year = year
        self.amount = amount
        self.granted_total = 0
        self.applications: dict[str, Record] = {}

    def __repr__(self) -> str:
        return f"ParticipantBudgetPool(year={self.year}, version={self.version})"

    def forget(self, subject_id: str) -> None:
        """An application's free text (activity, rejection reason) is dropped."""
        _, _, application_id = parse_subject(subject_id)
        application = self.applications.get(application_id or "")
        if application is not None:
            application.update(activity=None, reason=None)
            forget_report(application)

    @property
    def balance(self) -> int:
        """What is left to grant."""
        return self.amount - self.granted_total

    def apply(
        self,
        application_id: str,
        council_id: str,
        activity: str,
        amount: int,
        initiators: list[str],
        actor: str,
        *,
        electorate: Collection[str],
    ) -> None:
        """A council applies for a participant budget for an activity; the initiators are
        relatives in the electorate of the council's tilbud."""
        if any(r not in electorate for r in initiators):
            raise DomainError(
                "initiator_not_in_electorate",
                "The initiators must be relatives at the council's tilbud.",
            )
        self._application_received(
            application_id=require_new_id(
                application_id, self.applications, "application_exists", "application_id"
            ),
            council_id=require_text(council_id, "council_id"),
            activity=require_text(activity, "activity"),
            amount=require_amount(amount, "amount"),
            initiators=require_text_list(initiators, "initiators", non_empty=True),
            actor=require_text(actor, "actor"),
        )

    @event("ApplicationReceived")
    def _application_received(
        self,
        application_id: str,
        council_id: str,
        activity: str,
        amount: int,
        initiators: list[str],
        actor: str,
    ) -> None:
        self.applications[application_id] = {
            "application_id": application_id,
            "council_id": council_id,
            "activity": activity,
            "requested": amount,
            "initiators": list(initiators),
            "status": S.APPLIED.value,
            "granted": 0,
            "reason": None,
            "decided_by": None,
            "disbursed": 0,
            "spent": None,
        }

    def _undecided(self, application_id: str) -> Record:
        require_known(application_id, self.applications, "application")
        application = self.applications[application_id]
        if application["status"] != S.APPLIED:
            raise DomainError(
                "already_decided", "The application is decided.", status=application["status"]
            )
        return application

    def grant(self, application_id: str, amount: int | None, by: Decider) -> int:
        """Grant in full (no amount) or in part; never more than the balance."""
        application = self._undecided(application_id)
        amount = application["requested"] if amount is None else require_amount(amount, "amount")
        if amount > application["requested"]:
            raise DomainError(
                "grant_exceeds_request",
                "A grant cannot exceed the amount applied for.",
                requested=application["requested"],
            )
        if amount > self.balance:
            raise DomainError(
                "grant_exceeds_balance",
                "The pool does not hold enough for this grant.",
                balance=self.balance,
                amount=amount,
            )
        self._granted(application_id=application_id, amount=amount, **_decision(by))
        return self.balance

    # Decision events record the decider's user id (``actor``), their follow-group
    # ``member_id`` (None when a leader acted for the group) and ``decided_as``. The
    # defaults let events stored before this was recorded replay.
    @event("Granted")
    def _granted(
        self,
        application_id: str,
        amount: int,
        actor: str,
        member_id: str | None = None,
        decided_as: str | None = None,
    ) -> None:
        self.applications[application_id].update(
            status=S.GRANTED.value, granted=amount, decided_by=_by(actor, member_id)
        )
        self.granted_total += amount

    def reject(self, application_id: str, reason: str, by: Decider) -> None:
        """Reject the application, giving the reason."""
        self._undecided(application_id)
        self._rejected(
            application_id=application_id, reason=require_text(reason, "reason"), **_decision(by)
        )

    @event("Rejected")
    def _rejected(
        self,
        application_id: str,
        reason: str,
        actor: str,
        member_id: str | None = None,
        decided_as: str | None = None,
    ) -> None:
        self.applications[application_id].update(
            status=S.REJECTED.value, reason=reason, decided_by=_by(actor, member_id)
        )

    def disburse(self, application_id: str, by: Decider) -> None:
        """Pay out the granted amount."""
        require_known(application_id, self.applications, "application")
        application = self.applications[application_id]
        if application["status"] != S.GRANTED:
            raise DomainError("not_granted", "Only a granted budget is disbursed (once).")
        self._disbursed(
            application_id=application_id, amount=application["granted"], **_decision(by)
        )

    @event("Disbursed")
    def _disbursed(
        self,
        application_id: str,
        amount: int,
        actor: str,
        member_id: str | None = None,
        decided_as: str | None = None,
    ) -> None:
        self.applications[application_id].update(status=S.DISBURSED.value, disbursed=amount)

    def report_spending(self, application_id: str, spent: int, actor: str) -> None:
        """Report what the activity cost; never more than was disbursed."""
        require_known(application_id, self.applications, "application")
        application = self.applications[application_id]
        if application["status"] != S.DISBURSED:
            raise DomainError("not_disbursed", "Spending is reported once, after disbursement.")
        spent = require_count(spent, "spent")
        if spent > application["disbursed"]:
            raise DomainError(
                "spending_exceeds_grant",
                "More was spent than disbursed.",
                disbursed=application["disbursed"],
            )
        self._spending_reported(application_id=application_id, spent=spent, actor=actor)

    @event("SpendingReported")
    def _spending_reported(self, application_id: str, spent: int, actor: str) -> None:
        self.applications[application_id].update(status=S.SPENDING_REPORTED.value, spent=spent)

    def to_state(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "year": self.year,
            "amount": self.amount,
            "granted_total": self.granted_total,
            "balance": self.balance,
            "applications": list(self.applications.values()),
            "erased_subjects": erasure_marks(self),
        }


def _decision(by: Decider) -> dict[str, Any]:
    return {"actor": by.actor, "member_id": by.member_id, "decided_as": by.decided_as}


def _by(actor: str, member_id: str | None) -> Record:
    return {"actor": actor, "member_id": member_id}
