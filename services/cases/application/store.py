"""The cases event store: the eventsourcing Application and its reads."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application

from services.cases.domain.case import CollaborationCase
from shared.errors import NotFoundError


class CasesApplication(Application[UUID]):
    """Event store and repository of collaboration cases."""

    name = "cases"
    is_snapshotting_enabled = True

    def __init__(self, env: dict[str, str], snapshot_interval: int = 50) -> None:
        # The interval is configuration, so it is set per instance.
        self.snapshotting_intervals = {CollaborationCase: snapshot_interval}  # type: ignore[misc]
        super().__init__(env)

    def get_case(self, case_id: UUID, version: int | None = None) -> CollaborationCase:
        try:
            case: CollaborationCase = self.repository.get(case_id, version=version)
        except AggregateNotFoundError as exc:
            raise NotFoundError("case_not_found", "no case with that id") from exc
        return case

    def history(self, case_id: UUID) -> list[Any]:
        events = list(self.repository.event_store.get(case_id))
        if not events:
            raise NotFoundError("case_not_found", "no case with that id")
        return events
