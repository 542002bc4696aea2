"""Retention: the subjects of cases closed longer than the retention period are erased
(``SubjectErased`` with reason ``retention_expired``), except on a case under legal hold.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from services.cases.adapters.case_subjects import case_subjects
from services.cases.adapters.privacy import case_eraser
from services.cases.adapters.private_store import PrivateCasesApplication
from services.cases.application import CaseCommands, now_utc
from services.cases.domain.case import CollaborationCase
from services.cases.domain.case_legal_hold import legal_hold
from services.cases.domain.case_privacy import ErasureReason, erasures
from services.cases.domain.enums import CaseStatus

_PAGE = 1000
REASON = ErasureReason.RETENTION_EXPIRED.value


@dataclass(frozen=True)
class Expired:
    """A case closed longer than the period: the subjects still to erase, and any hold."""

    case_id: str
    closed_at: str
    subjects: list[str]
    legal_hold: dict[str, Any] | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Retention:
    """Finds expired cases and erases their subjects (API-free: the CLI runs it)."""

    def __init__(
        self,
        app: PrivateCasesApplication,
        commands: CaseCommands,
        days: int,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        self.app = app
        self.commands = commands
        self.days = days
        self.clock = clock

    def _closed_case_ids(self) -> list[UUID]:
        """Every case that was ever closed (a reopened one is checked on load)."""
        topic = get_topic(getattr(CollaborationCase, "Closed"))  # noqa: B009 (made by @event)
        found: dict[UUID, None] = {}  # ordered, without duplicates
        start = 1
        while True:
            page = self.app.recorder.select_notifications(start, _PAGE, topics=[topic])
            for notification in page:
                found[UUID(str(notification.originator_id))] = None
            if len(page) < _PAGE:
                return list(found)
            start = page[-1].id + 1

    def expired(self) -> list[Expired]:
        """The cases closed before now minus the period, with subjects not yet erased."""
        cutoff = self.clock() - timedelta(days=self.days)
        result = []
        for case_id in self._closed_case_ids():
            case = self.app.get_case(case_id)
            closed_at = (case.closure or {}).get("closed_at")
            if case.status != CaseStatus.CLOSED or closed_at is None or closed_at > cutoff:
                continue
            done = erasures(case)
            subjects = [
                s
                for s in case_subjects(self.app.keys.db, str(case_id))
                if s not in done and not s.startswith("system:")
            ]
            if subjects:
                hold = legal_hold(case)
                held = {k: _text(v) for k, v in hold.items()} if hold else None
                result.append(Expired(str(case_id), closed_at.isoformat(), subjects, held))
        return result

    async def apply(self, actor: str) -> list[dict[str, Any]]:
        """Erase the subjects of every expired case not under legal hold."""
        eraser = case_eraser(self.app, self.commands)
        done = []
        for item in await asyncio.to_thread(self.expired):
            if item.legal_hold is not None:
                continue
            for subject in item.subjects:
                outcome = await eraser.erase(subject, REASON, actor)
                done.append(outcome)
        return done


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
